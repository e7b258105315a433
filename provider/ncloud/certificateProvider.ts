/**
 * The AdvancedCertificate's lifecycle against NCP: create (key, CSR, exactly one paid order), read (status, DCV
 * records, issued chain), update (in-place flags, resuming an unfinished create), delete.
 *
 * Runs in the dynamic-provider host, loaded by the serialized forwarder from `pulumi-certmanager-kr/provider`.
 * Never logs inputs or state: they hold the private key.
 */
import { buildCsr, parseCsr } from "../crypto/csr";
import { generateKeyPair, type KeyMaterial, loadPrivateKey, publicKeysEqual } from "../crypto/keys";
import { parseCertificate } from "../crypto/x509";
import { ApiError } from "../shared/errors";
import { normalizePem } from "../shared/pem";
import { isTransient, retryPolicyFromEnv } from "../shared/retry";
import { diffCertificate, endedCertificateNote, renewalDue } from "./certificateDiff";
import { explainDrift, ncpIdentity, observedIdentity, sameSerial } from "./certificateDrift";
import {
  type CheckedInputs,
  checkInputs,
  DEFAULT_DELETE_IN_USE_TIMEOUT_MINUTES,
  keySourceOf,
  nextName,
} from "./certificateInputs";
import {
  type CertificateState,
  type DcvRecordOutput,
  FAILED_STATUSES,
  INPUT_FIELDS,
  ISSUED_STATUSES,
} from "./certificateState";
import type { NcloudCertificateManagerClient } from "./client";
import { ncloudClient } from "./settings";
import type { CertificateSummary } from "./types";

type Props = Record<string, unknown>;

/** Pulumi's partial-initialisation error: the order exists, so the engine must record it (id + state). */
export class ResourceInitError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Props,
    readonly reasons: string[],
  ) {
    super(message);
    this.name = "ResourceInitError";
  }
}

export async function check(olds: Props, news: Props) {
  const { inputs, failures } = checkInputs(news, olds);
  return { inputs: { ...inputs, __provider: news.__provider }, failures };
}

/** Preview's word on what a replacement costs: a replacement is a new paid order, which nothing else in the plan says. */
function replacementNote(id: string, olds: Props, news: Props, replaces: string[]): string {
  const newName = typeof news.certificateName === "string" ? `"${news.certificateName}"` : "the new name";
  return (
    `certificate ${id} ("${String(olds.certificateName)}"): changing ${replaces.filter((f) => f !== "certificateName").join(", ") || "certificateName"} ` +
    `replaces it with a NEW PAID ORDER (${newName}), placed before ${id} is deleted; to keep the order, revert the change`
  );
}

export async function diff(id: string, olds: Props, news: Props) {
  const d = diffCertificate(olds as Partial<CertificateState>, news);
  // Shown by the engine as provider output beside the planned replacement.
  if (d.deadOrder) console.log(d.deadOrder);
  else if (d.replaces.length > 0) console.log(replacementNote(id, olds, news, d.replaces));
  else if (d.renewal) console.log(d.renewal);
  else if (d.converge) console.log(d.converge);
  else {
    const ended = endedCertificateNote(olds as Partial<CertificateState>);
    if (ended) console.log(ended);
  }
  return { changes: d.changes, replaces: d.replaces, deleteBeforeReplace: d.deadOrder !== undefined };
}

export async function create(inputs: Props): Promise<{ id: string; outs: Props }> {
  const client = ncloudClient();
  const i = inputs as unknown as CheckedInputs;
  if (i.adoptCertificateNo !== undefined) return adopt(client, inputs, i);

  const material = await keyMaterial(i);
  // NCP certificate names are unique: an existing one means a name clash or an interrupted earlier `up`.
  // Either way, ordering again would fail (or double-bill), so stop and say what to do.
  const existing = (await client.findPaidCertificatesByName(i.certificateName)).filter((c) => c.statusCode !== "-6");
  if (existing.length > 0) {
    const c = existing[0];
    throw new Error(
      `An NCP certificate named "${i.certificateName}" already exists (certificateNo ${c.certificateNo}, status ${c.statusName ?? c.statusCode}). ` +
        "Certificate names are unique in NCP: if this is the certificate being replaced, give the new one another certificateName " +
        `(e.g. "${nextName(i.certificateName)}"); if it was ordered by an interrupted \`pulumi up\`, set adoptCertificateNo: ${c.certificateNo} to take it over.`,
    );
  }

  const placed = await placeOrderOnce(client, i, material.csrPem);
  let { certificateNo } = placed;
  const { requestSn, regDate } = placed;
  if (certificateNo === undefined) {
    const [found] = await client.findPaidCertificatesByName(i.certificateName);
    if (!found)
      throw new Error(
        `NCP accepted the order for "${i.certificateName}" but returned no certificate number and lists none`,
      );
    certificateNo = found.certificateNo;
  }

  const state: CertificateState = {
    ...i,
    certificateNo,
    requestSn,
    regDate,
    statusCode: "0",
    statusName: "ONGOING",
    keySource: keySourceOf(inputs),
    csrPem: material.csrPem,
    privateKeyPem: material.privateKeyPem,
    publicKeyPem: material.publicKeyPem,
    dcvRecords: [],
    privateKeyRegistered: false,
  };
  return { id: String(certificateNo), outs: await converge(client, inputs, state) };
}

export async function read(id: string, props: Props = {}): Promise<{ id: string; props: Props; inputs?: Props }> {
  const client = ncloudClient();
  const state = props as unknown as CertificateState;
  const entry = await findTracked(client, state, trackedNumber(id, state));
  if (!entry || entry.statusCode === "-6") {
    report(state, Number(id), ["no longer exists in NCP (deleted outside Pulumi); refresh removes it from the stack"]);
    return { id: "", props: {} };
  }
  const no = entry.certificateNo;
  const fresh = await observe(client, { ...state, certificateNo: no }, entry);
  const notes = explainDrift(state, { ...state, ...fresh });
  if (String(no) !== id) notes.unshift(renumberedNote(id, no, entry));
  report(state, Number(id), notes);
  const outs = compact({ ...props, ...fresh, certificateNo: no });
  return { id: String(no), props: outs, inputs: inputsOf(outs as unknown as CertificateState) };
}

export async function update(id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
  const client = ncloudClient();
  const old = olds as unknown as CertificateState;
  const i = news as unknown as CheckedInputs;
  // Only in-place fields reach update (diff replaces on everything else), so the order itself is unchanged:
  // take the settings from the new inputs (also when removed) and keep everything observed or generated.
  const state: CertificateState = { ...old, certificateNo: Number(id) };
  for (const field of [
    "autoRenewal",
    "registerPrivateKey",
    "waitForIssuance",
    "adoptCertificateNo",
    "deleteInUseTimeoutMinutes",
    "revokeOnDestroy",
    "renewBeforeDays",
  ] as const) {
    (state as unknown as Props)[field] = i[field];
  }
  // Only key.reuseOnRenewal can differ in place (any other key change replaces).
  if (i.key !== undefined && state.key !== undefined) state.key = i.key;
  return { outs: await converge(client, news, state) };
}

export async function remove(id: string, props: Props): Promise<void> {
  const client = ncloudClient();
  const state = props as unknown as CertificateState;
  let no = trackedNumber(id, state);
  // NCP deletes by number and current name: a console rename (seen by refresh, or found below) must not block it.
  let name = ncpIdentity(state).certificateName ?? state.certificateName;
  if (state.revokeOnDestroy) await revokeBeforeDelete(client, state, no);
  // A load balancer may still be switching to the replacement: keep trying for a bounded window.
  const windowMs = (state.deleteInUseTimeoutMinutes ?? DEFAULT_DELETE_IN_USE_TIMEOUT_MINUTES) * 60_000;
  const deadline = Date.now() + windowMs;
  const pauseMs = Math.min(30_000, Math.max(1_000, windowMs / 20));
  for (;;) {
    try {
      await client.deleteCertificate(no, name);
      return;
    } catch (err) {
      if (!(err instanceof ApiError && err.kind === "api" && err.code === "1004")) throw err;
      // 1004 covers both "in use" and "no such name/number": look before deciding.
      const entry = await findTracked(client, state, no);
      if (!entry || entry.statusCode === "-6") return; // already gone: deleting is done
      if (entry.certificateNo !== no || entry.certificateName !== name) {
        // renumbered by a reissue, or renamed in the console: delete what the order holds now, under its name
        no = entry.certificateNo;
        name = entry.certificateName;
        continue;
      }
      if (entry.usedInstanceNoList.length === 0) throw err;
      if (Date.now() + pauseMs > deadline) {
        throw new Error(
          `NCP refused to delete certificate "${state.certificateName}" (certificateNo ${no}): it is still used by ${entry.usedInstanceNoList.join(", ")}` +
            (windowMs > 0 ? ` after ${Math.round(windowMs / 60_000)} minute(s) of retrying` : "") +
            ". Detach it first: point the load balancer listener (ssl_certificate_no) at the new certificate or delete the listener, then run the command again. " +
            `(NCP said: ${err.apiMessage ?? err.message})`,
        );
      }
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  }
}

/** Revokes an issued certificate before it is deleted (irreversible, so only on explicit request). */
async function revokeBeforeDelete(
  client: NcloudCertificateManagerClient,
  state: CertificateState,
  no: number,
): Promise<void> {
  const entry = await findTracked(client, state, no);
  if (!entry || (entry.statusCode !== "1" && entry.statusCode !== "2") || !entry.orderId) return; // nothing to revoke
  await client.revoke({
    orderId: entry.orderId,
    certificateNo: entry.certificateNo,
    revokeType: state.revokeOnDestroy?.reason ?? "unspecified",
  });
}

/** Brings a certificate's outputs up to date and applies the in-place settings; wraps failures as partial init. */
async function converge(
  client: NcloudCertificateManagerClient,
  inputs: Props,
  state: CertificateState,
): Promise<Props> {
  let current = state;
  try {
    const entry = await findTracked(client, state, state.certificateNo);
    if (!entry) throw new Error(`certificate ${state.certificateNo} ("${state.certificateName}") is not listed by NCP`);
    current = await observeTracked(client, current, entry);
    if (current.keyMatchesCertificate === false) {
      throw new Error(
        `the certificate NCP issued for ${current.certificateNo} does not match this resource's key (reissued with another key outside Pulumi?)`,
      );
    }

    if (current.autoRenewal !== undefined && current.autoRenewal !== current.autoRenewalEnabled) {
      await client.setCertificateRenewal(current.certificateNo, current.autoRenewal);
      current.autoRenewalEnabled = current.autoRenewal;
    }
    if (renewalDue(current, current as unknown as Props)) current = await renew(client, current);
    if (current.waitForIssuance && !ISSUED_STATUSES.has(current.statusCode)) {
      current = await waitForIssuance(client, current);
    }
    if (current.registerPrivateKey && current.statusCode === "2" && current.privateKeyPem) {
      await registerKey(client, current);
      current = { ...current, statusCode: "1", statusName: "NORMAL", privateKeyRegistered: true };
    }
    return compact(current as unknown as Props);
  } catch (err) {
    if (err instanceof ReissueOutcomeUnknown) current = err.state;
    const reason = err instanceof Error ? err.message : String(err);
    const message =
      `certificate ${current.certificateNo} ("${current.certificateName}") was ordered, but finishing it failed: ${reason}. ` +
      "The order is recorded in the stack; the next `pulumi up` resumes it without ordering again.";
    // Keep __provider (from the inputs) so a later refresh/destroy can load the provider. The engine shows the
    // reasons, not the message, so the reason carries the whole explanation.
    throw new ResourceInitError(
      message,
      String(current.certificateNo),
      compact({ ...inputs, ...(current as unknown as Props) }),
      [message],
    );
  }
}

function report(state: Partial<CertificateState>, no: number, notes: string[]): void {
  // The provider's stdout is shown by the engine as diagnostics next to the resource.
  for (const note of notes) console.log(`ncloud.AdvancedCertificate "${state.certificateName}" (${no}): ${note}`);
}

/**
 * Registers the key, surviving lost answers: after a transient failure the status tells whether NCP took the key
 * (NORMAL) before the call is sent again, because a second registration of a registered key is refused.
 */
async function registerKey(client: NcloudCertificateManagerClient, state: CertificateState): Promise<void> {
  const policy = retryPolicyFromEnv();
  for (let attempt = 1; ; attempt++) {
    try {
      await client.registPrivateKey(state.certificateNo, state.privateKeyPem as string);
      return;
    } catch (err) {
      if (!isTransient(err) || attempt >= policy.maxAttempts) throw err;
      const entry = await findByNumber(client, state.certificateName, state.certificateNo);
      if (entry?.statusCode === "1") return;
      await new Promise((r) => setTimeout(r, policy.baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}

/** The state brought up to date from the tracked entry, moving to its number if NCP renumbered it (and saying so). */
async function observeTracked(
  client: NcloudCertificateManagerClient,
  state: CertificateState,
  entry: CertificateSummary,
): Promise<CertificateState> {
  let current = state;
  if (entry.certificateNo !== current.certificateNo) {
    report(current, current.certificateNo, [renumberedNote(String(current.certificateNo), entry.certificateNo, entry)]);
    current = { ...current, certificateNo: entry.certificateNo };
  }
  return { ...current, ...(await observe(client, current, entry)) };
}

/** Everything we can learn about a certificate from NCP right now, given its list entry. */
async function observe(
  client: NcloudCertificateManagerClient,
  state: CertificateState,
  entry: CertificateSummary,
): Promise<Partial<CertificateState>> {
  const out: Partial<CertificateState> = {
    statusCode: entry.statusCode,
    statusName: entry.statusName ?? entry.statusCode,
    orderId: entry.orderId ?? state.orderId,
    regDate: entry.regDate ?? state.regDate,
    revokeDate: entry.revokeDate ?? state.revokeDate,
    privateKeyRegistered: entry.statusCode === "1" || state.privateKeyRegistered === true,
  };
  // NCP's identity is reported beside the program's, never over it (see certificateDrift.ts).
  const ncpCommonName = (entry.commonName ?? state.commonName).toLowerCase();
  const ncp = {
    certificateName: entry.certificateName || state.certificateName,
    commonName: ncpCommonName,
    dnsNames: [...entry.dnsNames.map((d) => d.toLowerCase()).filter((d) => d !== ncpCommonName)].sort(),
  };
  out.observed = observedIdentity(state, ncp);
  if (state.pendingReissueUnconfirmed && reissueUnderWay(entry, state)) out.pendingReissueUnconfirmed = undefined;
  const domains = [ncp.commonName, ...ncp.dnsNames];
  const needDcv =
    entry.statusCode === "0" ||
    state.dcvRecords === undefined ||
    state.dcvRecords.length !== domains.length ||
    state.dcvRecords.some((r) => r.status !== "VALID_STATUS_SUCCESS");
  out.dcvRecords = needDcv ? await dcvRecords(client, state.certificateNo, domains) : state.dcvRecords;

  const issuedLike = ISSUED_STATUSES.has(entry.statusCode) || entry.statusCode === "-2" || entry.statusCode === "-5";
  const serialChanged = !!entry.serialNumber && !sameSerial(entry.serialNumber, state.serialNumber);
  if (issuedLike && (!state.certificatePem || serialChanged)) {
    Object.assign(out, await issuedChain(client, state));
  }
  return out;
}

async function dcvRecords(
  client: NcloudCertificateManagerClient,
  certificateNo: number,
  domains: string[],
): Promise<DcvRecordOutput[]> {
  const records: DcvRecordOutput[] = [];
  for (const domain of domains) {
    for (const r of await client.getVerificationInfo(certificateNo, domain)) {
      records.push({ domain, recordType: r.recordType, name: r.name, value: r.value, status: r.validStatusCode });
    }
  }
  // Sorted by domain so the API's order never shows up as drift.
  return records.sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : a.name < b.name ? -1 : 1));
}

async function issuedChain(
  client: NcloudCertificateManagerClient,
  state: CertificateState,
): Promise<Partial<CertificateState>> {
  const chain = await client.exportCertificateChain(state.certificateNo);
  const certificatePem = normalizePem(chain.certificate);
  const leaf = parseCertificate(certificatePem);
  // During a renewal the new certificate carries the pending key; once it is here, the pending material takes over.
  const expectedKey = state.pendingPublicKeyPem ?? state.publicKeyPem;
  const keyMatches = expectedKey ? publicKeysEqual(leaf.publicKeyPem, expectedKey) : undefined;
  const swap: Partial<CertificateState> =
    state.pendingCsrPem && keyMatches
      ? {
          csrPem: state.pendingCsrPem,
          privateKeyPem: state.pendingPrivateKeyPem ?? state.privateKeyPem,
          publicKeyPem: expectedKey,
          pendingCsrPem: undefined,
          pendingPrivateKeyPem: undefined,
          pendingPublicKeyPem: undefined,
        }
      : {};
  const chainPem = chain.subCaCertificate ? normalizePem(chain.subCaCertificate) : undefined;
  return {
    certificatePem,
    chainPem,
    fullChainPem: chainPem ? `${certificatePem}${chainPem}` : certificatePem,
    rootCertificatePem: chain.rootCaCertificate ? normalizePem(chain.rootCaCertificate) : undefined,
    notBefore: leaf.notBefore,
    notAfter: leaf.notAfter,
    serialNumber: leaf.serialNumber,
    fingerprintSha256: leaf.fingerprintSha256,
    publicKeyPem: state.publicKeyPem ?? leaf.publicKeyPem,
    keyMatchesCertificate: keyMatches,
    ...swap,
  };
}

/**
 * Renews within the order: a fresh key (unless key.reuseOnRenewal, a supplied key or a supplied CSR), a new CSR,
 * and NCP's reissue call — never a new paid order. The new key stays pending, and the outputs keep the current
 * certificate and its key, until the reissued certificate is issued (so consumers never see a mismatched pair).
 */
async function renew(client: NcloudCertificateManagerClient, state: CertificateState): Promise<CertificateState> {
  let csr: string;
  let pendingPrivateKeyPem: string | undefined;
  let pendingPublicKeyPem: string | undefined;
  if (state.pendingReissueUnconfirmed && state.pendingCsrPem) {
    // An earlier reissue may have reached NCP: send the same CSR, so whichever arrives matches the kept key.
    csr = state.pendingCsrPem;
    pendingPrivateKeyPem = state.pendingPrivateKeyPem;
    pendingPublicKeyPem = state.pendingPublicKeyPem;
  } else if (state.keySource === "csrPem") {
    csr = state.csrPem as string; // the user's CSR: its key never reached us
  } else {
    const reuse = state.keySource !== "generated" || state.key?.reuseOnRenewal === true;
    const key = reuse
      ? loadPrivateKey(state.privateKeyPem as string, "privateKeyPem")
      : await generateKeyPair(state.key ?? { algorithm: "RSA", rsaBits: 2048 });
    csr = buildCsr({
      privateKey: key.privateKey,
      commonName: state.commonName,
      dnsNames: state.dnsNames,
      subject: state.subject,
    });
    if (!reuse) {
      pendingPrivateKeyPem = key.privateKeyPem;
      pendingPublicKeyPem = key.publicKeyPem;
    }
  }
  const requested: CertificateState = {
    ...state,
    statusCode: "0",
    statusName: "ONGOING",
    pendingCsrPem: csr,
    pendingPrivateKeyPem,
    pendingPublicKeyPem,
    pendingReissueUnconfirmed: undefined,
    privateKeyRegistered: false,
  };
  const label = `ncloud.AdvancedCertificate "${state.certificateName}" (${state.certificateNo})`;
  try {
    await client.reissue(state.certificateNo, {
      csr,
      certificateName: state.certificateName,
      commonName: state.commonName,
      dnsName: state.dnsNames,
      validationMethod: state.validationMethod,
    });
  } catch (err) {
    if (!isTransient(err)) throw err; // refused: NCP changed nothing, and the current key stays
    // The answer was lost or NCP failed mid-way: it may hold the new CSR. Look before deciding, and never drop a
    // key a certificate may be issued for.
    const entry = await findTracked(client, state, state.certificateNo).catch(() => undefined);
    if (entry && reissueUnderWay(entry, state)) {
      console.log(`${label}: the reissue's answer was lost, but NCP shows it under way`);
      return { ...requested, certificateNo: entry.certificateNo };
    }
    throw new ReissueOutcomeUnknown(
      { ...state, pendingCsrPem: csr, pendingPrivateKeyPem, pendingPublicKeyPem, pendingReissueUnconfirmed: true },
      err,
    );
  }
  console.log(`${label}: reissue requested for renewal`);
  return requested;
}

/** Whether NCP's entry shows a reissue taken since `state` was observed: in progress again, renumbered or re-served. */
function reissueUnderWay(entry: CertificateSummary, state: CertificateState): boolean {
  return (
    entry.statusCode === "0" ||
    entry.certificateNo !== state.certificateNo ||
    (!!entry.serialNumber && !sameSerial(entry.serialNumber, state.serialNumber))
  );
}

/** A reissue that may or may not have reached NCP; `state` keeps the pending key and CSR for the next attempt. */
class ReissueOutcomeUnknown extends Error {
  constructor(
    readonly state: CertificateState,
    cause: unknown,
  ) {
    super(
      `the renewal reissue may not have reached NCP (${cause instanceof Error ? cause.message : String(cause)}). ` +
        "The new key and CSR are kept in the stack: the next `pulumi up` sends the same CSR again, and a certificate NCP issues for either request will match the kept key",
    );
  }
}

/** Polls until issued, a terminal failure, or the resource's own deadline (customTimeouts never reach us). */
async function waitForIssuance(
  client: NcloudCertificateManagerClient,
  state: CertificateState,
): Promise<CertificateState> {
  const wait = state.waitForIssuance as NonNullable<CertificateState["waitForIssuance"]>;
  const deadline = Date.now() + wait.timeoutMinutes * 60_000;
  const interval = (wait.pollIntervalSeconds ?? 10) * 1000;
  let current = state;
  for (;;) {
    if (ISSUED_STATUSES.has(current.statusCode)) return current;
    if (FAILED_STATUSES.has(current.statusCode)) {
      throw new Error(
        `NCP ended the order in status ${current.statusName} (${current.statusCode}); it will not be issued`,
      );
    }
    if (Date.now() + interval > deadline) {
      const pending = current.dcvRecords
        .filter((r) => r.status !== "VALID_STATUS_SUCCESS")
        .map((r) => `${r.recordType} ${r.name} = ${r.value}`);
      throw new Error(
        `not issued within waitForIssuance.timeoutMinutes (${wait.timeoutMinutes}); status ${current.statusName}` +
          (pending.length ? `. Create these DNS records if you have not: ${pending.join("; ")}` : ""),
      );
    }
    await new Promise((r) => setTimeout(r, interval));
    const entry = await findTracked(client, current, current.certificateNo);
    if (!entry) throw new Error(`certificate ${current.certificateNo} disappeared from NCP while waiting for issuance`);
    current = await observeTracked(client, current, entry);
  }
}

async function adopt(
  client: NcloudCertificateManagerClient,
  inputs: Props,
  i: CheckedInputs,
): Promise<{ id: string; outs: Props }> {
  const no = i.adoptCertificateNo as number;
  const entry = await findByNumber(client, i.certificateName, no);
  if (!entry || entry.statusCode === "-6") {
    throw new Error(
      `adoptCertificateNo ${no}: NCP lists no Advanced certificate with that number named "${i.certificateName}". ` +
        "Check the number and set certificateName to the certificate's name as NCP shows it.",
    );
  }
  const sans = entry.dnsNames
    .map((d) => d.toLowerCase())
    .filter((d) => d !== entry.commonName)
    .sort();
  if ((entry.commonName ?? "").toLowerCase() !== i.commonName || sans.join(",") !== i.dnsNames.join(",")) {
    throw new Error(
      `adoptCertificateNo ${no}: the certificate covers ${[entry.commonName, ...sans].join(", ")}, but the inputs say ${[i.commonName, ...i.dnsNames].join(", ")}. ` +
        "Set commonName and dnsNames to match the certificate you adopt.",
    );
  }
  let key: KeyMaterial | undefined;
  if (i.privateKeyPem) key = loadPrivateKey(i.privateKeyPem, "privateKeyPem");
  const state: CertificateState = {
    ...i,
    certificateNo: no,
    statusCode: entry.statusCode,
    statusName: entry.statusName ?? entry.statusCode,
    keySource: keySourceOf(inputs),
    privateKeyPem: i.privateKeyPem,
    publicKeyPem: key?.publicKeyPem,
    dcvRecords: [],
    privateKeyRegistered: entry.statusCode === "1",
  };
  return { id: String(no), outs: await converge(client, inputs, state) };
}

async function keyMaterial(i: CheckedInputs): Promise<{
  csrPem: string;
  privateKeyPem?: string;
  publicKeyPem: string;
}> {
  if (i.csrPem) {
    return { csrPem: i.csrPem, publicKeyPem: parseCsr(i.csrPem, "csrPem").publicKeyPem };
  }
  const key = i.privateKeyPem
    ? loadPrivateKey(i.privateKeyPem, "privateKeyPem")
    : await generateKeyPair(i.key ?? { algorithm: "RSA", rsaBits: 2048 });
  const csrPem = buildCsr({
    privateKey: key.privateKey,
    commonName: i.commonName,
    dnsNames: i.dnsNames,
    subject: i.subject,
  });
  return {
    csrPem,
    privateKeyPem: i.privateKeyPem ?? key.privateKeyPem,
    publicKeyPem: key.publicKeyPem,
  };
}

/**
 * The certificate this resource tracks, by number. NCP's docs leave open whether a reissue keeps certificateNo
 * (unknown #18): when the number is gone, a live certificate of the same name in the same order is its successor and
 * is followed — reporting it deleted would make the next `up` place a new paid order. One look-up by name serves both.
 */
async function findTracked(
  client: NcloudCertificateManagerClient,
  state: Pick<CertificateState, "certificateName" | "orderId">,
  no: number,
): Promise<CertificateSummary | undefined> {
  const sameName = await client.findPaidCertificatesByName(state.certificateName);
  const entry = sameName.find((c) => c.certificateNo === no) ?? (await findInAllPages(client, no));
  if ((entry && entry.statusCode !== "-6") || !state.orderId) return entry;
  const successor = sameName
    .filter((c) => c.certificateNo !== no && c.orderId === state.orderId && c.statusCode !== "-6")
    .sort((a, b) => b.certificateNo - a.certificateNo)[0];
  return successor ?? entry;
}

/** The number to look for: the engine's id, unless an update has already followed a renumbering in the state. */
function trackedNumber(id: string, state: Partial<CertificateState>): number {
  return typeof state.certificateNo === "number" && state.certificateNo > 0 ? state.certificateNo : Number(id);
}

function renumberedNote(oldId: string, no: number, entry: CertificateSummary): string {
  return `NCP now lists this certificate as number ${no} (was ${oldId}; same name, order ${entry.orderId}), as after a reissue: following it`;
}

/**
 * The list entry for a certificate number. NCP has no "get by number" call, so search by name first (cheap), and
 * only if that misses (renamed in the console?) page through all Advanced certificates before calling it gone.
 */
async function findByNumber(
  client: NcloudCertificateManagerClient,
  name: string,
  no: number,
): Promise<CertificateSummary | undefined> {
  const byName = (await client.findPaidCertificatesByName(name)).find((c) => c.certificateNo === no);
  return byName ?? findInAllPages(client, no);
}

async function findInAllPages(
  client: NcloudCertificateManagerClient,
  no: number,
): Promise<CertificateSummary | undefined> {
  const pageSize = 100;
  for (let page = 1; page <= 100; page++) {
    const res = await client.getPaidCertificates({ page, pageSize });
    const hit = res.certificates.find((c) => c.certificateNo === no);
    if (hit) return hit;
    if (res.certificates.length < pageSize || page * pageSize >= res.totalCount) return undefined;
  }
  return undefined;
}

const MAX_ORDER_ATTEMPTS = 3;

/**
 * Places the paid order so that exactly one exists afterwards. The order call itself is never retried blindly: after
 * a failure that may hide a processed order (network error, timeout, 5xx, 429, unreadable body) the name is looked
 * up, and only when NCP still lists no certificate of that name is the order sent again (at most 3 sends).
 * A refusal (4xx, a result code) is final: nothing was ordered.
 */
async function placeOrderOnce(
  client: NcloudCertificateManagerClient,
  i: CheckedInputs,
  csr: string,
): Promise<{ certificateNo?: number; requestSn?: string; regDate?: string }> {
  const policy = retryPolicyFromEnv();
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await client.requestPaidCertificateIssuance({
        csr,
        certificateType: i.certificateType,
        certificateName: i.certificateName,
        commonName: i.commonName,
        dnsName: i.dnsNames,
        validationMethod: i.validationMethod,
        organizationNo: i.organizationNo,
      });
      return { certificateNo: result.certificateNo, requestSn: result.requestSn, regDate: result.regDate };
    } catch (err) {
      if (!isTransient(err)) throw err;
      const found = await findAfterAmbiguousOrder(client, i.certificateName, policy.baseDelayMs);
      if (found) return { certificateNo: found.certificateNo, requestSn: undefined, regDate: found.regDate };
      if (attempt >= MAX_ORDER_ATTEMPTS) {
        throw new Error(
          `${(err as Error).message}. The order was sent ${attempt} times and NCP lists no certificate named "${i.certificateName}", ` +
            "so nothing was ordered; running `pulumi up` again is safe (it looks the name up before ordering).",
        );
      }
      const retryAfterMs =
        err instanceof ApiError && err.retryAfterSeconds !== undefined ? err.retryAfterSeconds * 1000 : 0;
      await new Promise((r) => setTimeout(r, Math.max(retryAfterMs, policy.baseDelayMs * 2 ** (attempt - 1))));
    }
  }
}

async function findAfterAmbiguousOrder(
  client: NcloudCertificateManagerClient,
  name: string,
  baseDelayMs: number,
): Promise<CertificateSummary | undefined> {
  // The order may still be landing: look a few times with growing pauses before concluding it never arrived.
  for (const pauseMs of [0, 2 * baseDelayMs, 6 * baseDelayMs]) {
    if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
    try {
      const found = (await client.findPaidCertificatesByName(name)).find((c) => c.statusCode !== "-6");
      if (found) return found;
    } catch {
      // keep looking; the last attempt decides
    }
  }
  return undefined;
}

/** The input half of the state, for ReadResult.inputs. Supplied PEMs only when they were inputs. */
function inputsOf(state: CertificateState): Props {
  const out: Props = {};
  for (const f of INPUT_FIELDS) if (state[f] !== undefined) out[f] = state[f];
  const internal = (state as unknown as Props).__internal; // the class's resource options (see advancedCertificate.ts)
  if (internal !== undefined) out.__internal = internal;
  if (state.keySource !== "csrPem") delete out.csrPem;
  if (state.keySource !== "privateKeyPem") delete out.privateKeyPem;
  return out;
}

/** Drops undefined values (protobuf Structs cannot carry them). */
function compact(p: Props): Props {
  return JSON.parse(JSON.stringify(p)) as Props;
}

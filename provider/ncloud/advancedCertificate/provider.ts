/**
 * The AdvancedCertificate's lifecycle against NCP: create (key, CSR, exactly one paid order), read (status, DCV
 * records, issued chain), update (in-place flags, resuming an unfinished create), delete.
 *
 * Runs in the dynamic-provider host, loaded by the serialized forwarder from `pulumi-certmanager-kr/provider`.
 * Never logs inputs or state: they hold the private key.
 */
import { buildCsr, parseCsr } from "../../crypto/csr";
import { generateKeyPair, type KeyMaterial, loadPrivateKey } from "../../crypto/keys";
import { compact, ResourceInitError } from "../../dynamic/initError";
import type { NcloudCertificateManagerClient } from "../api/certificateManager";
import { ncloudClient } from "../api/settings";
import { waitUntilIssued } from "../issuanceWait";
import { diffCertificate, endedCertificateNote, renewalDue, updateWork } from "./diff";
import { explainDrift } from "./drift";
import { importedState, isImport } from "./importing";
import { type CheckedInputs, checkInputs, keySourceOf, nextName } from "./inputs";
import { registerKey } from "./keyRegistration";
import { findByNumber, findTracked, renumberedNote, trackedNumber } from "./lookup";
import { OrderUnconfirmed, placeOrderOnce } from "./order";
import { ReissueOutcomeUnknown, renew } from "./renewal";
import { type CertificateState, INPUT_FIELDS, ISSUED_STATUSES } from "./state";
import { observe, observeTracked, report } from "./tracking";
import {
  ordered,
  resolveForLookup,
  resolveForUpdate,
  unconfirmedOrderError,
  unconfirmedState,
} from "./unconfirmedOrder";

type Props = Record<string, unknown>;

/** Outputs an in-place update never changes (a reissue keeps the number, or is followed by the next read). */
const STABLE_ON_UPDATE = ["certificateNo", "certificateName", "commonName", "dnsNames", "dcvRecordNames", "orderId"];

export { remove } from "./delete";
export { ResourceInitError };

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
  if (olds.orderUnconfirmed) {
    console.log(
      `certificate "${String(olds.certificateName)}": the order's answer was lost; up looks it up and takes it over (or resends the same CSR)`,
    );
  } else if (d.deadOrder) console.log(d.deadOrder);
  else if (d.replaces.length > 0) console.log(replacementNote(id, olds, news, d.replaces));
  else if (d.renewal) console.log(d.renewal);
  else if (d.converge) console.log(d.converge);
  else {
    const ended = endedCertificateNote(olds as Partial<CertificateState>);
    if (ended) console.log(ended);
  }
  return {
    changes: d.changes,
    replaces: d.replaces,
    deleteBeforeReplace: d.deadOrder !== undefined,
    // An in-place update (a renewal, a flag) keeps what consumers key on, so preview keeps them known: DNS records
    // and the validation are then planned from real values, not as replacements.
    stables: d.replaces.length === 0 ? [...STABLE_ON_UPDATE] : undefined,
  };
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

  const pending = unconfirmedState(i, keySourceOf(inputs), material);
  const placed = await placeOrderOnce(client, i, material.csrPem).catch((err) => {
    throw err instanceof OrderUnconfirmed ? unconfirmedOrderError(inputs, pending, err) : err;
  });
  let { certificateNo } = placed;
  if (certificateNo === undefined) {
    const [found] = await client.findPaidCertificatesByName(i.certificateName);
    if (!found)
      throw new Error(
        `NCP accepted the order for "${i.certificateName}" but returned no certificate number and lists none`,
      );
    certificateNo = found.certificateNo;
  }
  const state = ordered(pending, certificateNo, placed.requestSn, placed.regDate);
  return { id: String(certificateNo), outs: await converge(client, inputs, state, createFailed) };
}

export async function read(id: string, olds: Props = {}): Promise<{ id: string; props: Props; inputs?: Props }> {
  const client = ncloudClient();
  let props = olds;
  if (isImport(olds)) {
    const imported = await importedState(client, id);
    if (!imported) return { id: "", props: {} };
    props = imported as unknown as Props;
  }
  let state = props as unknown as CertificateState;
  if (state.orderUnconfirmed) {
    const landed = await resolveForLookup(client, state);
    if (!landed) {
      report(state, 0, ["NCP lists no order of this name yet: the next `pulumi up` sends the same CSR again"]);
      return { id, props };
    }
    report(state, landed.certificateNo, ["the order whose answer was lost is in NCP: tracking it"]);
    state = { ...state, certificateNo: landed.certificateNo, orderUnconfirmed: undefined };
    props = { ...props, certificateNo: landed.certificateNo, orderUnconfirmed: undefined };
  }
  const entry = await findTracked(client, state, trackedNumber(id, state));
  if (!entry || entry.statusCode === "-6") {
    report(state, Number(id), ["no longer exists in NCP (deleted outside Pulumi); refresh removes it from the stack"]);
    return { id: "", props: {} };
  }
  const no = entry.certificateNo;
  const fresh = await observe(client, { ...state, certificateNo: no }, entry);
  const notes = explainDrift(state, { ...state, ...fresh });
  if (String(no) !== id && Number(id) > 0) notes.unshift(renumberedNote(id, no, entry));
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
  let state: CertificateState = { ...old, certificateNo: old.orderUnconfirmed ? 0 : Number(id) };
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
  if (state.orderUnconfirmed) state = await resolveForUpdate(client, id, news, state);
  const fields = diffCertificate(old, news).updates.filter((f) => f !== "orderUnconfirmed");
  const failed = old.orderUnconfirmed ? createFailed : updateFailed(updateWork(old, news, fields));
  return { outs: await converge(client, news, state, failed) };
}

/**
 * What a lifecycle step was, for the partial-initialisation message when finishing it fails; `doing` is what
 * converge was doing at the time, in words.
 */
type Failed = (c: CertificateState, reason: string, doing: string) => string;

const createFailed: Failed = (c, reason) =>
  `certificate ${c.certificateNo} ("${c.certificateName}") was ordered, but finishing it failed: ${reason}. ` +
  "The order is recorded in the stack; the next `pulumi up` resumes it without ordering again.";

const adoptFailed: Failed = (c, reason) =>
  `certificate ${c.certificateNo} ("${c.certificateName}") was adopted, but reading it failed: ${reason}. ` +
  "The adoption is recorded in the stack; the next `pulumi up` resumes it.";

/** `work`: what the update does, in words (see updateWork), never diff's internal labels. */
function updateFailed(work: string[]): Failed {
  const what = work.length > 0 ? ` (${work.join("; ")})` : "";
  return (c, reason, doing) =>
    `updating certificate ${c.certificateNo} ("${c.certificateName}")${what} failed while ${doing}: ${reason}. ` +
    "No new order was placed; what was applied is recorded in the stack, and the next `pulumi up` tries the rest again.";
}

/** Brings a certificate's outputs up to date and applies the in-place settings; wraps failures as partial init. */
async function converge(
  client: NcloudCertificateManagerClient,
  inputs: Props,
  state: CertificateState,
  failed: Failed,
): Promise<Props> {
  let current = state;
  let doing = "reading the certificate from NCP";
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
      doing = `switching NCP's automatic renewal ${current.autoRenewal ? "on" : "off"}`;
      await client.setCertificateRenewal(current.certificateNo, current.autoRenewal);
      current.autoRenewalEnabled = current.autoRenewal;
    }
    if (renewalDue(current, current as unknown as Props)) {
      doing = "renewing it by reissue";
      current = await renew(client, current);
      doing = "reading the reissued certificate from NCP";
      // A reissue with one-time validation (D) asks for new TXT values: hand them to the DNS records in this `up`
      // (read through the list, which also follows a reissue that renumbered the certificate).
      const entry = await findTracked(client, current, current.certificateNo);
      if (entry) current = await observeTracked(client, current, entry);
    }
    if (current.waitForIssuance && !ISSUED_STATUSES.has(current.statusCode)) {
      doing = "waiting for issuance";
      current = await waitForIssuance(client, current);
    }
    if (current.registerPrivateKey && current.statusCode === "2" && current.privateKeyPem) {
      doing = "registering the private key with NCP";
      await registerKey(client, current.certificateName, current.certificateNo, current.privateKeyPem);
      current = { ...current, statusCode: "1", statusName: "NORMAL", privateKeyRegistered: true };
    }
    return compact(current as unknown as Props);
  } catch (err) {
    if (err instanceof ReissueOutcomeUnknown) current = err.state;
    const reason = err instanceof Error ? err.message : String(err);
    const message = failed(current, reason, doing);
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

/** `waitForIssuance`: for DNS outside Pulumi; AdvancedCertificateValidation is the one-`up` way. */
async function waitForIssuance(
  client: NcloudCertificateManagerClient,
  state: CertificateState,
): Promise<CertificateState> {
  const wait = state.waitForIssuance as NonNullable<CertificateState["waitForIssuance"]>;
  return waitUntilIssued(
    state,
    async (current) => {
      const entry = await findTracked(client, current, current.certificateNo);
      if (!entry)
        throw new Error(`certificate ${current.certificateNo} disappeared from NCP while waiting for issuance`);
      return observeTracked(client, current, entry);
    },
    {
      timeoutMinutes: wait.timeoutMinutes,
      pollIntervalSeconds: wait.pollIntervalSeconds ?? 10,
      label: `ncloud.AdvancedCertificate "${state.certificateName}" (${state.certificateNo})`,
      timeoutInput: "waitForIssuance.timeoutMinutes",
    },
  );
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
  return { id: String(no), outs: await converge(client, inputs, state, adoptFailed) };
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

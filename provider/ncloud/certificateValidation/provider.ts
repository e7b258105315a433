/**
 * AdvancedCertificateValidation: waits until NCP issues an Advanced certificate and hands on the issued PEMs, so
 * whatever consumes them (a load balancer) waits for issuance too. It owns nothing in NCP: delete does nothing,
 * and a create that times out leaves nothing behind (the next `up` simply waits again), like ACM's
 * CertificateValidation.
 */

import { loadPrivateKey, publicKeysEqual } from "../../crypto/keys";
import { compact } from "../../dynamic/initError";
import { containsUnknown } from "../../shared/unknown";
import { registerKey } from "../advancedCertificate/keyRegistration";
import { findInAllPages, findTracked } from "../advancedCertificate/lookup";
import { ISSUED_STATUSES, WAIT_ENDING_STATUSES } from "../advancedCertificate/state";
import { dcvRecords } from "../advancedCertificate/tracking";
import type { NcloudCertificateManagerClient } from "../api/certificateManager";
import type { CertificateSummary } from "../api/certificateManagerTypes";
import { entryDomains } from "../api/entries";
import { ncloudClient } from "../api/settings";
import { type IssuanceSnapshot, waitUntilIssued } from "../issuanceWait";
import { fetchIssuedChain, type IssuedChain } from "../issuedChain";
import { checkValidationInputs, VALIDATION_INPUT_FIELDS, type ValidationInputs } from "./inputs";

type Props = Record<string, unknown>;

/** The stored state: the checked inputs plus what was issued. */
export interface ValidationState extends ValidationInputs, Omit<IssuedChain, "leafPublicKeyPem"> {
  certificateName: string;
  orderId?: string;
  domains: string[];
  statusCode: string;
  statusName: string;
  privateKeyRegistered?: boolean;
}

export async function check(_olds: Props, news: Props) {
  const { inputs, failures } = checkValidationInputs(news);
  return { inputs: compact({ ...inputs, __provider: news.__provider }), failures };
}

export async function diff(_id: string, olds: Props, news: Props) {
  const changed = VALIDATION_INPUT_FIELDS.filter(
    (f) => containsUnknown(news[f]) || JSON.stringify(olds[f]) !== JSON.stringify(news[f]),
  );
  // Another certificate is another wait; the rest only tunes how this one waits. A number not known yet in preview
  // (its certificate is being updated, e.g. renewed) is not judged: `up` diffs again with the real number.
  const replaces = changed.filter((f) => f === "certificateNo" && !containsUnknown(news[f]));
  return { changes: changed.length > 0, replaces };
}

export async function create(inputs: Props): Promise<{ id: string; outs: Props }> {
  const i = inputs as unknown as ValidationInputs;
  const client = ncloudClient();
  const entry = await findInAllPages(client, i.certificateNo);
  if (!entry || entry.statusCode === "-6") {
    throw new Error(
      `certificateNo ${i.certificateNo}: NCP lists no Advanced certificate with that number; pass the certificateNo output of an ncloud.AdvancedCertificate`,
    );
  }
  const state = await untilIssued(client, i, entry);
  return { id: String(state.certificateNo), outs: strip(state) };
}

export async function update(_id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
  const old = olds as unknown as ValidationState;
  const i = news as unknown as ValidationInputs;
  const client = ncloudClient();
  const entry = await findTracked(client, old, i.certificateNo);
  if (!entry || entry.statusCode === "-6") {
    throw new Error(`certificate ${i.certificateNo} ("${old.certificateName}") no longer exists in NCP`);
  }
  return { outs: strip(await untilIssued(client, i, entry, old)) };
}

export async function read(id: string, olds: Props): Promise<{ id: string; props: Props; inputs?: Props }> {
  const old = olds as unknown as ValidationState;
  const client = ncloudClient();
  const entry = await findTracked(client, old, old.certificateNo ?? Number(id));
  if (!entry || entry.statusCode === "-6") {
    note(
      old,
      `certificate ${old.certificateNo} no longer exists in NCP; refresh removes this validation from the stack`,
    );
    return { id: "", props: {} };
  }
  const next: ValidationState = {
    ...old,
    ...identity(entry),
    ...status(entry),
    privateKeyRegistered: entry.statusCode === "1",
  };
  if (entry.certificateNo !== old.certificateNo) {
    note(
      old,
      `NCP now lists the certificate as number ${entry.certificateNo} (was ${old.certificateNo}): following it`,
    );
  }
  // While a renewal is being reissued (status "0") the issued outputs stay on the certificate still in service.
  if (ISSUED_STATUSES.has(entry.statusCode))
    Object.assign(next, issued(await fetchIssuedChain(client, entry.certificateNo)));
  if (next.serialNumber !== old.serialNumber && old.serialNumber) {
    note(
      old,
      `NCP now serves a new certificate (serial ${next.serialNumber}, valid until ${next.notAfter}): its consumers are updated by the next \`pulumi up\``,
    );
  }
  if (WAIT_ENDING_STATUSES.has(entry.statusCode)) {
    note(old, `the certificate is ${entry.statusName ?? entry.statusCode} (${entry.statusCode}) in NCP`);
  }
  const inputs: Props = {};
  for (const f of VALIDATION_INPUT_FIELDS) if (next[f] !== undefined) inputs[f] = next[f];
  return { id: String(next.certificateNo), props: strip(next), inputs };
}

export async function remove(): Promise<void> {
  // Nothing in NCP belongs to a validation: the certificate is the AdvancedCertificate's to delete.
}

function identity(
  entry: CertificateSummary,
): Pick<ValidationState, "certificateNo" | "certificateName" | "orderId" | "domains"> {
  const { commonName, dnsNames } = entryDomains(entry);
  return {
    certificateNo: entry.certificateNo,
    certificateName: entry.certificateName,
    orderId: entry.orderId,
    domains: [commonName, ...dnsNames].filter((d) => d !== ""),
  };
}

function status(entry: CertificateSummary): Pick<ValidationState, "statusCode" | "statusName"> {
  return { statusCode: entry.statusCode, statusName: entry.statusName ?? entry.statusCode };
}

function issued(chain: IssuedChain): Omit<IssuedChain, "leafPublicKeyPem"> {
  const { leafPublicKeyPem: _unused, ...rest } = chain;
  return rest;
}

/** Waits (when needed) and returns the state with the issued certificate. */
async function untilIssued(
  client: NcloudCertificateManagerClient,
  i: ValidationInputs,
  entry: CertificateSummary,
  old?: ValidationState,
): Promise<ValidationState> {
  const base = { ...old, ...i, ...identity(entry), ...status(entry) } as ValidationState;
  if (!ISSUED_STATUSES.has(entry.statusCode)) {
    let snapshot: ValidationState & IssuanceSnapshot = {
      ...base,
      dcvRecords: await dcvRecords(client, base.certificateNo, base.domains),
    };
    refuseUncovered(snapshot, i.validationRecordFqdns);
    snapshot = await waitUntilIssued(
      snapshot,
      async (current) => {
        const e = await findTracked(client, current, current.certificateNo);
        if (!e || e.statusCode === "-6")
          throw new Error(`certificate ${current.certificateNo} disappeared from NCP while waiting`);
        const next = { ...current, ...identity(e), ...status(e) };
        return { ...next, dcvRecords: await dcvRecords(client, next.certificateNo, next.domains) };
      },
      {
        timeoutMinutes: i.timeoutMinutes,
        pollIntervalSeconds: i.pollIntervalSeconds,
        label: `ncloud.AdvancedCertificateValidation for certificate ${base.certificateNo} ("${base.certificateName}")`,
        timeoutInput: "timeoutMinutes",
      },
    );
    const { dcvRecords: _records, ...rest } = snapshot;
    Object.assign(base, rest);
  }
  const chain = await fetchIssuedChain(client, base.certificateNo);
  const done = { ...base, ...issued(chain) };
  if (i.privateKeyPem && done.statusCode === "2") {
    // NCP load balancers take a certificate only with its key: register it now, in the same `up`.
    if (!publicKeysEqual(chain.leafPublicKeyPem, loadPrivateKey(i.privateKeyPem, "privateKeyPem").publicKeyPem)) {
      throw new Error(
        `privateKeyPem does not match the certificate NCP issued for ${done.certificateNo} ("${done.certificateName}"); pass that certificate's own privateKeyPem output`,
      );
    }
    await registerKey(client, done.certificateName, done.certificateNo, i.privateKeyPem);
    Object.assign(done, { statusCode: "1", statusName: "NORMAL" });
  }
  return { ...done, privateKeyRegistered: done.statusCode === "1" };
}

/**
 * validationRecordFqdns names the records the program created: a domain whose record is missing from it would
 * never validate, so say which one now rather than after the timeout (ACM does the same).
 */
function refuseUncovered(snapshot: IssuanceSnapshot & { certificateNo: number }, fqdns: string[] | undefined): void {
  if (!fqdns) return;
  const missing = snapshot.dcvRecords.filter(
    (r) => r.status !== "VALID_STATUS_SUCCESS" && !fqdns.includes(r.name.toLowerCase().replace(/\.$/, "")),
  );
  if (missing.length === 0) return;
  throw new Error(
    `validationRecordFqdns misses the validation record of ${missing.map((r) => `${r.domain} (${r.recordType} ${r.name})`).join(", ")}; ` +
      "create those records and list their names, or leave validationRecordFqdns out",
  );
}

function note(state: Partial<ValidationState>, line: string): void {
  console.log(
    `ncloud.AdvancedCertificateValidation for certificate ${state.certificateNo} ("${state.certificateName}"): ${line}`,
  );
}

function strip(state: ValidationState): Props {
  return compact(state as unknown as Props);
}

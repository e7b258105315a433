/**
 * Renewal of an Advanced certificate by reissue within its order (never a new paid order), surviving lost answers.
 */
import { buildCsr } from "../../crypto/csr";
import { generateKeyPair, loadPrivateKey } from "../../crypto/keys";
import { mayHaveBeenProcessed } from "../../shared/retry";
import type { NcloudCertificateManagerClient } from "../api/certificateManager";
import type { CertificateSummary } from "../api/certificateManagerTypes";
import { sameSerial } from "./drift";
import { findTracked } from "./lookup";
import type { CertificateState } from "./state";

/**
 * Renews within the order: a fresh key (unless key.reuseOnRenewal, a supplied key or a supplied CSR), a new CSR,
 * and NCP's reissue call — never a new paid order. The new key stays pending, and the outputs keep the current
 * certificate and its key, until the reissued certificate is issued (so consumers never see a mismatched pair).
 */
export async function renew(
  client: NcloudCertificateManagerClient,
  state: CertificateState,
): Promise<CertificateState> {
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
    if (!mayHaveBeenProcessed(err)) throw err; // refused: NCP changed nothing, and the current key stays
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
export function reissueUnderWay(entry: CertificateSummary, state: CertificateState): boolean {
  return (
    entry.statusCode === "0" ||
    entry.certificateNo !== state.certificateNo ||
    (!!entry.serialNumber && !sameSerial(entry.serialNumber, state.serialNumber))
  );
}

/** A reissue that may or may not have reached NCP; `state` keeps the pending key and CSR for the next attempt. */
export class ReissueOutcomeUnknown extends Error {
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

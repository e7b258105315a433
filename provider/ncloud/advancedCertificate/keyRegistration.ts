/**
 * Registering a certificate's private key with NCP (what its load balancers need), once, surviving lost answers.
 * Shared by the certificate (`registerPrivateKey`) and its validation resource (`privateKeyPem`).
 */
import { classifyWriteFailure, retryPolicyFromEnv } from "../../shared/retry";
import type { NcloudCertificateManagerClient } from "../api/certificateManager";
import { findByNumber } from "./lookup";

/**
 * Registers the key, surviving lost answers: a readable refusal is the answer (sent once); after a missing or
 * unreadable answer the status tells whether NCP took the key
 * (NORMAL) before the call is sent again, because a second registration of a registered key is refused — and such
 * a refusal after an ambiguous send (NCP took the first one late) is checked the same way.
 */
export async function registerKey(
  client: NcloudCertificateManagerClient,
  certificateName: string,
  certificateNo: number,
  privateKeyPem: string,
): Promise<void> {
  const policy = retryPolicyFromEnv();
  let ambiguous = false; // an earlier send may have been taken
  for (let attempt = 1; ; attempt++) {
    try {
      await client.registPrivateKey(certificateNo, privateKeyPem);
      return;
    } catch (err) {
      const failure = classifyWriteFailure(err);
      if (failure === "refused" && !ambiguous) throw err; // NCP's readable refusal: nothing was registered
      if (failure === "ambiguous" || ambiguous) {
        // After an ambiguous send a refusal may be NCP refusing our own key a second time (taken late): look.
        ambiguous = true;
        const entry = await findByNumber(client, certificateName, certificateNo);
        if (entry?.statusCode === "1") return;
      }
      if (failure === "refused" || attempt >= policy.maxAttempts) throw err;
      await new Promise((r) => setTimeout(r, policy.baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}

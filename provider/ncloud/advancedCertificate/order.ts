/**
 * Placing the paid order so that exactly one exists afterwards, and never one Pulumi does not know about.
 *
 * The order call is never retried blindly. After a send that may have been processed (network error, timeout, 5xx,
 * 429, unreadable body) the name is looked up, and the order is sent again only after a look-up that *succeeded*
 * and found nothing. After such a send, a refusal is most likely NCP's duplicate-name answer to our own earlier
 * order, so it is looked up too. When no look-up can tell (NCP's list failing), OrderUnconfirmed is thrown: the
 * caller keeps the key and CSR in the stack (partial initialisation) and the next `up` resolves it.
 */
import { ApiError } from "../../shared/errors";
import { mayHaveBeenProcessed, retryPolicyFromEnv } from "../../shared/retry";
import { type Lookup, lookUpAfterAmbiguousSend, messageOf } from "../ambiguousSend";
import type { NcloudCertificateManagerClient } from "../api/certificateManager";
import type { CertificateSummary } from "../api/certificateManagerTypes";
import type { CheckedInputs } from "./inputs";

const MAX_ORDER_SENDS = 3;

export interface PlacedOrder {
  certificateNo?: number;
  requestSn?: string;
  regDate?: string;
}

/** An order that may have reached NCP, with no look-up able to say whether it did. */
export class OrderUnconfirmed extends Error {
  constructor(certificateName: string, why: string) {
    super(`the order for "${certificateName}" may have reached NCP, but ${why}`);
    this.name = "OrderUnconfirmed";
  }
}

export type OrderLookup = Lookup<CertificateSummary>;

/** Looks a just-sent order up by name (see ../ambiguousSend.ts). */
export function lookUpOrder(client: NcloudCertificateManagerClient, name: string): Promise<OrderLookup> {
  return lookUpAfterAmbiguousSend(async () =>
    (await client.findPaidCertificatesByName(name)).find((c) => c.statusCode !== "-6"),
  );
}

export async function placeOrderOnce(
  client: NcloudCertificateManagerClient,
  i: CheckedInputs,
  csr: string,
): Promise<PlacedOrder> {
  const policy = retryPolicyFromEnv();
  let ambiguous = false; // whether an earlier send may have been processed
  for (let sends = 1; ; sends++) {
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
      const transient = mayHaveBeenProcessed(err);
      if (!transient && !ambiguous) throw err; // refused outright: nothing was ordered
      ambiguous = true;
      const look = await lookUpOrder(client, i.certificateName);
      if ("found" in look) return { certificateNo: look.found.certificateNo, regDate: look.found.regDate };
      if ("failed" in look) {
        throw new OrderUnconfirmed(
          i.certificateName,
          `its answer was lost (${messageOf(err)}) and every look-up of the name failed (${messageOf(look.failed)})`,
        );
      }
      if (!transient) throw err; // NCP lists nothing of that name: the refusal stands and nothing was ordered
      if (sends >= MAX_ORDER_SENDS) {
        throw new OrderUnconfirmed(
          i.certificateName,
          `it was sent ${sends} times without an answer (${messageOf(err)}) and NCP lists nothing of that name yet`,
        );
      }
      const retryAfterMs =
        err instanceof ApiError && err.retryAfterSeconds !== undefined ? err.retryAfterSeconds * 1000 : 0;
      await new Promise((r) => setTimeout(r, Math.max(retryAfterMs, policy.baseDelayMs * 2 ** (sends - 1))));
    }
  }
}

/**
 * Placing the paid order so that exactly one exists afterwards, and never one Pulumi does not know about.
 *
 * The order call is never retried blindly. A readable refusal (NCP's own code, under any HTTP status) is the answer:
 * nothing was ordered, and it is not sent again. After a send whose answer is missing or unreadable (a reset or
 * deadline after it left, a gateway's 5xx, a body that is not the API's) the name is looked up, and the order is
 * sent again only after a look-up that *succeeded* and found nothing. After such a send, a refusal is most likely
 * NCP's duplicate-name answer to our own earlier order, so it is looked up too. When no look-up can tell (NCP's list failing), OrderUnconfirmed is thrown: the
 * caller keeps the key and CSR in the stack (partial initialisation) and the next `up` resolves it.
 */
import { type Lookup, lookUpAfterAmbiguousSend, sendWriteOnce } from "../ambiguousSend";
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

/** The live order of that name, by one look. */
async function lookUpOrderOnce(client: NcloudCertificateManagerClient, name: string) {
  return (await client.findPaidCertificatesByName(name)).find((c) => c.statusCode !== "-6");
}

/** Looks a just-sent order up by name, a few times (see ../ambiguousSend.ts). */
export function lookUpOrder(client: NcloudCertificateManagerClient, name: string): Promise<OrderLookup> {
  return lookUpAfterAmbiguousSend(() => lookUpOrderOnce(client, name));
}

export async function placeOrderOnce(
  client: NcloudCertificateManagerClient,
  i: CheckedInputs,
  csr: string,
): Promise<PlacedOrder> {
  const outcome = await sendWriteOnce({
    send: () =>
      client.requestPaidCertificateIssuance({
        csr,
        certificateType: i.certificateType,
        certificateName: i.certificateName,
        commonName: i.commonName,
        dnsName: i.dnsNames,
        validationMethod: i.validationMethod,
        organizationNo: i.organizationNo,
      }),
    landed: () => lookUpOrderOnce(client, i.certificateName),
    unconfirmed: (why) => new OrderUnconfirmed(i.certificateName, why),
    maxSends: MAX_ORDER_SENDS,
  });
  if ("found" in outcome) return { certificateNo: outcome.found.certificateNo, regDate: outcome.found.regDate };
  const result = outcome.sent;
  return { certificateNo: result.certificateNo, requestSn: result.requestSn, regDate: result.regDate };
}

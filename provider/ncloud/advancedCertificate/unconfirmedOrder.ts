/**
 * An order whose answer was lost and which no look-up could find (see order.ts): it is recorded in the stack
 * with its key and CSR under a placeholder id, and every later lifecycle call first resolves it by name.
 */

import { compact, ResourceInitError } from "../../dynamic/initError";
import type { NcloudCertificateManagerClient } from "../api/certificateManager";
import type { CheckedInputs } from "./inputs";
import { lookUpOrder, OrderUnconfirmed, placeOrderOnce } from "./order";
import type { CertificateState } from "./state";

type Props = Record<string, unknown>;

const RESUME =
  "The key and CSR are kept in the stack: the next `pulumi up` looks the name up again and takes over the order it " +
  "finds (made from the same CSR, so the kept key matches it), or sends the same CSR again if NCP lists none";

/** The state of an order about to be sent: everything but NCP's answer. */
export function unconfirmedState(
  i: CheckedInputs,
  keySource: CertificateState["keySource"],
  material: { csrPem: string; privateKeyPem?: string; publicKeyPem: string },
): CertificateState {
  return {
    ...i,
    certificateNo: 0,
    statusCode: "",
    statusName: "ORDER_UNCONFIRMED",
    orderUnconfirmed: true,
    keySource,
    csrPem: material.csrPem,
    privateKeyPem: material.privateKeyPem,
    publicKeyPem: material.publicKeyPem,
    dcvRecords: [],
    privateKeyRegistered: false,
  };
}

/** The state once NCP has the order under this number. */
export function ordered(state: CertificateState, certificateNo: number, requestSn?: string, regDate?: string) {
  return {
    ...state,
    certificateNo,
    requestSn: requestSn ?? state.requestSn,
    regDate: regDate ?? state.regDate,
    statusCode: "0",
    statusName: "ONGOING",
    orderUnconfirmed: undefined,
  };
}

/** The engine's id for an order NCP has not confirmed (ids must not be empty; numbers come once it is found). */
export function unconfirmedId(certificateName: string): string {
  return `unconfirmed-order-${certificateName}`;
}

export function unconfirmedOrderError(inputs: Props, state: CertificateState, err: OrderUnconfirmed) {
  return new ResourceInitError(
    `certificate "${state.certificateName}": ${err.message}. ${RESUME}.`,
    unconfirmedId(state.certificateName),
    compact({ ...inputs, ...(state as unknown as Props) }),
    [err.message],
  );
}

/**
 * Resolves an unconfirmed order for update: the order NCP lists under the name, else (after look-ups that
 * succeeded) the same CSR sent again. Still unknown: the partial initialisation stands, with the key kept.
 */
export async function resolveForUpdate(
  client: NcloudCertificateManagerClient,
  id: string,
  inputs: Props,
  state: CertificateState,
): Promise<CertificateState> {
  const look = await lookUpOrder(client, state.certificateName);
  if ("found" in look) return ordered(state, look.found.certificateNo, undefined, look.found.regDate);
  if ("failed" in look) {
    const reason = `NCP's list still cannot be read to find the order for "${state.certificateName}" (${(look.failed as Error)?.message ?? look.failed})`;
    throw new ResourceInitError(`${reason}. ${RESUME}.`, id, compact({ ...inputs, ...(state as unknown as Props) }), [
      reason,
    ]);
  }
  try {
    const placed = await placeOrderOnce(client, state, state.csrPem as string);
    const no =
      placed.certificateNo ?? (await client.findPaidCertificatesByName(state.certificateName))[0]?.certificateNo;
    if (no === undefined) throw new Error(`NCP accepted the order for "${state.certificateName}" but lists none`);
    return ordered(state, no, placed.requestSn, placed.regDate);
  } catch (err) {
    if (!(err instanceof OrderUnconfirmed)) throw err;
    throw new ResourceInitError(
      `${err.message}. ${RESUME}.`,
      id,
      compact({ ...inputs, ...(state as unknown as Props) }),
      [err.message],
    );
  }
}

/** For read and delete: the order's entry, undefined when look-ups that succeeded find none; throws when none can. */
export async function resolveForLookup(client: NcloudCertificateManagerClient, state: CertificateState) {
  const look = await lookUpOrder(client, state.certificateName);
  if ("failed" in look) throw look.failed;
  return "found" in look ? look.found : undefined;
}

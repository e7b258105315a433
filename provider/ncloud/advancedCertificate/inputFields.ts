/** Which input fields the AdvancedCertificate knows (the refusal itself is shared: dynamic/inputFields.ts). */
import { type CheckFailure, type InputSchema, unknownFieldFailures as refuseUnknown } from "../../dynamic/inputFields";
import { INPUT_FIELDS } from "./state";

export const KEY_FIELDS = ["algorithm", "rsaBits", "ecdsaCurve", "reuseOnRenewal"] as const;
export const WAIT_FIELDS = ["timeoutMinutes", "pollIntervalSeconds"] as const;
export const REVOKE_FIELDS = ["reason"] as const;

/** Nested objects are checked here too, except `subject`, which has its own rule in inputs.ts. */
export const ADVANCED_CERTIFICATE_INPUTS: InputSchema = {
  resource: "ncloud.AdvancedCertificate",
  fields: INPUT_FIELDS,
  nested: { key: KEY_FIELDS, waitForIssuance: WAIT_FIELDS, revokeOnDestroy: REVOKE_FIELDS },
};

export function unknownFieldFailures(news: Record<string, unknown>): CheckFailure[] {
  return refuseUnknown(news, ADVANCED_CERTIFICATE_INPUTS);
}

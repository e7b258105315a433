/** The ExternalCertificate's inputs and state, as stored by Pulumi. */
import { inputNames } from "../../schema/fields";
import { EXTERNAL_CERTIFICATE_FIELDS } from "./fields";

export const INPUT_FIELDS = inputNames(EXTERNAL_CERTIFICATE_FIELDS);

/** The fields that carry the upload: any change among them is a renewal (or a no-op when the material is equal). */
export const MATERIAL_FIELDS = ["certificatePem", "chainPem", "privateKeyPem", "pemBundle"] as const;

export interface ExternalInputs {
  certificateName: string;
  certificatePem?: string;
  chainPem?: string;
  /** Secret. */
  privateKeyPem?: string;
  /** Secret (it holds the key). */
  pemBundle?: string;
  deleteInUseTimeoutMinutes?: number;
  __internal?: { namePrefix?: string; deleteBeforeReplace?: boolean };
}

/** What NCP shows where it differs from what this stack uploaded (changed in the console); absent when equal. */
export interface ObservedExternal {
  certificateName?: string;
  fingerprintSha256?: string;
  serialNumber?: string;
  notAfter?: string;
}

export interface ExternalState extends ExternalInputs {
  certificateNo: number;
  statusCode: string;
  statusName: string;
  notBefore: string;
  notAfter: string;
  serialNumber: string;
  fingerprintSha256: string;
  domains: string[];
  issuer: string;
  observed?: ObservedExternal;
  /** The upload's answer was lost and no look-up could tell whether it landed: resolved by name next time. */
  registrationUnconfirmed?: boolean;
}

/** The name NCP currently shows for the certificate (NCP deletes and replaces by number *and* name). */
export function ncpName(s: Partial<ExternalState>): string {
  return s.observed?.certificateName ?? (s.certificateName as string);
}

/**
 * The native door's registry: one line per resource and per function, from its token to its field table. Adding a
 * resource to the plugin costs one line here.
 */
import { ADVANCED_CERTIFICATE_FIELDS } from "../ncloud/advancedCertificate/inputFields";
import { VALIDATION_FIELDS } from "../ncloud/certificateValidation/fields";
import { EXTERNAL_CERTIFICATE_FIELDS } from "../ncloud/externalCertificate/fields";
import { GLOBAL_DNS_RECORD_FIELDS } from "../ncloud/globalDnsRecord/fields";
import { GET_CERTIFICATE_FILE_FIELDS, GET_CERTIFICATES_FIELDS } from "../nhncloud/fields";
import type { FunctionFields, ResourceFields } from "../schema/fields";

export const PACKAGE = "certmanager-kr";

export interface ResourceEntry {
  fields: ResourceFields;
}

export interface FunctionEntry {
  fields: FunctionFields;
}

export const RESOURCES: Readonly<Record<string, ResourceEntry>> = {
  "certmanager-kr:ncloud:AdvancedCertificate": { fields: ADVANCED_CERTIFICATE_FIELDS },
  "certmanager-kr:ncloud:AdvancedCertificateValidation": { fields: VALIDATION_FIELDS },
  "certmanager-kr:ncloud:GlobalDnsRecord": { fields: GLOBAL_DNS_RECORD_FIELDS },
  "certmanager-kr:ncloud:ExternalCertificate": { fields: EXTERNAL_CERTIFICATE_FIELDS },
};

export const FUNCTIONS: Readonly<Record<string, FunctionEntry>> = {
  "certmanager-kr:nhncloud:getCertificates": { fields: GET_CERTIFICATES_FIELDS },
  "certmanager-kr:nhncloud:getCertificateFile": { fields: GET_CERTIFICATE_FILE_FIELDS },
};

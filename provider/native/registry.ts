/**
 * The native door's registry: one line per resource and per function, from its token to its field table and to
 * the implementation both doors call (the dynamic resources reach the same objects through runtime/index.ts).
 * Adding a resource to the plugin costs one line here.
 */
import { ADVANCED_CERTIFICATE_FIELDS } from "../ncloud/advancedCertificate/inputFields";
import type { ConfigSource } from "../ncloud/api/settings";
import { VALIDATION_FIELDS } from "../ncloud/certificateValidation/fields";
import { EXTERNAL_CERTIFICATE_FIELDS } from "../ncloud/externalCertificate/fields";
import { GLOBAL_DNS_RECORD_FIELDS } from "../ncloud/globalDnsRecord/fields";
import { GET_CERTIFICATE_FILE_FIELDS, GET_CERTIFICATES_FIELDS } from "../nhncloud/fields";
import { fetchCertificateFile, listCertificates, type QuerySettings } from "../nhncloud/queries";
import {
  advancedCertificateV1,
  advancedCertificateValidationV1,
  externalCertificateV1,
  globalDnsRecordV1,
} from "../runtime";
import type { FunctionFields, ResourceFields } from "../schema/fields";

export const PACKAGE = "certmanager-kr";

type Props = Record<string, unknown>;

/** What runtime/index.ts exposes per resource (the serialized forwarders call the same methods). */
export interface ResourceImplementation {
  configure(req: { config?: ConfigSource }): Promise<void>;
  check(olds: Props, news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }>;
  diff(
    id: string,
    olds: Props,
    news: Props,
  ): Promise<{ changes?: boolean; replaces?: string[]; deleteBeforeReplace?: boolean; stables?: string[] }>;
  create(inputs: Props): Promise<{ id: string; outs: Props }>;
  read(id: string, props: Props): Promise<{ id?: string; props?: Props; inputs?: Props }>;
  update(id: string, olds: Props, news: Props): Promise<{ outs: Props }>;
  delete(id: string, props: Props): Promise<void>;
}

export interface ResourceEntry {
  fields: ResourceFields;
  implementation: ResourceImplementation;
}

export interface FunctionEntry {
  fields: FunctionFields;
  // biome-ignore lint/suspicious/noExplicitAny: each function takes its own argument type; Invoke checks them first
  run: (args: any, settings: QuerySettings) => Promise<object>;
}

export const RESOURCES: Readonly<Record<string, ResourceEntry>> = {
  "certmanager-kr:ncloud:AdvancedCertificate": {
    fields: ADVANCED_CERTIFICATE_FIELDS,
    implementation: advancedCertificateV1,
  },
  "certmanager-kr:ncloud:AdvancedCertificateValidation": {
    fields: VALIDATION_FIELDS,
    implementation: advancedCertificateValidationV1,
  },
  "certmanager-kr:ncloud:GlobalDnsRecord": { fields: GLOBAL_DNS_RECORD_FIELDS, implementation: globalDnsRecordV1 },
  "certmanager-kr:ncloud:ExternalCertificate": {
    fields: EXTERNAL_CERTIFICATE_FIELDS,
    implementation: externalCertificateV1,
  },
};

export const FUNCTIONS: Readonly<Record<string, FunctionEntry>> = {
  "certmanager-kr:nhncloud:getCertificates": { fields: GET_CERTIFICATES_FIELDS, run: listCertificates },
  "certmanager-kr:nhncloud:getCertificateFile": { fields: GET_CERTIFICATE_FILE_FIELDS, run: fetchCertificateFile },
};

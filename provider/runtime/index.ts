/**
 * `pulumi-certmanager-kr/provider`: the implementation that serialized Pulumi providers load at run time.
 *
 * This subpath is a frozen contract. Stacks keep the serialized forwarder (shim.ts) they were deployed with, and
 * that text calls `require("pulumi-certmanager-kr/provider").advancedCertificateV1.<method>(...)` for `refresh`
 * and `destroy` for as long as the resource lives. So: `advancedCertificateV1` keeps its methods and their meaning
 * forever; an incompatible change becomes `advancedCertificateV2` next to it.
 */
import * as certificate from "../ncloud/advancedCertificate/provider";
import { type ConfigSource, configureNcloud } from "../ncloud/api/settings";
import * as validation from "../ncloud/certificateValidation/provider";
import * as external from "../ncloud/externalCertificate/provider";
import * as dnsRecord from "../ncloud/globalDnsRecord/provider";

export const advancedCertificateV1 = {
  async configure(req: { config?: ConfigSource }): Promise<void> {
    configureNcloud(req.config);
  },
  check: certificate.check,
  diff: certificate.diff,
  create: certificate.create,
  read: certificate.read,
  update: certificate.update,
  delete: certificate.remove,
};

/** AdvancedCertificateValidation's implementation, called by shims/advancedCertificateValidation.ts. Frozen like V1 above. */
export const advancedCertificateValidationV1 = {
  async configure(req: { config?: ConfigSource }): Promise<void> {
    configureNcloud(req.config);
  },
  check: validation.check,
  diff: validation.diff,
  create: validation.create,
  read: validation.read,
  update: validation.update,
  delete: validation.remove,
};

/** GlobalDnsRecord's contract, called by shims/globalDnsRecord.ts; frozen like advancedCertificateV1. */
export const globalDnsRecordV1 = {
  async configure(req: { config?: ConfigSource }): Promise<void> {
    configureNcloud(req.config);
  },
  check: dnsRecord.check,
  diff: dnsRecord.diff,
  create: dnsRecord.create,
  read: dnsRecord.read,
  update: dnsRecord.update,
  delete: dnsRecord.remove,
};

/** ExternalCertificate's implementation, called by shims/externalCertificate.ts. Frozen like V1 above. */
export const externalCertificateV1 = {
  async configure(req: { config?: ConfigSource }): Promise<void> {
    configureNcloud(req.config);
  },
  check: external.check,
  diff: external.diff,
  create: external.create,
  read: external.read,
  update: external.update,
  delete: external.remove,
};

/**
 * What Pulumi serializes into state for ExternalCertificate (as `__provider`): captures nothing and
 * forwards each call to the installed package (see ../shim.ts for why). Published as
 * `pulumi-certmanager-kr/shims/externalCertificate`: a frozen contract, like `externalCertificateV1`.
 * Keep it ES2020 and free of imports used at run time.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";

const externalCertificateShim: dynamic.ResourceProvider = {
  configure(req) {
    return require("pulumi-certmanager-kr/provider").externalCertificateV1.configure(req);
  },
  check(olds, news) {
    return require("pulumi-certmanager-kr/provider").externalCertificateV1.check(olds, news);
  },
  diff(id, olds, news) {
    return require("pulumi-certmanager-kr/provider").externalCertificateV1.diff(id, olds, news);
  },
  create(inputs) {
    return require("pulumi-certmanager-kr/provider").externalCertificateV1.create(inputs);
  },
  read(id, props) {
    return require("pulumi-certmanager-kr/provider").externalCertificateV1.read(id, props);
  },
  update(id, olds, news) {
    return require("pulumi-certmanager-kr/provider").externalCertificateV1.update(id, olds, news);
  },
  delete(id, props) {
    return require("pulumi-certmanager-kr/provider").externalCertificateV1.delete(id, props);
  },
};

module.exports = externalCertificateShim;

/**
 * What Pulumi serializes into state for AdvancedCertificateValidation (as `__provider`): captures nothing and
 * forwards each call to the installed package (see ../shim.ts for why). Published as
 * `pulumi-certmanager-kr/shims/advancedCertificateValidation`: a frozen contract, like `advancedCertificateValidationV1`.
 * Keep it ES2020 and free of imports used at run time.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";

const advancedCertificateValidationShim: dynamic.ResourceProvider = {
  configure(req) {
    return require("pulumi-certmanager-kr/provider").advancedCertificateValidationV1.configure(req);
  },
  check(olds, news) {
    return require("pulumi-certmanager-kr/provider").advancedCertificateValidationV1.check(olds, news);
  },
  diff(id, olds, news) {
    return require("pulumi-certmanager-kr/provider").advancedCertificateValidationV1.diff(id, olds, news);
  },
  create(inputs) {
    return require("pulumi-certmanager-kr/provider").advancedCertificateValidationV1.create(inputs);
  },
  read(id, props) {
    return require("pulumi-certmanager-kr/provider").advancedCertificateValidationV1.read(id, props);
  },
  update(id, olds, news) {
    return require("pulumi-certmanager-kr/provider").advancedCertificateValidationV1.update(id, olds, news);
  },
  delete(id, props) {
    return require("pulumi-certmanager-kr/provider").advancedCertificateValidationV1.delete(id, props);
  },
};

module.exports = advancedCertificateValidationShim;

/**
 * The ONLY code Pulumi serializes into state for AdvancedCertificate (as `__provider`). It captures nothing and
 * forwards each call to the installed package, so fixes reach existing stacks without a state change and no
 * credential or library is ever baked into state. Keep it ES2020, free of imports used at run time, and tiny:
 * a golden test on dist/ holds its serialized text.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";

export const advancedCertificateShim: dynamic.ResourceProvider = {
  configure(req) {
    return require("pulumi-certmanager-kr/provider").advancedCertificateV1.configure(req);
  },
  check(olds, news) {
    return require("pulumi-certmanager-kr/provider").advancedCertificateV1.check(olds, news);
  },
  diff(id, olds, news) {
    return require("pulumi-certmanager-kr/provider").advancedCertificateV1.diff(id, olds, news);
  },
  create(inputs) {
    return require("pulumi-certmanager-kr/provider").advancedCertificateV1.create(inputs);
  },
  read(id, props) {
    return require("pulumi-certmanager-kr/provider").advancedCertificateV1.read(id, props);
  },
  update(id, olds, news) {
    return require("pulumi-certmanager-kr/provider").advancedCertificateV1.update(id, olds, news);
  },
  delete(id, props) {
    return require("pulumi-certmanager-kr/provider").advancedCertificateV1.delete(id, props);
  },
};

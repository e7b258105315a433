/**
 * What Pulumi serializes into state for AdvancedCertificate (as `__provider`). It captures nothing and forwards
 * each call to the installed package, so fixes reach existing stacks without a state change and no credential or
 * library is ever baked into state. Keep it ES2020 and free of imports used at run time.
 *
 * The object is this module's whole export, and the module is published as `pulumi-certmanager-kr/shim`. Two
 * serialized forms exist (see dynamic/forwarder.ts):
 * - where @pulumi/pulumi itself resolves `pulumi-certmanager-kr/shim` to this file (the usual npm layout), Pulumi
 *   stores just `require("pulumi-certmanager-kr/shim")`;
 * - elsewhere (pnpm's strict layout, links, bundles) a copy of the object is serialized by value; its methods
 *   still find the installed implementation by name.
 * `./shim` and `./provider` are frozen contracts; a golden test on dist/ holds the by-value text.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";

const advancedCertificateShim: dynamic.ResourceProvider = {
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

// The object is the whole module export (not a property of it), so Pulumi can recognise and `require` the module.
module.exports = advancedCertificateShim;

/**
 * What Pulumi serializes into state for GlobalDnsRecord (as `__provider`): the same forwarder as shim.ts, calling
 * `globalDnsRecordV1` of the installed package. Published as `pulumi-certmanager-kr/shims/globalDnsRecord`; like
 * `./shim`, a frozen contract (old copies live on in state). Keep it ES2020 and free of imports used at run time.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";

const globalDnsRecordShim: dynamic.ResourceProvider = {
  configure(req) {
    return require("pulumi-certmanager-kr/provider").globalDnsRecordV1.configure(req);
  },
  check(olds, news) {
    return require("pulumi-certmanager-kr/provider").globalDnsRecordV1.check(olds, news);
  },
  diff(id, olds, news) {
    return require("pulumi-certmanager-kr/provider").globalDnsRecordV1.diff(id, olds, news);
  },
  create(inputs) {
    return require("pulumi-certmanager-kr/provider").globalDnsRecordV1.create(inputs);
  },
  read(id, props) {
    return require("pulumi-certmanager-kr/provider").globalDnsRecordV1.read(id, props);
  },
  update(id, olds, news) {
    return require("pulumi-certmanager-kr/provider").globalDnsRecordV1.update(id, olds, news);
  },
  delete(id, props) {
    return require("pulumi-certmanager-kr/provider").globalDnsRecordV1.delete(id, props);
  },
};

// The object is the whole module export (not a property of it), so Pulumi can recognise and `require` the module.
module.exports = globalDnsRecordShim;

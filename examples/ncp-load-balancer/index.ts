// An NCP Advanced certificate for an NCP load balancer, from nothing to a listener-ready certificate number in one
// `pulumi up`: the validation records go into the domain's NCP Global DNS zone, and
// AdvancedCertificateValidation waits for issuance and registers the key (NCP load balancers take a certificate
// only together with its key). The listener refers to the certificate by number (`ssl_certificate_no`).
//
// NCP has no Pulumi provider on npm. The listener itself is therefore NOT created by this program: either bridge
// the Terraform provider (see README.md: `pulumi package add terraform-provider NaverCloudPlatform/ncloud`) and
// pass `sslCertificateNo` to its `LbListener`, or set it in the console/CLI. This program exports exactly what
// that step needs, taken from the validation resource so that step waits for issuance.
import * as pulumi from "@pulumi/pulumi";
import { ncloud } from "pulumi-certmanager-kr";

const config = new pulumi.Config();
const domain = config.require("domain");
/** The Global DNS zone holding `domain` (default: the domain itself). */
const zone = config.get("zone") ?? domain;
const domains = [domain, `www.${domain}`];

const certificate = new ncloud.AdvancedCertificate("site", {
  certificateName: config.get("certificateName"), // left out: "site-" and a random suffix
  commonName: domains[0],
  dnsNames: domains.slice(1),
  key: { algorithm: "RSA", rsaBits: 2048 }, // NCP load balancers' widest-supported key type
});

const records = ncloud.globalDnsValidationRecords("site", { certificate, domains, zone });

const issued = new ncloud.AdvancedCertificateValidation("site", {
  certificateNo: certificate.certificateNo,
  validationRecordFqdns: records.fqdns,
  timeoutMinutes: config.getNumber("issuanceTimeoutMinutes") ?? 60,
  privateKeyPem: certificate.privateKeyPem, // registered with NCP as soon as the certificate is issued
});

/** For the listener: `ncloud.LbListener({ ..., protocol: "HTTPS", sslCertificateNo })` once bridged. */
export const sslCertificateNo = issued.certificateNo.apply(String);
export const privateKeyRegistered = issued.privateKeyRegistered;
export const notAfter = issued.notAfter;

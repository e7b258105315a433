// An NCP Advanced certificate for an NCP load balancer. NCP load balancers use certificates that Certificate
// Manager holds together with their key, so the key is registered after issuance (registerPrivateKey) and the
// listener refers to the certificate by number (`ssl_certificate_no`).
//
// NCP has no Pulumi provider on npm. The listener itself is therefore NOT created by this program: either bridge
// the Terraform provider (see README.md: `pulumi package add terraform-provider NaverCloudPlatform/ncloud`) and
// pass `sslCertificateNo` to its `LbListener`, or set it in the console/CLI. This program exports exactly what
// that step needs.
import * as pulumi from "@pulumi/pulumi";
import { ncloud } from "pulumi-certmanager-kr";

const config = new pulumi.Config();
const domain = config.require("domain");

const certificate = new ncloud.AdvancedCertificate("site", {
  certificateName: config.get("certificateName") ?? "site-lb-2026",
  commonName: domain,
  dnsNames: [`www.${domain}`],
  key: { algorithm: "RSA", rsaBits: 2048 }, // NCP load balancers' widest-supported key type
  waitForIssuance: { timeoutMinutes: config.getNumber("issuanceTimeoutMinutes") ?? 60 },
  registerPrivateKey: true,
});

/** For the listener: `ncloud.LbListener({ ..., protocol: "HTTPS", sslCertificateNo })` once bridged. */
export const sslCertificateNo = certificate.certificateNo.apply(String);
export const privateKeyRegistered = certificate.privateKeyRegistered;
export const dcvRecords = certificate.dcvRecords;
export const notAfter = certificate.notAfter;

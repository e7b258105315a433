// A Let's Encrypt certificate obtained through ACME (@pulumiverse/acme, DNS-01 through any lego DNS provider),
// registered in NCP Certificate Manager for an NCP load balancer. When the ACME provider renews it (fewer than
// `minDaysRemaining` days left), the next `pulumi up` replaces the files in NCP in place: the certificate number
// stays, so the listener (`ssl_certificate_no`) is never touched.
//
// Provider config: `acme:serverUrl` (e.g. https://acme-staging-v02.api.letsencrypt.org/directory while trying it),
// plus whatever the DNS provider needs (e.g. CLOUDFLARE_DNS_API_TOKEN in the environment for "cloudflare").

import * as pulumi from "@pulumi/pulumi";
import * as acme from "@pulumiverse/acme";
import { ncloud } from "pulumi-certmanager-kr";

const config = new pulumi.Config();
const domain = config.require("domain");

const account = new acme.Registration("account", {
  emailAddress: config.require("email"),
  accountKeyAlgorithm: "ECDSA",
});

const issued = new acme.Certificate("site", {
  accountKeyPem: account.accountKeyPem,
  commonName: domain,
  subjectAlternativeNames: [`www.${domain}`],
  keyType: "2048", // RSA 2048: what NCP load balancers serve most widely
  minDaysRemaining: 30, // renews on the first up with fewer days left
  dnsChallenges: [{ provider: config.get("dnsProvider") ?? "cloudflare" }],
});

const certificate = new ncloud.ExternalCertificate("site", {
  certificatePem: issued.certificatePem,
  chainPem: issued.issuerPem,
  privateKeyPem: issued.privateKeyPem,
});

/** For the listener: `ncloud.LbListener({ ..., protocol: "HTTPS", sslCertificateNo })` once bridged (see README). */
export const sslCertificateNo = certificate.certificateNo.apply(String);
export const notAfter = certificate.notAfter;
export const serialNumber = certificate.serialNumber;

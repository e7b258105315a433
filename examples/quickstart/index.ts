// Quickstart: from nothing to an issued NCP Advanced DV certificate in one `pulumi up`. The domains live in an
// NCP Global DNS zone: the program orders the certificate (key and CSR made locally), writes its validation TXT
// records into the zone (applied, so the name servers serve them), and waits until NCP has issued it.
import * as pulumi from "@pulumi/pulumi";
import { ncloud } from "pulumi-certmanager-kr";

const config = new pulumi.Config();
/** The Global DNS zone, which is also the certificate's main domain. */
const zone = config.get("domain") ?? "example.com";
// Plain strings: preview shows one DNS record per domain before anything exists.
const domains = [zone, `www.${zone}`];

const certificate = new ncloud.AdvancedCertificate("quickstart", {
  certificateName: config.get("certificateName"), // left out: "quickstart-" and a random suffix
  commonName: domains[0],
  dnsNames: domains.slice(1),
});

const validationRecords = ncloud.globalDnsValidationRecords("quickstart", { certificate, domains, zone });

const issued = new ncloud.AdvancedCertificateValidation("quickstart", {
  certificateNo: certificate.certificateNo,
  validationRecordFqdns: validationRecords.fqdns,
  timeoutMinutes: config.getNumber("issuanceTimeoutMinutes") ?? 60,
  pollIntervalSeconds: config.getNumber("pollIntervalSeconds") ?? 15,
});

// Taken from the validation resource, so anything that uses them waits for issuance.
export const certificateNo = issued.certificateNo;
export const certificateName = certificate.certificateName;
export const status = issued.statusName;
export const validationRecordFqdns = validationRecords.fqdns;
export const notAfter = issued.notAfter;
export const fullChainPem = issued.fullChainPem;
/** Shown as [secret]; `pulumi stack output privateKeyPem --show-secrets` reveals it. */
export const privateKeyPem = certificate.privateKeyPem;

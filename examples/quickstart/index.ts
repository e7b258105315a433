// Quickstart: one NCP Advanced DV certificate. `pulumi up` orders it (key and CSR made locally) and, here, waits
// until it is issued; create the exported DCV records in your DNS zone so NCP can validate the domains.
import * as pulumi from "@pulumi/pulumi";
import { ncloud } from "pulumi-certmanager-kr";

const config = new pulumi.Config();
const domain = config.get("domain") ?? "example.com";

const certificate = new ncloud.AdvancedCertificate("quickstart", {
  certificateName: config.get("certificateName") ?? "quickstart",
  commonName: domain,
  dnsNames: [`www.${domain}`],
  waitForIssuance: {
    timeoutMinutes: config.getNumber("issuanceTimeoutMinutes") ?? 60,
    pollIntervalSeconds: config.getNumber("pollIntervalSeconds") ?? 10,
  },
});

export const certificateNo = certificate.certificateNo;
export const status = certificate.statusName;
export const dcvRecords = certificate.dcvRecords;
export const notAfter = certificate.notAfter;
export const fullChainPem = certificate.fullChainPem;
/** Shown as [secret]; `pulumi stack output privateKeyPem --show-secrets` reveals it. */
export const privateKeyPem = certificate.privateKeyPem;

// An NCP Advanced certificate whose domains are served by Cloudflare DNS: the validation records are Cloudflare
// records made from the certificate's dcvRecords, and AdvancedCertificateValidation waits until NCP has issued
// it, so one `pulumi up` goes from nothing to an issued certificate. Needs a Cloudflare API token
// (`pulumi config set --secret cloudflare:apiToken …`) and the zone id; it cannot run offline.
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { ncloud } from "pulumi-certmanager-kr";

const config = new pulumi.Config();
const domain = config.require("domain");
const zoneId = config.require("cloudflareZoneId");

// Plain strings, so the number of DNS records is known at preview time: one per domain.
const domains = [domain, `www.${domain}`];

const certificate = new ncloud.AdvancedCertificate("site", {
  commonName: domains[0],
  dnsNames: domains.slice(1),
  key: { algorithm: "ECDSA", ecdsaCurve: "P256" },
});

const records = domains.map((d) => {
  const record = ncloud.dcvRecordFor(certificate, d);
  return new cloudflare.DnsRecord(`dcv-${d}`, {
    zoneId,
    name: record.name,
    type: record.recordType,
    content: record.value,
    ttl: 300,
    comment: "NCP certificate domain validation (pulumi-certmanager-kr)",
  });
});

const issued = new ncloud.AdvancedCertificateValidation("site", {
  certificateNo: certificate.certificateNo,
  // Cloudflare reports the record's full name.
  validationRecordFqdns: records.map((r) => r.name),
  timeoutMinutes: 60,
});

// Take the certificate from the validation: whatever uses these waits for issuance.
export const certificateNo = issued.certificateNo;
export const fullChainPem = issued.fullChainPem;
export const notAfter = issued.notAfter;
export const privateKeyPem = certificate.privateKeyPem;

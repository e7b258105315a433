/**
 * The DNS validation record NCP asks for one domain of an AdvancedCertificate, for a DNS record resource of any
 * provider (NCP Global DNS, Cloudflare, Route 53, …). Taking the domain as a plain string keeps the number of
 * records known at preview time: one record per domain, named after it.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { AdvancedCertificate, AdvancedCertificateDcvRecord } from "./resource";

export function dcvRecordFor(
  certificate: AdvancedCertificate,
  domain: string,
): pulumi.Output<AdvancedCertificateDcvRecord> {
  const wanted = domain.trim().toLowerCase().replace(/\.$/, "");
  return certificate.dcvRecords.apply((records) => {
    const found = (records ?? []).filter((r) => r.domain === wanted);
    if (found.length === 0) {
      const listed = (records ?? []).map((r) => r.domain).join(", ") || "none";
      throw new Error(
        `the certificate has no DNS validation record for "${domain}" (NCP lists records for: ${listed}); ` +
          "pass the domains you gave the certificate (commonName and dnsNames)",
      );
    }
    // One record per domain is what NCP documents; a second would be a stale one from an earlier validation.
    return found[found.length - 1];
  });
}

/**
 * The DNS validation records of an AdvancedCertificate as `ncloud.GlobalDnsRecord`s: a thin layer over the two
 * resources for certificates whose domains live in an NCP Global DNS zone. One TXT record per domain, named after
 * it, so preview shows them all before the certificate exists; the record names and values come from the
 * certificate's `dcvRecords` once NCP has them. Pass `fqdns` to AdvancedCertificateValidation.
 */
import * as pulumi from "@pulumi/pulumi";
import { dcvRecordFor } from "../advancedCertificate/dcvRecordFor";
import type { AdvancedCertificate } from "../advancedCertificate/resource";
import { GlobalDnsRecord } from "./resource";

export interface GlobalDnsValidationRecordsArgs {
  certificate: AdvancedCertificate;
  /**
   * The certificate's domains (its commonName and dnsNames) as plain strings: with the list known in the program,
   * preview shows one record per domain.
   */
  domains: string[];
  /** The Global DNS zone that holds every domain (e.g. `"example.com"`). */
  zone: pulumi.Input<string>;
  /** Seconds (default 300). */
  ttl?: pulumi.Input<number>;
}

export interface GlobalDnsValidationRecords {
  records: GlobalDnsRecord[];
  /** The records' full names, for AdvancedCertificateValidation's `validationRecordFqdns`. */
  fqdns: pulumi.Output<string[]>;
}

/** The record name relative to the zone (`@` for the apex), or an error that says the domain is not in the zone. */
export function hostInZone(fqdn: string, zone: string, domain: string): string {
  const name = fqdn.trim().toLowerCase().replace(/\.$/, "");
  const z = zone.trim().toLowerCase().replace(/\.$/, "");
  if (name === z) return "@";
  if (name.endsWith(`.${z}`)) return name.slice(0, -(z.length + 1));
  throw new Error(
    `the validation record of ${domain} is ${name}, which is not in the Global DNS zone ${z}: ` +
      "create it where that domain's DNS is hosted (see ncloud.dcvRecordFor), or pass only the domains of this zone",
  );
}

export function globalDnsValidationRecords(
  name: string,
  args: GlobalDnsValidationRecordsArgs,
  opts?: pulumi.CustomResourceOptions,
): GlobalDnsValidationRecords {
  const domains = [...new Set(args.domains.map((d) => d.trim().toLowerCase().replace(/\.$/, "")))];
  if (domains.length === 0)
    throw new Error("globalDnsValidationRecords: domains is empty; pass the certificate's domains");
  const records = domains.map((domain) => {
    const record = dcvRecordFor(args.certificate, domain);
    return new GlobalDnsRecord(
      `${name}-${domain.replace(/^\*\./, "wildcard.")}`,
      {
        zone: args.zone,
        type: "TXT",
        host: pulumi.all([record, args.zone]).apply(([r, zone]) => hostInZone(r.name, zone, domain)),
        content: record.value,
        ttl: args.ttl,
      },
      opts,
    );
  });
  return { records, fqdns: pulumi.all(records.map((r) => r.fqdn)) };
}

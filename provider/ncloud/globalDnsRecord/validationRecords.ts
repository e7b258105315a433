/**
 * The DNS validation records of an AdvancedCertificate as `ncloud.GlobalDnsRecord`s: a thin layer over the two
 * resources for certificates whose domains live in an NCP Global DNS zone. One record per domain, named after it,
 * so preview shows them all before the certificate exists; the record names, types (TXT, or CNAME where NCP asks
 * for one) and values come from the certificate's `dcvRecords` once NCP has them. A wildcard whose record equals
 * its apex's (persistent validation, PD) shares the apex's record instead of making a second owner of it. Pass
 * `fqdns` to AdvancedCertificateValidation.
 */
import * as pulumi from "@pulumi/pulumi";
import { dcvRecordFor } from "../advancedCertificate/dcvRecordFor";
import { vetoRegistration } from "../advancedCertificate/registrationVeto";
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
  /** Take over validation records that already exist (e.g. PD records of an earlier certificate); see GlobalDnsRecord. */
  adoptExisting?: pulumi.Input<boolean>;
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

/** Domains that cannot be in the zone (a plain string): refused before anything is registered, so before the order. */
export function domainsOutsideZone(domains: string[], zone: string): string[] {
  const z = zone.trim().toLowerCase().replace(/\.$/, "");
  return domains.filter((d) => {
    const base = d.replace(/^\*\./, "");
    return base !== z && !base.endsWith(`.${z}`);
  });
}

export function globalDnsValidationRecords(
  name: string,
  args: GlobalDnsValidationRecordsArgs,
  opts?: pulumi.CustomResourceOptions,
): GlobalDnsValidationRecords {
  const domains = [...new Set(args.domains.map((d) => d.trim().toLowerCase().replace(/\.$/, "")))];
  if (domains.length === 0)
    throw new Error("globalDnsValidationRecords: domains is empty; pass the certificate's domains");
  if (typeof args.zone === "string") {
    const outside = domainsOutsideZone(domains, args.zone);
    if (outside.length > 0) {
      const error = new Error(
        `globalDnsValidationRecords: ${outside.join(", ")} ${outside.length === 1 ? "is" : "are"} not in the Global DNS zone ${args.zone}: ` +
          "their validation records cannot be created there. Pass only the domains of this zone, and create the " +
          "others' records where their DNS is hosted (see ncloud.dcvRecordFor)",
      );
      // The certificate was constructed just before: stop its order too (the engine would place it regardless).
      vetoRegistration(args.certificate, error);
      throw error;
    }
  }
  // Apex first, so a wildcard can share its record (created first, deleted last).
  const ordered = [...domains].sort((a, b) => Number(a.startsWith("*.")) - Number(b.startsWith("*.")));
  const byDomain = new Map<string, GlobalDnsRecord>();
  for (const domain of ordered) {
    const record = dcvRecordFor(args.certificate, domain);
    const apex = domain.startsWith("*.") ? byDomain.get(domain.slice(2)) : undefined;
    byDomain.set(
      domain,
      new GlobalDnsRecord(
        `${name}-${domain.replace(/^\*\./, "wildcard.")}`,
        {
          zone: args.zone,
          type: record.recordType.apply((t) => t.toUpperCase()) as pulumi.Output<"TXT" | "CNAME">,
          host: pulumi.all([record, args.zone]).apply(([r, zone]) => hostInZone(r.name, zone, domain)),
          content: record.value,
          ttl: args.ttl,
          // With PD the wildcard's record is the apex's (same name, same value): take it over rather than refuse,
          // and leave it in place on delete; the apex's resource owns it. With D the values differ: its own record.
          adoptExisting: apex ? true : args.adoptExisting,
        },
        apex ? { ...opts, dependsOn: dependencies(opts?.dependsOn, apex) } : opts,
      ),
    );
  }
  const records = domains.map((d) => byDomain.get(d) as GlobalDnsRecord);
  return { records, fqdns: pulumi.all(records.map((r) => r.fqdn)).apply((f) => [...new Set(f)]) };
}

/** The caller's dependsOn (a resource, a list, or an output of either) plus one more resource. */
function dependencies(
  d: pulumi.CustomResourceOptions["dependsOn"],
  more: pulumi.Resource,
): pulumi.CustomResourceOptions["dependsOn"] {
  if (d === undefined) return [more];
  if (Array.isArray(d)) return [...d, more];
  if (pulumi.Resource.isInstance(d)) return [d, more];
  return pulumi
    .output(d as pulumi.Input<pulumi.Resource | pulumi.Resource[]>)
    .apply((x) => [...(Array.isArray(x) ? x : [x]), more]);
}

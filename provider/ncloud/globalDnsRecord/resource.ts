/**
 * `ncloud.GlobalDnsRecord`: one record in an existing NCP Global DNS domain, applied so the name servers serve it.
 * Made first for the TXT records of certificate validation (`AdvancedCertificate.dcvRecords`), but A, AAAA, CNAME,
 * MX and CAA work too.
 *
 * Credentials are the NCP key pair of the certificate resources (`ncloud:accessKey` / `ncloud:secretKey`, or
 * `NCLOUD_ACCESS_KEY` / `NCLOUD_SECRET_KEY`); the endpoint is `ncloud:globalDnsEndpoint` or
 * `NCLOUD_GLOBAL_DNS_ENDPOINT` (default `https://globaldns.apigw.ntruss.com`; the public-sector region uses
 * `https://globaldns.apigw.gov-ntruss.com`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { serializedForwarder } from "../../dynamic/forwarder";
import { QuietlyRegisteredResource } from "../../dynamic/registrationStacks";
import { GLOBAL_DNS_RECORD_FIELDS } from "./fields";

export interface GlobalDnsRecordArgs {
  /** The Global DNS domain, as listed in the console (e.g. `"example.com"`). It must exist; changing it replaces. */
  zone: pulumi.Input<string>;
  /**
   * The name relative to the zone (`"www"`, `"_dnsauth.shop"`), `"@"` for the zone itself. A full name ending in the
   * zone is refused with the relative form to use. Changing it replaces the record.
   */
  host: pulumi.Input<string>;
  /** `"TXT"`, `"A"`, `"AAAA"`, `"CNAME"`, `"MX"` or `"CAA"`. Changing it replaces the record. */
  type: pulumi.Input<"TXT" | "A" | "AAAA" | "CNAME" | "MX" | "CAA">;
  /**
   * The value. TXT: without quotes (NCP stores it quoted; compared without), printable ASCII, at most 255
   * characters. A/AAAA: an address. CNAME: a host name (not at `"@"`). MX: `"10 mail.example.com"`. CAA:
   * `'0 issue "letsencrypt.org"'`. Updated in place.
   */
  content: pulumi.Input<string>;
  /**
   * Seconds, 30 to 86400; default 300. NCP documents no range: these bounds are this package's (30 is the lowest in
   * use by working clients, a day the longest sensible for records that change). Updated in place.
   */
  ttl?: pulumi.Input<number>;
  /**
   * One record, one owner: by default create refuses when an identical record (same host, type and content) already
   * exists, naming it. Set true to take that record over instead; an adopted record is left in place when the
   * resource is deleted (the stack did not create it). Matters at creation only.
   */
  adoptExisting?: pulumi.Input<boolean>;
}

const OUTPUT_NAMES = Object.keys(GLOBAL_DNS_RECORD_FIELDS.outputs);

// Computed once: one provider object for every record, so Pulumi serializes it once (it caches by object).
let provider: pulumi.dynamic.ResourceProvider | undefined;

export class GlobalDnsRecord extends QuietlyRegisteredResource {
  /** Global DNS's id of the record (also the resource id). */
  declare readonly recordId: pulumi.Output<number>;
  /** The domain's id in Global DNS. */
  declare readonly zoneId: pulumi.Output<number>;
  /** The record's full name, e.g. `_dnsauth.example.com`. */
  declare readonly fqdn: pulumi.Output<string>;
  /** Whether the name servers serve the record as it is (true after every successful create or update). */
  declare readonly applied: pulumi.Output<boolean>;
  /** The content as Global DNS stores it (TXT in quotes). */
  declare readonly storedContent: pulumi.Output<string>;
  /** True when the record existed and was taken over (`adoptExisting`): it is left in place on delete. */
  declare readonly adopted: pulumi.Output<boolean>;
  declare readonly adoptExisting: pulumi.Output<boolean>;
  declare readonly zone: pulumi.Output<string>;
  declare readonly host: pulumi.Output<string>;
  declare readonly type: pulumi.Output<string>;
  declare readonly content: pulumi.Output<string>;
  declare readonly ttl: pulumi.Output<number>;

  constructor(name: string, args: GlobalDnsRecordArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = { ...args };
    if (!("ttl" in props)) props.ttl = undefined;
    if (!("adoptExisting" in props)) props.adoptExisting = undefined;
    for (const output of OUTPUT_NAMES) props[output] = undefined;
    provider ??= serializedForwarder(
      require.resolve("../../shims/globalDnsRecord"),
      "pulumi-certmanager-kr/shims/globalDnsRecord",
    );
    // Registered with stack traces paused (dynamic/registrationStacks.ts says why that is safe).
    super(provider, name, props, opts, "ncloud", "GlobalDnsRecord");
  }
}

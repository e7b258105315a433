/** The GlobalDnsRecord's fields, declared once (provider/schema/fields.ts says who reads the table). */
import type { ResourceFields } from "../../schema/fields";

export const GLOBAL_DNS_RECORD_FIELDS = {
  name: "ncloud.GlobalDnsRecord",
  description:
    "One record in an existing NCP Global DNS domain, applied so the name servers serve it. Made first for the TXT " +
    "records of certificate validation (`AdvancedCertificate.dcvRecords`); A, AAAA, CNAME, MX and CAA work too.",
  inputs: {
    zone: {
      type: "string",
      required: true,
      replaces: true,
      description: 'The Global DNS domain, as listed in the console (e.g. "example.com"). It must exist.',
    },
    host: {
      type: "string",
      required: true,
      replaces: true,
      description:
        'The name relative to the zone ("www", "_dnsauth.shop"), "@" for the zone itself. A full name ending in ' +
        "the zone is refused with the relative form to use.",
    },
    type: {
      type: "string",
      required: true,
      replaces: true,
      oneOf: ["TXT", "A", "AAAA", "CNAME", "MX", "CAA"],
      description: "The record type.",
    },
    content: {
      type: "string",
      required: true,
      description:
        "The value. TXT: without quotes, printable ASCII, at most 255 characters. A/AAAA: an address. CNAME: a host " +
        'name (not at "@"). MX: "10 mail.example.com". CAA: \'0 issue "letsencrypt.org"\'. Updated in place.',
    },
    ttl: {
      type: "integer",
      default: 300,
      description: "Seconds, 30 to 86400 (bounds of this package: NCP documents none). Updated in place.",
    },
    adoptExisting: {
      type: "boolean",
      default: false,
      description:
        "Take over a record that already exists with the same host, type and content instead of refusing to create " +
        "(the default refuses, naming the record). An adopted record is left in place when the resource is deleted. " +
        "Read only at creation.",
    },
  },
  outputs: {
    adopted: {
      type: "boolean",
      description: "True when the record existed and was taken over (`adoptExisting`): it is left in place on delete.",
    },
    recordId: { type: "integer", description: "Global DNS's id of the record (also the resource id)." },
    zoneId: { type: "integer", description: "The domain's id in Global DNS." },
    fqdn: { type: "string", description: "The record's full name, e.g. `_dnsauth.example.com`." },
    applied: {
      type: "boolean",
      description: "Whether the name servers serve the record as it is (true after every successful create or update).",
    },
    storedContent: { type: "string", description: "The content as Global DNS stores it (TXT in quotes)." },
  },
} as const satisfies ResourceFields;

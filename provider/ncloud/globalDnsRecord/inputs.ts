/**
 * GlobalDnsRecord's inputs: check's rules (every one before any request, naming the field and the fix) and the
 * normal form diff compares (lower-case names, upper-case type, default TTL).
 */
import { isIPv4, isIPv6 } from "node:net";
import { type CheckFailure, type InputSchema, unknownFieldFailures } from "../../dynamic/inputFields";
import { inputSchema } from "../../schema/fields";
import { containsUnknown } from "../../shared/unknown";
import { GLOBAL_DNS_RECORD_FIELDS } from "./fields";

export const RECORD_TYPES = ["TXT", "A", "AAAA", "CNAME", "MX", "CAA"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/**
 * TTL bounds in seconds. NCP documents none (docs §6, §10 #7); 30 is the lowest seen in working clients, a day the
 * longest worth waiting for when a validation record changes. Default 300, as in NCP's examples.
 */
export const TTL_RANGE = { min: 30, max: 86_400, default: 300 } as const;
/** One TXT character-string; longer values are split by rules NCP does not document (docs §10 #6). */
export const TXT_MAX_LENGTH = 255;

export const GLOBAL_DNS_RECORD_INPUTS: InputSchema = inputSchema(GLOBAL_DNS_RECORD_FIELDS);

export interface RecordInputs {
  zone: string;
  host: string;
  type: RecordType;
  content: string;
  ttl: number;
  /** Take over an identical record that already exists instead of refusing; an adopted record is left in place on delete. */
  adoptExisting: boolean;
}

const LABEL = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9])?$/;
const DOMAIN = /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/;
const CAA_TAGS = ["issue", "issuewild", "iodef"];

type Raw = Record<string, unknown>;

export function checkRecordInputs(news: Raw): { inputs: Raw; failures: CheckFailure[] } {
  const failures: CheckFailure[] = [...unknownFieldFailures(news, GLOBAL_DNS_RECORD_INPUTS)];
  const out: Raw = {};
  const field = (name: keyof RecordInputs, rule: (v: unknown) => string | { value: unknown }) => {
    const v = news[name];
    if (containsUnknown(v)) {
      out[name] = v;
      return;
    }
    const r = rule(v);
    if (typeof r === "string") failures.push({ property: name, reason: r });
    else out[name] = r.value;
  };
  field("zone", zoneRule);
  field("type", typeRule);
  const zone = typeof out.zone === "string" && !containsUnknown(out.zone) ? out.zone : undefined;
  const type = typeof out.type === "string" && !containsUnknown(out.type) ? (out.type as RecordType) : undefined;
  field("host", (v) => hostRule(v, zone, type));
  field("content", (v) => contentRule(v, type));
  field("ttl", ttlRule);
  field("adoptExisting", adoptRule);
  return { inputs: out, failures };
}

/** A value as a refusal quotes it: in double quotes, cut after 80 characters (a pasted blob is not echoed whole). */
function quote(v: string): string {
  return v.length > 80 ? `"${v.slice(0, 80)}…" (${v.length} characters)` : `"${v}"`;
}

function zoneRule(v: unknown): string | { value: string } {
  if (typeof v !== "string" || v === "") {
    return 'zone is required: the name of an existing Global DNS domain, e.g. "example.com"';
  }
  const zone = v.toLowerCase().replace(/\.$/, "");
  const long = zone.split(".").find((l) => l.length > 63);
  if (long !== undefined) {
    return `zone ${quote(v)} has a label over 63 characters (${quote(long)}): DNS labels are at most 63 characters`;
  }
  return DOMAIN.test(zone) && zone.length <= 253
    ? { value: zone }
    : `zone ${quote(v)} is not a domain name: give the Global DNS domain as listed in the console, e.g. "example.com"`;
}

function adoptRule(v: unknown): string | { value: boolean } {
  if (v === undefined || v === null) return { value: false };
  return typeof v === "boolean"
    ? { value: v }
    : `adoptExisting must be true or false (default false), got ${quote(JSON.stringify(v) ?? String(v))}`;
}

function typeRule(v: unknown): string | { value: string } {
  const t = typeof v === "string" ? v.toUpperCase() : v;
  if (RECORD_TYPES.includes(t as RecordType)) return { value: t as string };
  return `type ${JSON.stringify(v ?? null)} is not supported: use one of ${RECORD_TYPES.join(", ")}`;
}

function hostRule(v: unknown, zone: string | undefined, type: RecordType | undefined): string | { value: string } {
  if (typeof v !== "string" || v === "") {
    return 'host is required: the name relative to the zone, e.g. "www" or "_dnsauth", or "@" for the zone itself';
  }
  const host = v.toLowerCase();
  if (zone && (host === zone || host === `${zone}.` || host.endsWith(`.${zone}`) || host.endsWith(`.${zone}.`))) {
    const relative = host.replace(/\.$/, "") === zone ? "@" : host.replace(/\.$/, "").slice(0, -(zone.length + 1));
    return `host ${quote(v)} is a full name in zone ${zone}: give it relative to the zone, host: "${relative}"`;
  }
  if (host.endsWith(".")) {
    return `host ${quote(v)} ends with a dot (a full name): give the name relative to the zone, without the zone and dot`;
  }
  if (host === "@") {
    if (type === "CNAME") return 'host "@" cannot have a CNAME record (it would clash with the zone\'s SOA and NS)';
    return { value: host };
  }
  const labels = host.split(".");
  const bad = labels.find((l, i) => !(LABEL.test(l) && l.length <= 63) && !(l === "*" && i === 0));
  if (bad !== undefined) {
    return `host ${quote(v)} has an invalid label ${quote(bad)}: use letters, digits, "-" and "_" (labels up to 63 characters), "*" only as the first label, or "@" for the apex`;
  }
  if (zone && host.length + zone.length + 1 > 253)
    return `host ${quote(v)} makes a name over 253 characters in ${zone}`;
  return { value: host };
}

function contentRule(v: unknown, type: RecordType | undefined): string | { value: string } {
  if (typeof v !== "string" || v === "")
    return `content is required: the record's value${type ? ` (${example(type)})` : ""}`;
  if (!type) return { value: v };
  const problem = contentProblem(type, v);
  if (problem) return problem;
  return { value: type === "CNAME" || type === "MX" ? v.toLowerCase() : type === "AAAA" ? v.toLowerCase() : v };
}

function example(type: RecordType): string {
  return {
    TXT: 'the value without quotes, e.g. "v=spf1 -all"',
    A: 'an IPv4 address, e.g. "192.0.2.10"',
    AAAA: 'an IPv6 address, e.g. "2001:db8::10"',
    CNAME: 'a host name, e.g. "target.example.net"',
    MX: 'priority and host, e.g. "10 mail.example.com"',
    CAA: 'flags, tag and quoted value, e.g. "0 issue \\"letsencrypt.org\\""',
  }[type];
}

function contentProblem(type: RecordType, v: string): string | undefined {
  const want = `content for ${type} must be ${example(type)}`;
  switch (type) {
    case "TXT":
      if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
        return `content ${quote(v)} is quoted: give the TXT value without the surrounding quotes (the service adds them)`;
      }
      if (v.includes('"'))
        return `content ${quote(v)} contains a double quote, which NCP does not say how to escape: remove it`;
      if (v.includes("\\")) {
        return `content ${quote(v)} contains a backslash, which NCP does not say how to escape (a resolver may read it as one): remove it`;
      }
      if (v !== v.trim()) {
        return `content ${quote(v)} has leading or trailing spaces, which a resolver keeps but a console hides: remove them`;
      }
      if (v.length > TXT_MAX_LENGTH) {
        return `content is ${v.length} characters: a TXT value here is at most ${TXT_MAX_LENGTH} (NCP does not document how longer ones are split)`;
      }
      return /^[\x20-\x7e]*$/.test(v) ? undefined : "content for TXT must be printable ASCII (no line breaks)";
    case "A":
      return isIPv4(v) ? undefined : `content ${quote(v)} is not an IPv4 address: ${want}`;
    case "AAAA":
      if (v.includes("%")) return `content ${quote(v)} has a zone index (%…), which has no meaning in DNS: ${want}`;
      return isIPv6(v) ? undefined : `content ${quote(v)} is not an IPv6 address: ${want}`;
    case "CNAME":
      return hostName(v) ? undefined : `content ${quote(v)} is not a host name: ${want}`;
    case "MX": {
      const m = v.match(/^(\d{1,5}) +(\S+)$/);
      // RFC 7505's null MX ("this domain takes no mail") is "0 ." and nothing else.
      if (m?.[2] === ".")
        return m[1] === "0" ? undefined : `content ${quote(v)}: a null MX must have priority 0 ("0 .")`;
      return m && Number(m[1]) <= 65535 && hostName(m[2])
        ? undefined
        : `content ${quote(v)} is not an MX value: ${want}`;
    }
    case "CAA": {
      const m = v.match(/^(\d{1,3}) +([A-Za-z0-9]+) +"([^"]*)"$/);
      if (!m || Number(m[1]) > 255) return `content ${quote(v)} is not a CAA value: ${want}`;
      return CAA_TAGS.includes(m[2].toLowerCase())
        ? undefined
        : `CAA tag "${m[2]}" is unknown: use ${CAA_TAGS.join(", ")}`;
    }
  }
}

/** A target name: labels may start with "_" (NCP's CNAME validation targets do, e.g. "_e83….cm.naverncp.com"). */
const TARGET = /^([a-z0-9_]([a-z0-9_-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/;

function hostName(v: string): boolean {
  const name = v.toLowerCase().replace(/\.$/, "");
  return TARGET.test(name) && name.length <= 253 && name.split(".").every((l) => l.length <= 63);
}

function ttlRule(v: unknown): string | { value: number } {
  if (v === undefined || v === null) return { value: TTL_RANGE.default };
  if (typeof v !== "number" || !Number.isInteger(v) || v < TTL_RANGE.min || v > TTL_RANGE.max) {
    return `ttl ${JSON.stringify(v)} is out of range: give whole seconds from ${TTL_RANGE.min} to ${TTL_RANGE.max} (default ${TTL_RANGE.default})`;
  }
  return { value: v };
}

/** A record's content as stored compared with the input: TXT without its quotes, names without case or final dot. */
export function sameContent(type: string, stored: string, wanted: string): boolean {
  return normalContent(type, stored) === normalContent(type, wanted);
}

export function normalContent(type: string, content: string): string {
  if (type === "TXT")
    return content.length >= 2 && content.startsWith('"') && content.endsWith('"') ? content.slice(1, -1) : content;
  if (type === "CNAME" || type === "MX") return content.toLowerCase().replace(/\.$/, "");
  return type === "AAAA" ? content.toLowerCase() : content;
}

export function fqdnOf(host: string, zone: string): string {
  return host === "@" ? zone : `${host}.${zone}`;
}

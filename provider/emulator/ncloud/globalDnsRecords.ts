/**
 * Global DNS v1 record rules for create and update: which fields are required, what each type's content looks like,
 * and how TXT is stored (quoted). A broken rule becomes one entry of X00007's `rrsetValidationResponseList` (§3.2,
 * §4.5); the entries' keys after `field` are cut in the docs, so `message` is ours.
 */
import { isIP } from "node:net";
import type { DnsRecordState, GlobalDnsModes } from "./globalDnsWorld";

export const RECORD_TYPES = ["A", "AAAA", "CNAME", "MX", "PTR", "SPF", "TXT", "NS", "SRV", "CAA", "DS"];
const LABEL = /^(\*|_?[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?|_[A-Za-z0-9])$/;
const HOSTNAME = /^([A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.?$/;

export interface ValidationEntry {
  recordType: string;
  field: string;
  message: string;
}

/** A record as a create/update body gives it (the id only in updates). */
export type RecordInput = Pick<DnsRecordState, "host" | "type" | "content" | "ttl" | "aliasId" | "lbId"> & {
  id?: number;
};

/** Reads one array item of a create/update body; entries for every rule it breaks. */
export function readRecord(item: unknown, withId: boolean): { record?: RecordInput; problems: ValidationEntry[] } {
  const o = item && typeof item === "object" && !Array.isArray(item) ? (item as Record<string, unknown>) : undefined;
  const type = typeof o?.type === "string" ? o.type.toUpperCase() : "";
  const problems: ValidationEntry[] = [];
  const bad = (field: string, message: string) => problems.push({ recordType: type || "UNKNOWN", field, message });
  if (!o) {
    bad("record", "each item must be a record object");
    return { problems };
  }
  if (withId && !Number.isInteger(o.id)) bad("id", "id is required");
  if (typeof o.host !== "string" || o.host === "") bad("host", "host is required");
  else if (!validHost(o.host)) bad("host", "host must be @ or labels of letters, digits, '-', '_' or '*'");
  if (!RECORD_TYPES.includes(type)) bad("type", `type must be one of ${RECORD_TYPES.join(", ")}`);
  if (typeof o.content !== "string" || o.content === "") bad("content", "content is required");
  else if (RECORD_TYPES.includes(type)) {
    // An alias's content is its target's name, whatever the type (the doc's example: an A record, "www.example.com").
    const problem = Number.isInteger(o.aliasId) ? aliasContentProblem(o.content) : contentProblem(type, o.content);
    if (problem) bad("content", problem);
  }
  if (!Number.isInteger(o.ttl) || (o.ttl as number) < 0) bad("ttl", "ttl is required and must be a whole number");
  if (problems.length > 0) return { problems };
  return {
    problems,
    record: {
      id: withId ? (o.id as number) : undefined,
      host: (o.host as string).toLowerCase(),
      type,
      content: o.content as string,
      ttl: o.ttl as number,
      aliasId: Number.isInteger(o.aliasId) ? (o.aliasId as number) : null,
      lbId: Number.isInteger(o.lbId) ? (o.lbId as number) : null,
    },
  };
}

function validHost(host: string): boolean {
  if (host === "@") return true;
  return host.length <= 253 && host.split(".").every((l) => l.length <= 63 && LABEL.test(l));
}

function aliasContentProblem(content: string): string | undefined {
  return HOSTNAME.test(content) ? undefined : "an alias's content is the host name of its target";
}

function contentProblem(type: string, content: string): string | undefined {
  switch (type) {
    case "A":
      return isIP(content) === 4 ? undefined : "A content must be an IPv4 address";
    case "AAAA":
      return isIP(content) === 6 ? undefined : "AAAA content must be an IPv6 address";
    case "CNAME":
    case "NS":
    case "PTR":
      return HOSTNAME.test(content) ? undefined : `${type} content must be a host name`;
    case "MX": {
      const m = content.match(/^(\d{1,5})\s+(\S+)$/);
      return m && Number(m[1]) <= 65535 && HOSTNAME.test(m[2]) ? undefined : "MX content must be 'priority host'";
    }
    case "CAA":
      return /^\d{1,3}\s+[a-z0-9]+\s+"[^"]*"$/i.test(content) ? undefined : 'CAA content must be flags tag "value"';
    case "TXT":
    case "SPF":
      return unquotedLength(content) > 4000 ? "TXT content is too long" : undefined;
    default:
      return undefined;
  }
}

function unquotedLength(content: string): number {
  return content.replace(/^"|"$/g, "").length;
}

/** How the service stores a TXT value: quoted when sent bare; a quoted one per the `preQuotedTxt` mode. */
export function storedContent(type: string, content: string, modes: GlobalDnsModes): string {
  if (type !== "TXT" && type !== "SPF") return content;
  const quoted = content.length >= 2 && content.startsWith('"') && content.endsWith('"');
  return quoted && modes.preQuotedTxt === "keep" ? content : `"${content}"`;
}

export function sameRrData(a: Pick<DnsRecordState, "host" | "type" | "content">, b: typeof a): boolean {
  return a.host === b.host && a.type === b.type && a.content === b.content;
}

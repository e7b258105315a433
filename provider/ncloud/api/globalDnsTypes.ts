/**
 * The Global DNS operations GlobalDnsRecord depends on, independent of the API generation: v1 implements them
 * today (globalDns.ts); a v2 client (batch endpoints, Operation polling in apply) can replace it behind this shape.
 */

/** A Global DNS domain (zone) as the domain list returns it. */
export interface DnsZone {
  id: number;
  /** Without a trailing dot, as NCP lists it. */
  name: string;
  /** `PROCESS` | `FAIL` | `SUCCESS` (v1). */
  status?: string;
  completeYn?: boolean;
}

/** Record types the provider manages (the API knows more: PTR, SPF, NS, SRV, DS, SOA). */
export type DnsRecordType = "A" | "AAAA" | "CNAME" | "MX" | "TXT" | "CAA";

export interface DnsRecordSpec {
  /** Relative to the zone; `@` is the apex. */
  host: string;
  type: string;
  /** As the API takes it; TXT unquoted (the service adds the quotes). */
  content: string;
  ttl: number;
}

export interface DnsRecordUpdate extends DnsRecordSpec {
  id: number;
}

/** One record of the pending view the API lists (unapplied changes included). */
export interface DnsRecord {
  id: number;
  host: string;
  /** The FQDN, when the API gives it. */
  name?: string;
  type: string;
  /** As stored: TXT wrapped in double quotes. */
  content: string;
  ttl: number;
  /** `applyYn`: the name servers serve it. */
  applied: boolean;
  /** `delYn`: deleted, the deletion not yet applied. */
  deleted: boolean;
  /** `defaultYn`: a system record (SOA, NS), not deletable. */
  defaultRecord: boolean;
  raw: Record<string, unknown>;
}

export interface RecordFilter {
  recordType?: string;
  /** Server-side search on the record name; its match rule is undocumented, so callers filter again. */
  searchContent?: string;
}

export interface GlobalDnsApi {
  /** The zone named exactly `name` (no trailing dot), or undefined. */
  findZone(name: string, signal?: AbortSignal): Promise<DnsZone | undefined>;
  /** Every record of a zone, all pages, in the pending view (filtered by the server where it can). */
  listRecords(zoneId: number, filter?: RecordFilter, signal?: AbortSignal): Promise<DnsRecord[]>;
  /**
   * Creates records, pending until applied. Sent once, never retried: after an ambiguous failure the caller lists
   * the zone to learn whether the record exists. Returns no ids (v1 does not).
   */
  createRecords(zoneId: number, records: DnsRecordSpec[], signal?: AbortSignal): Promise<void>;
  /** Replaces records by id (all fields sent); pending until applied. */
  updateRecords(zoneId: number, records: DnsRecordUpdate[], signal?: AbortSignal): Promise<void>;
  /** Deletes records by id; pending until applied. */
  deleteRecords(zoneId: number, ids: number[], signal?: AbortSignal): Promise<void>;
  /** Publishes the zone's pending changes to the name servers. */
  applyZone(zoneId: number, signal?: AbortSignal): Promise<void>;
}

/**
 * NCP Global DNS v1 client (`/dns/v1/ncpdns/...`, see shared/docs/ncp-global-dns-api.md §4): the operations the
 * GlobalDnsRecord resource needs, signed and sent like Certificate Manager calls (same keys, same pool rules).
 *
 * Reads, updates, deletes and apply are retried on transient failures; create is sent once (a repeat could make a
 * duplicate, and v1 returns no ids), so its callers resolve an ambiguous failure by listing. Success bodies of
 * create/update/delete/apply are undocumented and ignored; only the status and the error envelopes are read.
 */
import { ApiError } from "../../shared/errors";
import { type RetryPolicy, retryPolicyFromEnv, withRetries } from "../../shared/retry";
import type { DnsRecord, DnsRecordSpec, DnsRecordUpdate, DnsZone, GlobalDnsApi, RecordFilter } from "./globalDnsTypes";
import { arrayOfObjects, interpretResponse, intOrUndefined, type JsonObject, stringOrUndefined } from "./responses";
import { NcloudTransport, type NcloudTransportOptions, normaliseEndpoint } from "./transport";

export const DEFAULT_GLOBAL_DNS_ENDPOINT = "https://globaldns.apigw.ntruss.com";
/** The public-sector (gov) host; the same paths. */
export const GOV_GLOBAL_DNS_ENDPOINT = "https://globaldns.apigw.gov-ntruss.com";

const PREFIX = "/dns/v1/ncpdns";
const PAGE_SIZE = 100;
const MAX_PAGES = 1000;

export interface GlobalDnsClientOptions extends NcloudTransportOptions {
  /** Base URL; `/dns/v1/ncpdns/...` is appended (a base ending in `/dns/v1` is accepted too). */
  endpoint?: string;
  retryPolicy?: RetryPolicy;
}

interface Call {
  operation: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  once?: boolean;
}

export class NcloudGlobalDnsClient implements GlobalDnsApi {
  readonly endpoint: string;
  readonly #transport: NcloudTransport;
  readonly #retryPolicy: RetryPolicy;

  constructor(options: GlobalDnsClientOptions) {
    const product = "NCP Global DNS";
    const endpoint = options.endpoint ?? DEFAULT_GLOBAL_DNS_ENDPOINT;
    this.endpoint = normaliseEndpoint(endpoint, product, DEFAULT_GLOBAL_DNS_ENDPOINT, "/dns/v1");
    this.#transport = new NcloudTransport("ncloudGlobalDns", this.endpoint, options, product);
    this.#retryPolicy = options.retryPolicy ?? retryPolicyFromEnv();
  }

  async findZone(name: string, signal?: AbortSignal): Promise<DnsZone | undefined> {
    // The filter's match rule is undocumented (substring?) and NCP lists names without the trailing dot.
    const wanted = name.replace(/\.$/, "").toLowerCase();
    const items = await this.pages("getDomainList", "/domain", { domainName: wanted }, signal);
    const zone = items.find((d) => String(d.name ?? "").toLowerCase() === wanted);
    if (!zone) return undefined;
    const id = intOrUndefined(zone.id);
    if (id === undefined) throw malformed("getDomainList", "a domain entry has no id");
    return {
      id,
      name: String(zone.name),
      status: stringOrUndefined(zone.status),
      completeYn: typeof zone.completeYn === "boolean" ? zone.completeYn : undefined,
    };
  }

  async listRecords(zoneId: number, filter: RecordFilter = {}, signal?: AbortSignal): Promise<DnsRecord[]> {
    const items = await this.pages(
      "getRecordList",
      `/record/${zoneId}`,
      { recordType: filter.recordType, searchContent: filter.searchContent },
      signal,
    );
    return items.map(toRecord);
  }

  async createRecords(zoneId: number, records: DnsRecordSpec[], signal?: AbortSignal): Promise<void> {
    const body = records.map((r) => ({ host: r.host, type: r.type, content: r.content, ttl: r.ttl }));
    await this.call({ operation: "createRecord", method: "POST", path: `/record/${zoneId}`, body, signal, once: true });
  }

  async updateRecords(zoneId: number, records: DnsRecordUpdate[], signal?: AbortSignal): Promise<void> {
    // v1 does not say whether omitted fields are kept: send every field.
    const body = records.map((r) => ({ id: r.id, host: r.host, type: r.type, content: r.content, ttl: r.ttl }));
    await this.call({ operation: "updateRecord", method: "PUT", path: `/record/${zoneId}`, body, signal });
  }

  async deleteRecords(zoneId: number, ids: number[], signal?: AbortSignal): Promise<void> {
    await this.call({ operation: "deleteRecord", method: "DELETE", path: `/record/${zoneId}`, body: ids, signal });
  }

  async applyZone(zoneId: number, signal?: AbortSignal): Promise<void> {
    await this.call({ operation: "applyDomain", method: "PUT", path: `/record/apply/${zoneId}`, signal });
  }

  /**
   * Discards every unapplied change of the zone, other people's included. Not used by the resource: a provider
   * must not throw away edits it did not make (docs §4.3, §8).
   */
  async rollbackZone(zoneId: number, signal?: AbortSignal): Promise<void> {
    await this.call({ operation: "rollbackDomain", method: "PUT", path: `/record/rollback/${zoneId}`, signal });
  }

  /** Every item of a paged (Spring-style) list, stopping at `last`, an empty page or `totalPages`. */
  private async pages(
    operation: string,
    path: string,
    filter: Record<string, string | undefined>,
    signal?: AbortSignal,
  ): Promise<JsonObject[]> {
    const out: JsonObject[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await this.call({
        operation,
        method: "GET",
        path,
        query: { page, size: PAGE_SIZE, ...filter },
        signal,
      });
      if (!Array.isArray(res.content)) throw malformed(operation, "the page has no `content` list");
      const content = arrayOfObjects(res.content);
      out.push(...content);
      const totalPages = intOrUndefined(res.totalPages);
      if (content.length === 0 || res.last === true || (totalPages !== undefined && page + 1 >= totalPages)) break;
    }
    return out;
  }

  private call(c: Call): Promise<JsonObject> {
    const attempt = async () => {
      const res = await this.#transport.send({
        operation: c.operation,
        method: c.method,
        path: `${PREFIX}${c.path}`,
        query: c.query,
        body: c.body === undefined ? undefined : JSON.stringify(c.body),
        signal: c.signal,
      });
      return interpretResponse(c.operation, res, Date.now(), {
        api: "ncloudGlobalDns",
        anyJsonBody: c.method !== "GET",
      });
    };
    return c.once ? attempt() : withRetries(attempt, this.#retryPolicy);
  }
}

function toRecord(r: JsonObject): DnsRecord {
  const id = intOrUndefined(r.id);
  if (id === undefined) throw malformed("getRecordList", `a record has no id: ${JSON.stringify(r).slice(0, 200)}`);
  return {
    id,
    host: stringOrUndefined(r.host) ?? "",
    name: stringOrUndefined(r.name),
    type: (stringOrUndefined(r.type) ?? "").toUpperCase(),
    content: stringOrUndefined(r.content) ?? "",
    ttl: intOrUndefined(r.ttl) ?? 0,
    // Older examples omit applyYn; a record without it is taken as applied.
    applied: r.applyYn !== false,
    deleted: r.delYn === true,
    defaultRecord: r.defaultYn === true,
    raw: r,
  };
}

function malformed(operation: string, message: string): ApiError {
  return new ApiError({ api: "ncloudGlobalDns", operation, kind: "malformed", httpStatus: 200, apiMessage: message });
}

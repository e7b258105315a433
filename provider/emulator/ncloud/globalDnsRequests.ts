/**
 * What a Global DNS v1 request may carry, as shared/docs/ncp-global-dns-api.md documents it (§4.2-§4.4): the body
 * fields of RecordCreateRequest / RecordUpdateRequest, the `recordType` filter's values, no body on apply and
 * rollback, and the alias rules (an `aliasId` names a record of the zone; a record used as an alias target cannot be
 * deleted, X00006 with the documented message). What the real service does with input the docs do not list is
 * open: the `undocumentedInput` mode refuses it (default) or ignores it as a lenient Spring service would.
 */
import type { EmulatorRequest, EmulatorResponse } from "../types";
import { RECORD_TYPES, type ValidationEntry } from "./globalDnsRecords";
import type { GlobalDnsModes, ZoneState } from "./globalDnsWorld";

/** RecordCreateRequest (§4.4), plus `lbRegionCode` from the newer Korean update page; updates add `id`. */
const CREATE_FIELDS = ["host", "type", "content", "ttl", "aliasId", "lbId", "lbRegionCode"];

/** Spring's own 400 body, as a @RequestParam or body that cannot be bound gets it. */
export function springBadRequest(req: EmulatorRequest, message: string): EmulatorResponse {
  return {
    status: 400,
    body: { timestamp: new Date().toISOString(), status: 400, error: "Bad Request", message, path: req.url.pathname },
  };
}

const strict = (modes: GlobalDnsModes) => modes.undocumentedInput === "refused";

/** X00007 entries for one body item: fields its request type does not document, id fields of the wrong type. */
export function bodyFieldProblems(item: unknown, withId: boolean, modes: GlobalDnsModes): ValidationEntry[] {
  if (!item || typeof item !== "object" || Array.isArray(item)) return [];
  const o = item as Record<string, unknown>;
  const recordType = typeof o.type === "string" ? o.type.toUpperCase() : "UNKNOWN";
  const problems: ValidationEntry[] = [];
  for (const field of ["aliasId", "lbId"]) {
    if (o[field] !== undefined && o[field] !== null && !Number.isInteger(o[field])) {
      problems.push({ recordType, field, message: `${field} is a record id (Long) or null` });
    }
  }
  if (!strict(modes)) return problems;
  const known = withId ? ["id", ...CREATE_FIELDS] : CREATE_FIELDS;
  for (const field of Object.keys(o).filter((k) => !known.includes(k))) {
    problems.push({ recordType, field, message: `${field} is not a field of this request (${known.join(", ")})` });
  }
  return problems;
}

/** An X00007 entry when `aliasId` names no record of the zone (deleted-but-unapplied ones included). */
export function aliasProblem(zone: ZoneState, r: { type: string; aliasId: number | null }): ValidationEntry[] {
  if (r.aliasId === null || zone.pending.some((p) => p.id === r.aliasId && !p.defaultYn)) return [];
  return [{ recordType: r.type, field: "aliasId", message: `aliasId ${r.aliasId} is not a record of this domain` }];
}

/** The first of `ids` that a record staying in the zone uses as its alias target, as the documented X00006. */
export function aliasTargetInUse(zone: ZoneState, ids: number[]) {
  const staying = zone.pending.filter((p) => !ids.includes(p.id));
  const target = zone.pending.find((p) => ids.includes(p.id) && staying.some((s) => s.aliasId === p.id));
  if (!target) return undefined;
  const name = target.host === "@" ? zone.name : `${target.host}.${zone.name}`;
  const says = (type: string, fqdn: string) =>
    `The record you want to delete (Type: ${type}, Name : ${fqdn}) is being used as an alias elsewhere. ` +
    "Try deleting again after deleting the alias.";
  return { message: says(target.type, name), devMessage: says("{0}", "{1}") };
}

/** The list's `recordType` filter: a documented value, or (undocumentedInput `ignored`) anything, matching nothing. */
export function recordTypeFilterProblem(req: EmulatorRequest, modes: GlobalDnsModes): EmulatorResponse | undefined {
  const type = req.url.searchParams.get("recordType");
  if (type === null || RECORD_TYPES.includes(type) || !strict(modes)) return undefined;
  return springBadRequest(
    req,
    `Failed to convert value of type 'java.lang.String' to required type 'RecordType' for parameter 'recordType': ` +
      `${JSON.stringify(type)} is not one of ${RECORD_TYPES.join(", ")}`,
  );
}

/** Apply and rollback take no body (§4.3). */
export function unexpectedBody(req: EmulatorRequest, modes: GlobalDnsModes): EmulatorResponse | undefined {
  if (req.body.length === 0 || !strict(modes)) return undefined;
  return springBadRequest(req, `${req.method} ${req.url.pathname} takes no request body`);
}

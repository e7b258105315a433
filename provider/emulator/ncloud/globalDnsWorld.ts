/**
 * The Global DNS slice of the emulator's world (shared/docs/ncp-global-dns-api.md §9): zones, each with the record
 * set the name servers answer (`applied`) and the set the API lists and edits (`pending`: applied plus unapplied
 * changes). Apply copies pending to applied and bumps the SOA serial; rollback copies back. What the docs leave
 * open (§10) is a named mode, so tests can run the provider against every plausible answer.
 */
import type { WorldState } from "../store";

export interface DnsRecordState {
  id: number;
  host: string;
  type: string;
  content: string;
  ttl: number;
  aliasId: number | null;
  lbId: number | null;
  defaultYn: boolean;
  /** Epoch seconds, as v1's examples show. */
  createdDate: number;
  modifiedDate: number;
  /** Applied copies only: when this exact content reached the name servers (ms, emulator clock). */
  appliedAtMs?: number;
}

export interface ZoneState {
  id: number;
  name: string;
  createdDate: number;
  modifiedDate: number;
  serial: number;
  applied: DnsRecordState[];
  pending: DnsRecordState[];
  /** In the `applyPublishes: "later"` mode: what an accepted apply publishes, and when. */
  scheduledApply?: { atMs: number; pending: DnsRecordState[] };
}

/** The §10 open questions that change what a client sees, as switchable answers. Defaults: the first of each. */
export interface GlobalDnsModes {
  /** §6, §10 #6: a TXT value sent already quoted is stored as sent (`keep`) or quoted again (`double`). */
  preQuotedTxt: "keep" | "double";
  /** §10 #1 (v1 unknown): whether records are served before apply (what the CA's DCV check sees). */
  liveBeforeApply: boolean;
  /** §10 #3: apply with nothing pending succeeds (`allowed`) or fails with X00006 (`refused`). */
  applyWithNothingPending: "allowed" | "refused";
  /** §10 #13: deleting an unknown or already-deleted id fails with X00006 (`error`) or does nothing (`ignore`). */
  deleteUnknownId: "error" | "ignore";
  /** §6, §10 #8: a record equal to another (host, type, content) is accepted (`allowed`) or refused with X00007. */
  duplicates: "allowed" | "refused";
  /** §3.2, §10 #4: create/update/delete/apply/rollback answer 200 with no body (`empty`) or with a JSON body. */
  successBody: "empty" | "json";
  /**
   * §10 #2: apply publishes before it answers (`atOnce`), or is accepted and publishes APPLY_LAG_MS later
   * (`later`): until then the records still list `applyYn: false` and the name servers serve the old set.
   */
  applyPublishes: "atOnce" | "later";
  /**
   * Input the docs do not list (a body field outside RecordCreateRequest/RecordUpdateRequest, a `recordType` filter
   * outside its enum, a body on apply or rollback): refused with X00007 / Spring's 400 (`refused`), or dropped as a
   * lenient Spring service would (`ignored`; an unknown filter then matches nothing). See globalDnsRequests.ts.
   */
  undocumentedInput: "refused" | "ignored";
}

/** How long an accepted apply takes to publish in the `applyPublishes: "later"` mode. */
export const APPLY_LAG_MS = 500;

export const DEFAULT_GLOBAL_DNS_MODES: GlobalDnsModes = {
  preQuotedTxt: "keep",
  liveBeforeApply: false,
  applyWithNothingPending: "allowed",
  deleteUnknownId: "error",
  duplicates: "allowed",
  successBody: "empty",
  applyPublishes: "atOnce",
  undocumentedInput: "refused",
};

export const MODE_CHOICES: { [K in keyof GlobalDnsModes]: readonly GlobalDnsModes[K][] } = {
  preQuotedTxt: ["keep", "double"],
  liveBeforeApply: [false, true],
  applyWithNothingPending: ["allowed", "refused"],
  deleteUnknownId: ["error", "ignore"],
  duplicates: ["allowed", "refused"],
  successBody: ["empty", "json"],
  applyPublishes: ["atOnce", "later"],
  undocumentedInput: ["refused", "ignored"],
};

export interface GlobalDnsWorld {
  nextZoneId: number;
  nextRecordId: number;
  zones: ZoneState[];
  modes: GlobalDnsModes;
}

export const NAME_SERVERS = ["ns1-1.ns-ncloud.com.", "ns1-2.ns-ncloud.com."];

export function globalDnsWorld(world: WorldState): GlobalDnsWorld {
  let slice = world.apis.globaldns as GlobalDnsWorld | undefined;
  if (!slice) {
    slice = { nextZoneId: 25_001, nextRecordId: 270_001, zones: [], modes: { ...DEFAULT_GLOBAL_DNS_MODES } };
    world.apis.globaldns = slice;
  }
  return slice;
}

export function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

function soaContent(serial: number): string {
  return `${NAME_SERVERS.join(" ")} ${serial} 21600 1800 1209600 300`;
}

/** A zone as created in the console: SOA and NS at the apex, system records, already applied. */
export function createZone(dns: GlobalDnsWorld, name: string, nowMs: number): ZoneState {
  const t = seconds(nowMs);
  const system = (type: string, content: string): DnsRecordState => ({
    id: dns.nextRecordId++,
    host: "@",
    type,
    content,
    ttl: 300,
    aliasId: null,
    lbId: null,
    defaultYn: true,
    createdDate: t,
    modifiedDate: t,
    appliedAtMs: nowMs,
  });
  const records = [system("SOA", soaContent(1)), ...NAME_SERVERS.map((ns) => system("NS", ns))];
  const zone: ZoneState = {
    id: dns.nextZoneId++,
    name: name.toLowerCase().replace(/\.$/, ""),
    createdDate: t,
    modifiedDate: t,
    serial: 1,
    applied: records,
    pending: records.map((r) => ({ ...r })),
  };
  dns.zones.push(zone);
  return zone;
}

/** Whether the pending copy of a record differs from what the name servers serve. */
function sameRecord(a: DnsRecordState, b: DnsRecordState | undefined): boolean {
  return !!b && a.host === b.host && a.type === b.type && a.content === b.content && a.ttl === b.ttl;
}

export function hasPendingChanges(zone: ZoneState): boolean {
  if (zone.pending.length !== zone.applied.length) return true;
  return zone.pending.some(
    (p) =>
      !sameRecord(
        p,
        zone.applied.find((a) => a.id === p.id),
      ),
  );
}

/** The v1 list view: pending records (applyYn false when changed) plus applied ones deleted but not yet applied. */
export function listView(zone: ZoneState): (DnsRecordState & { applyYn: boolean; delYn: boolean })[] {
  const live = zone.pending.map((p) => ({
    ...p,
    applyYn: sameRecord(
      p,
      zone.applied.find((a) => a.id === p.id),
    ),
    delYn: false,
  }));
  const deleted = zone.applied
    .filter((a) => !zone.pending.some((p) => p.id === a.id))
    .map((a) => ({ ...a, applyYn: false, delYn: true }));
  return [...live, ...deleted].sort((a, b) => a.id - b.id).map(({ appliedAtMs: _, ...r }) => r as never);
}

/** Publishes the pending set: unchanged records keep when they were applied, changed ones get `nowMs`. */
export function applyZone(zone: ZoneState, nowMs: number): void {
  zone.serial += 1;
  const soa = zone.pending.find((r) => r.type === "SOA" && r.defaultYn);
  if (soa) soa.content = soaContent(zone.serial);
  zone.applied = zone.pending.map((p) => {
    const before = zone.applied.find((a) => a.id === p.id);
    return { ...p, appliedAtMs: sameRecord(p, before) && p.type !== "SOA" ? before?.appliedAtMs : nowMs };
  });
  zone.modifiedDate = seconds(nowMs);
}

export function rollbackZone(zone: ZoneState): void {
  zone.pending = zone.applied.map((r) => ({ ...r }));
}

/** The zone serving `fqdn`: the one with the longest name that is the FQDN or a suffix of it. */
export function zoneFor(dns: GlobalDnsWorld, fqdn: string): ZoneState | undefined {
  const name = fqdn.toLowerCase().replace(/\.$/, "");
  return dns.zones
    .filter((z) => name === z.name || name.endsWith(`.${z.name}`))
    .sort((a, b) => b.name.length - a.name.length)[0];
}

export function hostIn(zone: ZoneState, fqdn: string): string {
  const name = fqdn.toLowerCase().replace(/\.$/, "");
  return name === zone.name ? "@" : name.slice(0, -(zone.name.length + 1));
}

export function unquoteTxt(content: string): string {
  return content.length >= 2 && content.startsWith('"') && content.endsWith('"') ? content.slice(1, -1) : content;
}

/**
 * When the name servers started answering `type` `fqdn` = `value` (ms), or undefined: applied records, or with the
 * `liveBeforeApply` mode pending ones too (then the record's modification time counts). TXT is compared without
 * its quotes, a CNAME target without case or final dot.
 */
export function recordServedSince(
  dns: GlobalDnsWorld,
  type: "TXT" | "CNAME",
  fqdn: string,
  value: string,
): number | undefined {
  const zone = zoneFor(dns, fqdn);
  if (!zone) return undefined;
  const host = hostIn(zone, fqdn);
  const target = (v: string) => v.toLowerCase().replace(/\.$/, "");
  const same = (content: string) =>
    type === "TXT" ? unquoteTxt(content) === value : target(content) === target(value);
  const match = (r: DnsRecordState) => r.type === type && r.host.toLowerCase() === host && same(r.content);
  const applied = zone.applied.find(match);
  if (applied) return applied.appliedAtMs ?? applied.modifiedDate * 1000;
  if (zone.scheduledApply?.pending.some(match)) return zone.scheduledApply.atMs; // served from then on
  const pending = dns.modes.liveBeforeApply ? zone.pending.find(match) : undefined;
  return pending ? pending.modifiedDate * 1000 : undefined;
}

/** Whether an apply accepted in the `applyPublishes: "later"` mode is due to publish. */
export function appliesDue(dns: GlobalDnsWorld, nowMs: number): boolean {
  return dns.zones.some((z) => z.scheduledApply !== undefined && z.scheduledApply.atMs <= nowMs);
}

/** Publishes the applies that are due: the record set as it was when the apply was accepted. */
export function settleApplies(dns: GlobalDnsWorld, nowMs: number): void {
  for (const zone of dns.zones) {
    const scheduled = zone.scheduledApply;
    if (!scheduled || scheduled.atMs > nowMs) continue;
    zone.scheduledApply = undefined;
    const live = zone.pending;
    zone.pending = scheduled.pending;
    applyZone(zone, scheduled.atMs);
    zone.pending = live;
    // The SOA's serial moved with the publication; edits made since the apply stay pending.
    const soa = scheduled.pending.find((r) => r.type === "SOA" && r.defaultYn);
    const liveSoa = live.find((r) => r.type === "SOA" && r.defaultYn);
    if (soa && liveSoa) liveSoa.content = soa.content;
  }
}

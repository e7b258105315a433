/**
 * Control routes of the emulated Global DNS (`/__emulator/globaldns/...`): create zones (the API itself is only
 * used on existing ones), change records as someone in the NCP console would (applied at once unless
 * `apply: false`), look at what the name servers serve, and switch the modes of globalDnsWorld.ts.
 */
import { readSettings } from "../modes";
import { parseJson } from "../server";
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from "../types";
import { readRecord, storedContent } from "./globalDnsRecords";
import {
  appliesDue,
  applyZone,
  createZone,
  type GlobalDnsModes,
  type GlobalDnsWorld,
  globalDnsWorld,
  listView,
  MODE_CHOICES,
  seconds,
  settleApplies,
  type ZoneState,
} from "./globalDnsWorld";

type Json = Record<string, unknown>;
const ok = (body: unknown): EmulatorResponse => ({ status: 200, body });
const bad = (error: string, status = 400): EmulatorResponse => ({ status, body: { error } });
const ZONE_NAME = /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$/;

export async function globalDnsControl(
  req: EmulatorRequest,
  subpath: string,
  ctx: EmulatorContext,
): Promise<EmulatorResponse | undefined> {
  const body = (parseJson(req.body) ?? {}) as Json;
  const route = `${req.method} ${subpath}`;
  if (route === "GET modes") return ok(await ctx.store.read((w) => globalDnsWorld(w).modes));
  if (route === "PUT modes") return setModes(req, ctx);
  if (route === "GET zones") {
    return ok({ zones: await ctx.store.read((w) => globalDnsWorld(w).zones.map((z) => zoneView(z))) });
  }
  if (route === "POST zones") {
    const name = typeof body.name === "string" ? body.name.toLowerCase().replace(/\.$/, "") : "";
    if (!ZONE_NAME.test(name)) return bad("zones needs {name: a domain name such as example.com}");
    return ok(
      await ctx.store.update((w) => {
        const dns = globalDnsWorld(w);
        return zoneView(dns.zones.find((z) => z.name === name) ?? createZone(dns, name, ctx.store.now()));
      }),
    );
  }
  const m = subpath.match(/^zones\/([^/]+)(?:\/(applied|records)(?:\/(\d+))?)?$/);
  if (!m) return undefined;
  const [, zoneKey, part, rawId] = m;
  const now = ctx.store.now();
  const mutates = req.method !== "GET" || (await ctx.store.read((w) => appliesDue(globalDnsWorld(w), now)));
  const run = (w: Parameters<Parameters<typeof ctx.store.read>[0]>[0]): EmulatorResponse => {
    const dns = globalDnsWorld(w);
    if (mutates) settleApplies(dns, now);
    const zone = dns.zones.find((z) => z.name === zoneKey.toLowerCase() || String(z.id) === zoneKey);
    if (!zone) return bad(`no zone ${zoneKey}`, 404);
    if (part === undefined && req.method === "GET") return ok(zoneView(zone));
    if (part === "applied" && req.method === "GET") return ok({ records: zone.applied });
    if (part !== "records") return bad(`unknown zone route ${route}`, 404);
    return consoleEdit(dns, zone, req.method, rawId === undefined ? undefined : Number(rawId), body, ctx.store.now());
  };
  return mutates ? ctx.store.update(run) : ctx.store.read(run);
}

function zoneView(z: ZoneState): Json {
  return { id: z.id, name: z.name, serial: z.serial, applied: z.applied, records: listView(z) };
}

/** A console edit: add, change or delete one record, then apply (the console's "apply" button) unless told not to. */
function consoleEdit(
  dns: GlobalDnsWorld,
  zone: ZoneState,
  method: string,
  id: number | undefined,
  body: Json,
  now: number,
): EmulatorResponse {
  if (method === "GET" && id === undefined) return ok({ records: listView(zone) });
  const target = id === undefined ? undefined : zone.pending.find((r) => r.id === id);
  if (id !== undefined && !target) return bad(`no record ${id} in ${zone.name}`, 404);
  if (target?.defaultYn && method !== "GET") return bad(`record ${id} is a system record`, 409);
  switch (`${method} ${id === undefined ? "" : "id"}`) {
    case "GET id":
      return ok(target);
    case "POST ": {
      const { record, problems } = readRecord({ ttl: 300, ...body }, false);
      if (!record) return bad(problems.map((p) => `${p.field}: ${p.message}`).join("; "));
      const t = seconds(now);
      zone.pending.push({
        ...record,
        id: dns.nextRecordId++,
        content: storedContent(record.type, record.content, dns.modes),
        defaultYn: false,
        createdDate: t,
        modifiedDate: t,
      });
      break;
    }
    case "PUT id": {
      const t = target as ZoneState["pending"][number];
      if (typeof body.content === "string") t.content = storedContent(t.type, body.content, dns.modes);
      if (Number.isInteger(body.ttl)) t.ttl = body.ttl as number;
      t.modifiedDate = seconds(now);
      break;
    }
    case "DELETE id":
      zone.pending = zone.pending.filter((r) => r.id !== id);
      break;
    default:
      return bad(`unknown record route ${method}`, 404);
  }
  if (body.apply !== false) applyZone(zone, now);
  return ok(zoneView(zone));
}

async function setModes(req: EmulatorRequest, ctx: EmulatorContext): Promise<EmulatorResponse> {
  const read = readSettings(req.body, Object.keys(MODE_CHOICES), "mode");
  if ("problem" in read) return bad(read.problem);
  const body = read.body;
  for (const [key, value] of Object.entries(body)) {
    const choices = (MODE_CHOICES as Record<string, readonly unknown[]>)[key];
    if (!choices.includes(value)) return bad(`mode ${key} must be one of ${choices.map(String).join(", ")}`);
  }
  return ok(
    await ctx.store.update((w) => {
      const dns = globalDnsWorld(w);
      dns.modes = { ...dns.modes, ...(body as Partial<GlobalDnsModes>) };
      return dns.modes;
    }),
  );
}

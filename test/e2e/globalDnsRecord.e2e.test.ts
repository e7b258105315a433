/**
 * ncloud.GlobalDnsRecord where the engine decides (issue 26 #4c, #8): the partial state of a record that exists but
 * could not be applied is kept in the stack and finished by the next `up`; drift found by `preview --refresh` is
 * planned right (a deletion pending in the console and a host changed through the API are replacements); a CNAME
 * written with a final dot passes `refresh --expect-no-changes`.
 */
import { describe, expect, inject, it } from "vitest";
import { NcloudGlobalDnsClient } from "../../provider/ncloud/api/globalDns";
import { E2EProject } from "../helpers/pulumiCli";
import { e2eFile, emulatorConfig } from "./programs";

const DNS_TYPE = "pulumi-nodejs:dynamic/ncloud:GlobalDnsRecord";
const ZONE = "engine.example";
const e2e = e2eFile({ globalDnsZones: [ZONE] });
const bin = e2e.bin;

const program = `const { ncloud } = require("pulumi-certmanager-kr");
new ncloud.GlobalDnsRecord("alias", { zone: "${ZONE}", host: "www", type: "CNAME", content: "Target.Example.NET." });
new ncloud.GlobalDnsRecord("txt", { zone: "${ZONE}", host: "_verify", type: "TXT", content: "v1" });
`;

async function project(name: string) {
  return E2EProject.create(inject("fixtureDir"), bin, name, { program, config: emulatorConfig(e2e.emulator) });
}

async function served(host: string) {
  return (await e2e.emulator.control.globalDns.appliedRecords(ZONE)).filter((r) => r.host === host);
}

/** The operations `preview --refresh --json` plans, by resource name. */
async function plan(p: E2EProject): Promise<Record<string, string[]>> {
  const r = await p.run(["preview", "--refresh", "--json"]);
  expect(r.code, r.output).toBe(0);
  const steps = (JSON.parse(r.stdout) as { steps?: { op: string; urn: string }[] }).steps ?? [];
  const out: Record<string, string[]> = {};
  for (const s of steps) {
    const name = s.urn.split("::").pop() as string;
    out[name] = [...(out[name] ?? []), s.op];
  }
  return out;
}

describe.skipIf(!bin)("GlobalDnsRecord under the real engine", () => {
  it("a CNAME with a final dot refreshes clean; drift is planned as the replacement it needs", async () => {
    const p = await project("dns-drift");
    await p.up();
    await p.refresh("--expect-no-changes");
    expect((await p.preview("--refresh", "--expect-no-changes")).code).toBe(0);

    const [txt] = await served("_verify");
    const [alias] = await served("www");
    // A host changed through the API (then applied), and a deletion left pending in the console.
    const api = new NcloudGlobalDnsClient({
      credentials: e2e.emulator.ncloudCredentials,
      endpoint: e2e.emulator.globalDnsEndpoint,
    });
    const zoneId = (await e2e.emulator.control.globalDns.zone(ZONE)).id;
    await api.updateRecords(zoneId, [
      { id: alias.id, host: "moved", type: "CNAME", content: alias.content, ttl: alias.ttl },
    ]);
    await api.applyZone(zoneId);
    await e2e.emulator.control.globalDns.deleteRecord(ZONE, txt.id, { apply: false });
    // Still served until the next apply: the pending deletion.
    expect(await served("_verify")).toHaveLength(1);

    const planned = await plan(p);
    expect(planned.txt).toContain("replace");
    expect(planned.alias).toContain("replace");
    const refreshed = await p.run(["refresh", "--yes", "--skip-preview"]);
    expect(refreshed.output).toMatch(/deletion is not applied: the name servers still serve it/);
    expect(refreshed.output).toMatch(/host changed outside Pulumi from "www" to "moved"/);

    await p.up();
    expect((await served("_verify")).map((r) => r.id)).not.toContain(txt.id);
    expect(await served("_verify")).toHaveLength(1);
    expect(await served("www")).toHaveLength(1);
    expect(await served("moved")).toEqual([]);
    expect((await p.preview("--refresh", "--expect-no-changes")).code).toBe(0);
    await p.destroy();
    expect([...(await served("_verify")), ...(await served("www"))]).toEqual([]);
  });

  it("a record created but not applied (a lasting 503 on apply) stays in the stack; up finishes it, destroy removes it", async () => {
    const p = await project("dns-partial");
    await e2e.emulator.control.addFault({
      kind: "status",
      status: 503,
      api: "globaldns",
      operation: "applyDomain",
      times: 0,
    });
    const failed = await p.run(["up", "--yes", "--skip-preview"]);
    await e2e.emulator.control.clearFaults();
    expect(failed.code).not.toBe(0);
    expect(failed.output).toMatch(/exists in NCP Global DNS \(id \d+\) but could not be finished/);
    const kept = await p.resources(DNS_TYPE);
    expect(kept).toHaveLength(2);
    for (const r of kept) {
      expect(r.initErrors?.[0]).toMatch(/could not be finished/);
      expect(r.outputs).toMatchObject({ applied: false, recordId: Number(r.id) });
    }
    await p.up();
    for (const r of await p.resources(DNS_TYPE)) {
      expect(r.initErrors ?? []).toEqual([]);
      expect(r.outputs?.applied).toBe(true);
    }
    expect(await served("_verify")).toHaveLength(1);
    await p.destroy();
    const zone = await e2e.emulator.control.globalDns.zone(ZONE);
    expect(zone.records.filter((r) => ["www", "_verify"].includes(r.host))).toEqual([]);
  });
});

/**
 * The real engine's cost (issue 13 §6): `pulumi preview --refresh` and `pulumi up` of a stack of 50 issued
 * AdvancedCertificates against the emulator with 20 ms of latency, beside the same stack shape (50 dynamic
 * resources) whose provider does nothing: the engine's own floor, measured in the same run. Also the NCP calls
 * one refresh makes per issued certificate.
 */
import { performance } from "node:perf_hooks";
import { buildFixture } from "../test/helpers/fixture";
import { E2EProject, findPulumiCli } from "../test/helpers/pulumiCli";
import { emulatorProcess, LATENCY_MS, median, ms, rows, verdict } from "./common";

const COUNT = 50;
const ROUNDS = 3;

const certificatesProgram = `const { ncloud } = require("pulumi-certmanager-kr");
for (let i = 1; i <= ${COUNT}; i++) {
  const n = String(i).padStart(2, "0");
  new ncloud.AdvancedCertificate("c" + n, {
    certificateName: "engine-" + n,
    commonName: "c" + n + ".example.com",
    key: { algorithm: "ECDSA" },
    waitForIssuance: { timeoutMinutes: 5, pollIntervalSeconds: 1 },
  });
}
`;

// The floor: the same number of dynamic resources, with a provider that answers at once and calls nothing.
const floorProgram = `const pulumi = require("@pulumi/pulumi");
const provider = {
  async create(inputs) { return { id: inputs.name, outs: inputs }; },
  async read(id, props) { return { id, props }; },
  async diff() { return { changes: false }; },
};
for (let i = 1; i <= ${COUNT}; i++) {
  const n = String(i).padStart(2, "0");
  new pulumi.dynamic.Resource(provider, "c" + n, { name: "engine-" + n }, undefined, "bench", "Nothing");
}
`;

async function timed(project: E2EProject, args: string[]): Promise<number> {
  const t = performance.now();
  await project.ok(args);
  return performance.now() - t;
}

export async function engineCost(): Promise<void> {
  const bin = findPulumiCli(false);
  if (!bin) {
    rows.push({
      n: 9,
      what: "engine: no Pulumi CLI (npm run cli builds it)",
      measured: "—",
      baseline: "—",
      ratio: "—",
      target: "—",
      met: "—",
    });
    return;
  }
  const fixtureDir = buildFixture("bench-engine");
  const emu = await emulatorProcess(["--auto-issue-after-ms", "500"]);
  try {
    await emu.control.setLatency(LATENCY_MS);
    const config = {
      "ncloud:accessKey": "EMULATOR-ACCESS-KEY",
      "ncloud:secretKey": { secret: "EMULATOR-SECRET-KEY" },
      "ncloud:certificateManagerEndpoint": emu.url,
    };
    const certs = await E2EProject.create(fixtureDir, bin, "bench-certificates", {
      program: certificatesProgram,
      config,
    });
    const floor = await E2EProject.create(fixtureDir, bin, "bench-floor", { program: floorProgram });
    const up = await timed(certs, ["up", "--yes", "--skip-preview"]);
    const upFloor = await timed(floor, ["up", "--yes", "--skip-preview"]);

    const refreshes: number[] = [];
    const floors: number[] = [];
    const plainRefreshes: number[] = [];
    const plainFloors: number[] = [];
    let calls = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await emu.control.clearRequests();
      refreshes.push(await timed(certs, ["preview", "--refresh", "--expect-no-changes"]));
      calls = (await emu.control.requests({ api: "ncloud" })).length;
      floors.push(await timed(floor, ["preview", "--refresh", "--expect-no-changes"]));
      // refresh alone (no program run, no diff against the program): the reads themselves
      plainRefreshes.push(await timed(certs, ["refresh", "--yes", "--skip-preview", "--expect-no-changes"]));
      plainFloors.push(await timed(floor, ["refresh", "--yes", "--skip-preview", "--expect-no-changes"]));
    }
    const refresh = median(refreshes);
    const refreshFloor = median(floors);
    rows.push({
      n: 9,
      what: `engine: refresh alone, ${COUNT} issued certificates, ${LATENCY_MS} ms latency`,
      measured: ms(median(plainRefreshes)),
      baseline: `do-nothing provider ${ms(median(plainFloors))}`,
      ratio: `${(median(plainRefreshes) / median(plainFloors)).toFixed(2)}×`,
      target: "report",
      met: "—",
    });
    rows.push({
      n: 9,
      what: `engine: preview --refresh, ${COUNT} issued certificates, ${LATENCY_MS} ms latency`,
      measured: ms(refresh),
      baseline: `do-nothing provider ${ms(refreshFloor)}`,
      ratio: `${(refresh / refreshFloor).toFixed(2)}×`,
      target: "≤ 1.3×",
      met: verdict(refresh / refreshFloor <= 1.3),
    });
    rows.push({
      n: 9,
      what: "engine: NCP calls per refreshed issued certificate",
      measured: (calls / COUNT).toFixed(2),
      baseline: "—",
      ratio: "—",
      target: "≤ 2",
      met: verdict(calls / COUNT <= 2),
    });
    rows.push({
      n: 9,
      what: `engine: up of ${COUNT} certificates (order, issue ~0.5 s later, 1 s polls)`,
      measured: ms(up),
      baseline: `do-nothing provider ${ms(upFloor)}`,
      ratio: `${(up / upFloor).toFixed(2)}×`,
      target: "report",
      met: "—",
    });
    await certs.destroy();
    await floor.destroy();
  } finally {
    emu.stop();
  }
}

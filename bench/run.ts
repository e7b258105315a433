/**
 * `npm run bench`: every performance figure of issue 8 (and the plugin's, issue 23) measured beside its baseline in the same run (medians of
 * several runs, since these machines are noisy), printed as one table; with `--write` also recorded with the machine
 * description in bench/RESULTS.md. Figures only: nothing here passes or fails.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { buildCsr } from "../provider/crypto/csr";
import { generateKeyPair, type KeySpec } from "../provider/crypto/keys";
import { NhnCertificateManagerClient } from "../provider/nhncloud/client";
import { closeSharedAgents } from "../provider/shared/http";
import { buildFixture, captureProviders } from "../test/helpers/fixture";
import { ProviderHost, serializedProvider } from "../test/helpers/host";

import { emulatorProcess, LATENCY_MS, median, ms, ROOT, rows, timeIt, verdict } from "./common";
import { engineCost } from "./engine";
import { pluginBench } from "./plugin";

// 1. key + CSR against `openssl req -new -newkey ... -nodes`
async function keyAndCsr(): Promise<void> {
  const cases: [string, KeySpec, string[], number][] = [
    ["RSA-2048", { algorithm: "RSA", rsaBits: 2048 }, ["-newkey", "rsa:2048"], 15],
    ["RSA-4096", { algorithm: "RSA", rsaBits: 4096 }, ["-newkey", "rsa:4096"], 7],
    [
      "ECDSA P-256",
      { algorithm: "ECDSA", ecdsaCurve: "P256" },
      ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
      25,
    ],
  ];
  for (const [label, spec, opensslKey, runs] of cases) {
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < runs; i++) {
      ours.push(
        await timeIt(async () => {
          const key = await generateKeyPair(spec);
          buildCsr({ privateKey: key.privateKey, commonName: "example.com", dnsNames: ["www.example.com"] });
        }),
      );
      theirs.push(
        await timeIt(() =>
          spawnSync("openssl", [
            "req",
            "-new",
            ...opensslKey,
            "-nodes",
            "-keyout",
            "/dev/null",
            "-out",
            "/dev/null",
            "-subj",
            "/CN=example.com",
            "-addext",
            "subjectAltName=DNS:example.com,DNS:www.example.com",
          ]),
        ),
      );
    }
    const ratio = median(ours) / median(theirs);
    rows.push({
      n: 1,
      what: `key + CSR, ${label} (median of ${runs})`,
      measured: ms(median(ours)),
      baseline: `openssl ${ms(median(theirs))}`,
      ratio: `${ratio.toFixed(2)}×`,
      target: "≤ 1.2×",
      met: verdict(ratio <= 1.2),
    });
  }
}

// 2. 16 generations at once against the same 16 one after another, with event-loop delay
async function concurrentCsr(): Promise<void> {
  const spec: KeySpec = { algorithm: "RSA", rsaBits: 2048 };
  const one = async () => {
    const key = await generateKeyPair(spec);
    buildCsr({ privateKey: key.privateKey, commonName: "example.com" });
  };
  const seq: number[] = [];
  const par: number[] = [];
  let p99 = 0;
  // RSA key generation time is random (prime search): five rounds, and the median of each round's own ratio.
  const ratios: number[] = [];
  for (let round = 0; round < 5; round++) {
    seq.push(
      await timeIt(async () => {
        for (let i = 0; i < 16; i++) await one();
      }),
    );
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    par.push(await timeIt(() => Promise.all(Array.from({ length: 16 }, one))));
    h.disable();
    p99 = Math.max(p99, h.percentile(99) / 1e6);
    ratios.push((par.at(-1) as number) / (seq.at(-1) as number));
  }
  const ratio = median(ratios);
  rows.push({
    n: 2,
    what: "16 RSA-2048 key + CSR at once (median of 5 rounds' ratios)",
    measured: ms(median(par)),
    baseline: `one after another ${ms(median(seq))}`,
    ratio: `${ratio.toFixed(2)}×`,
    target: "≤ 0.6×",
    met: verdict(ratio <= 0.6),
  });
  rows.push({
    n: 2,
    what: "event-loop delay p99 during those",
    measured: ms(p99),
    baseline: "—",
    ratio: "—",
    target: "< 50 ms",
    met: verdict(p99 < 50),
  });
}

// 3 + 4. NHN inventory of 10,000 with 20 ms latency: concurrent pages vs a sequential loop; peak RSS
async function inventory(): Promise<void> {
  const emu = await emulatorProcess();
  try {
    await emu.control.nhncloud.seed({ count: 10_000 - 15 }); // plus the fixed sample set of 15
    await emu.control.setLatency(LATENCY_MS);
    const client = new NhnCertificateManagerClient({ appKey: "EMULATOR-APPKEY", endpoint: emu.url });
    const pageSize = 100;
    const concurrency = 16; // listAllCertificates' default, equal to the NHN limiter's
    await client.listCertificatesPage({ pageNum: 1, pageSize, status: "ALL" }); // warm the connection pool
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 5);
    const ours: number[] = [];
    let count = 0;
    for (let i = 0; i < 3; i++) {
      ours.push(
        await timeIt(async () => {
          count = (await client.listAllCertificates({ status: "ALL", pageSize })).data.length;
        }),
      );
    }
    clearInterval(sampler);
    // The same inventory with no added latency: what processing alone (both sides, 2 shared cores) costs.
    await emu.control.setLatency(0);
    const processing: number[] = [];
    for (let i = 0; i < 3; i++) {
      processing.push(await timeIt(() => client.listAllCertificates({ status: "ALL", pageSize })));
    }
    await emu.control.setLatency(LATENCY_MS);
    const sequential = await timeIt(async () => {
      for (let page = 1; ; page++) {
        const res = await client.listCertificatesPage({ pageNum: page, pageSize, status: "ALL" });
        if (page >= res.totalPage) break;
      }
    });
    // The same loop with listAllCertificates' guarantee: every page but the last read again once all were read, so
    // a certificate deleted and another added during the read cannot silently skip one (see inventory.ts).
    const confirmedSequential = await timeIt(async () => {
      let last = 1;
      for (let page = 1; ; page++) {
        const res = await client.listCertificatesPage({ pageNum: page, pageSize, status: "ALL" });
        last = page;
        if (page >= res.totalPage) break;
      }
      for (let page = 1; page < last; page++) {
        await client.listCertificatesPage({ pageNum: page, pageSize, status: "ALL" });
      }
    });
    const pages = Math.ceil(count / pageSize);
    const ideal = (pages / concurrency) * LATENCY_MS;
    const speedup = sequential / median(ours);
    const confirmedSpeedup = confirmedSequential / median(ours);
    rows.push({
      n: 3,
      what: `NHN inventory of ${count} (${pages} pages of ${pageSize}, ${concurrency} at once, ${LATENCY_MS} ms latency; median of 3)`,
      measured: ms(median(ours)),
      baseline: `sequential ${ms(sequential)}`,
      ratio: `${speedup.toFixed(1)}× faster`,
      target: "≥ 8× faster",
      met: verdict(speedup >= 8),
    });
    rows.push({
      n: 3,
      what: "the same against a sequential loop that confirms its read the same way (every page but the last again)",
      measured: ms(median(ours)),
      baseline: `sequential, confirmed ${ms(confirmedSequential)}`,
      ratio: `${confirmedSpeedup.toFixed(1)}× faster`,
      target: "—",
      met: "—",
    });
    rows.push({
      n: 3,
      what: "the same against ideal (pages ÷ concurrency × latency)",
      measured: ms(median(ours)),
      baseline: `ideal ${ms(ideal)}`,
      ratio: `${(median(ours) / ideal).toFixed(2)}×`,
      target: "≤ 1.3×",
      met: verdict(median(ours) / ideal <= 1.3),
    });
    // Page 1 alone tells how many pages there are, so no client can start the rest earlier; confirming the read
    // takes every page but the last once more, after all were read.
    const floor = (1 + 2 * Math.ceil((pages - 1) / concurrency)) * LATENCY_MS;
    rows.push({
      n: 3,
      what: "the same against the latency floor: page 1, then ⌈(pages − 1) ÷ concurrency⌉ rounds, twice (read, confirm)",
      measured: ms(median(ours)),
      baseline: `floor ${ms(floor)}`,
      ratio: `${(median(ours) / floor).toFixed(2)}×`,
      target: "—",
      met: "—",
    });
    rows.push({
      n: 3,
      what: "the same inventory with 0 ms added latency (processing alone; median of 3)",
      measured: ms(median(processing)),
      baseline: "—",
      ratio: `${(median(processing) / ideal).toFixed(2)}× ideal`,
      target: "—",
      met: "—",
    });
    rows.push({
      n: 4,
      what: "peak RSS of the process during #3",
      measured: `${(peakRss / 2 ** 20).toFixed(0)} MB`,
      baseline: "—",
      ratio: "—",
      target: "< 150 MB",
      met: verdict(peakRss / 2 ** 20 < 150),
    });
  } finally {
    emu.stop();
  }
}

// 5, 6, 7. Through the real dynamic-provider host: cold start, 100 concurrent Reads, sizes
async function host(): Promise<void> {
  const fixtureDir = buildFixture("bench-fixture");
  const emu = await emulatorProcess();
  const env = {
    NCLOUD_ACCESS_KEY: "EMULATOR-ACCESS-KEY",
    NCLOUD_SECRET_KEY: "EMULATOR-SECRET-KEY",
    NCLOUD_CERTIFICATE_MANAGER_ENDPOINT: emu.url,
  };
  const provider = await serializedProvider(fixtureDir);
  try {
    // 6. cold start: process start → configure → first completed Read
    const seed = await ProviderHost.start(fixtureDir, env);
    await seed.configure({});
    const created = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const news = {
          __provider: provider,
          certificateName: `bench-${i}`,
          commonName: `bench-${i}.example.com`,
          key: { algorithm: "ECDSA" },
        };
        const checked = await seed.check({}, news);
        return seed.create(checked.inputs);
      }),
    );
    await Promise.all(created.map((c) => emu.control.ncloud.issue(Number(c.id))));
    const issued = await Promise.all(created.map((c) => seed.read(c.id, c.properties)));
    await seed.stop();

    // Baseline: Pulumi's host alone (start, configure, a liveness call), without loading our provider. The two are
    // measured in alternation, so drift in the machine's speed hits both alike; stopping the host is not counted.
    const bare: number[] = [];
    const colds: number[] = [];
    const firstReads: number[] = [];
    for (let i = 0; i < 7; i++) {
      let t0 = performance.now();
      const b = await ProviderHost.start(fixtureDir, env);
      await b.configure({});
      await b.pluginVersion();
      bare.push(performance.now() - t0);
      await b.stop();

      t0 = performance.now();
      const h = await ProviderHost.start(fixtureDir, env);
      await h.configure({});
      const t1 = performance.now();
      await h.read(issued[0].id, issued[0].properties);
      const t2 = performance.now();
      colds.push(t2 - t0);
      firstReads.push(t2 - t1);
      await h.stop();
    }
    rows.push({
      n: 6,
      what: "provider host cold start to first completed Read (median of 7)",
      measured: ms(median(colds)),
      baseline: `Pulumi's host alone ${ms(median(bare))}`,
      ratio: `+${ms(median(colds) - median(bare))} ours`,
      target: "< 500 ms",
      met: verdict(median(colds) < 500),
    });
    rows.push({
      n: 6,
      what: "of which the first Read (loading this package, first connection, API calls)",
      measured: ms(median(firstReads)),
      baseline: "—",
      ratio: "—",
      target: "—",
      met: "—",
    });

    // 5. 100 concurrent Reads with 20 ms latency; each Read of an issued certificate is one list call
    const h = await ProviderHost.start(fixtureDir, env);
    await h.configure({});
    await h.read(issued[0].id, issued[0].properties); // warm: provider loaded, pool open
    await emu.control.setLatency(LATENCY_MS);
    const reads: number[] = [];
    for (let i = 0; i < 3; i++) {
      await emu.control.clearRequests();
      reads.push(await timeIt(() => Promise.all(issued.map((r) => h.read(r.id, r.properties)))));
    }
    const calls = (await emu.control.requests()).length;
    const limit = 8;
    const ideal = Math.ceil(calls / limit) * LATENCY_MS;
    await h.stop();
    rows.push({
      n: 5,
      what: `100 concurrent Reads through the host (${calls} API calls, ${limit} at once, ${LATENCY_MS} ms latency; median of 3)`,
      measured: ms(median(reads)),
      baseline: `ideal ${ms(ideal)}`,
      ratio: `${(median(reads) / ideal).toFixed(2)}×`,
      target: "≤ 2×",
      met: verdict(median(reads) / ideal <= 2),
    });

    // 7. sizes
    const stateBytes = Buffer.byteLength(JSON.stringify(issued[0].properties)); // by-value __provider included
    const [moduleForm] = captureProviders(buildFixture("bench-real-layout", true));
    rows.push({
      n: 7,
      what: "serialized provider (__provider) in an npm project (SDK and package side by side)",
      measured: `${moduleForm.length} B`,
      baseline: `by-value form elsewhere ${provider.length} B`,
      ratio: "—",
      target: "< 2 KB",
      met: verdict(moduleForm.length < 2048),
    });
    rows.push({
      n: 7,
      what: "state per issued certificate (outputs incl. __provider and key)",
      measured: `${stateBytes} B`,
      baseline: "—",
      ratio: "—",
      target: "report",
      met: "—",
    });
  } finally {
    emu.stop();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  await keyAndCsr();
  await concurrentCsr();
  await inventory();
  await host();
  await engineCost();
  await pluginBench();
  await closeSharedAgents();
  rows.sort((a, b) => a.n - b.n);

  const header = ["#", "What", "Measured", "Baseline (same run)", "Ratio", "Target", "Met"];
  const table = [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${[r.n, r.what, r.measured, r.baseline, r.ratio, r.target, r.met].join(" | ")} |`),
  ].join("\n");
  const opensslVersion = spawnSync("openssl", ["version"], { encoding: "utf8" }).stdout.trim();
  const machine = [
    `- CPU: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown"}`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- ${os.type()} ${os.release()}, Node ${process.version}, ${opensslVersion}`,
    `- libuv thread pool: ${process.env.UV_THREADPOOL_SIZE ?? "4 (default)"}`,
  ].join("\n");
  const total = (performance.now() - started) / 1000;
  console.log(`\n${table}\n\n${machine}\n\nbench took ${total.toFixed(0)} s`);
  if (!process.argv.includes("--write")) {
    console.log("(bench/RESULTS.md left as it is: `npm run bench -- --write` records these figures)");
    return;
  }
  fs.writeFileSync(
    path.join(ROOT, "bench", "RESULTS.md"),
    `# Benchmark results\n\nWritten by \`npm run bench\` on ${new Date().toISOString()} (took ${total.toFixed(0)} s).\n\n${table}\n\n## Machine\n\n${machine}\n`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

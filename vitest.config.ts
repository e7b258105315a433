import * as path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The examples import the package by name, as users do; in this repo that is the built dist/.
  resolve: { alias: { "pulumi-certmanager-kr": path.resolve(__dirname, "dist/index.js") } },
  test: {
    // Pulumi's closure serializer needs real processes ("threads" lacks trace_events).
    pool: "forks",
    // Two at once on 2 cores (vitest's default is one fewer than the cores): the end-to-end files spend part of
    // their time waiting on the Pulumi CLI and the emulator, so a second file overlaps with them. Three were tried
    // (2026-12-08): the suite is CPU-bound at two (1.86 cores busy), and three took as long (618 s against 626 s).
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/globalSetup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    coverage: { provider: "v8" },
    // CI asks for a JSON report too, from which scripts/slowest-tests.js prints where the time went.
    reporters: process.env.CERTMANAGER_KR_TEST_REPORT
      ? ["default", ["json", { outputFile: process.env.CERTMANAGER_KR_TEST_REPORT }]]
      : ["default"],
    // Retries keep their shape but not their production pauses (500 ms doubling), so fault tests stay fast.
    env: { CERTMANAGER_KR_RETRY_BASE_MS: "5", CERTMANAGER_KR_RETRY_MAX_DELAY_MS: "50" },
  },
});

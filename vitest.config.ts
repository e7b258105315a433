import * as path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The examples import the package by name, as users do; in this repo that is the built dist/.
  resolve: { alias: { "pulumi-certmanager-kr": path.resolve(__dirname, "dist/index.js") } },
  test: {
    // Pulumi's closure serializer needs real processes ("threads" lacks trace_events).
    pool: "forks",
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/globalSetup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    coverage: { provider: "v8" },
    // Retries keep their shape but not their production pauses (500 ms doubling), so fault tests stay fast.
    env: { CERTMANAGER_KR_RETRY_BASE_MS: "5", CERTMANAGER_KR_RETRY_MAX_DELAY_MS: "50" },
  },
});

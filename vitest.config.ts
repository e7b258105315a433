import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Pulumi's closure serializer needs real processes ("threads" lacks trace_events).
    pool: "forks",
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/globalSetup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    coverage: { provider: "v8" },
  },
});

/**
 * Builds the consumer fixture (see helpers/fixture.ts) once per test run and hands its path to the tests, and finds
 * the Pulumi CLI for the end-to-end suite (test/e2e). Without a CLI (PATH or cache) the e2e tests are skipped,
 * unless CERTMANAGER_KR_REQUIRE_E2E=1 (as in CI), which builds the CLI if needed and fails if that fails.
 */
import type { TestProject } from "vitest/node";
import { buildFixture } from "./helpers/fixture";
import { findPulumiCli } from "./helpers/pulumiCli";

declare module "vitest" {
  export interface ProvidedContext {
    fixtureDir: string;
    /** The directory holding `pulumi` and its Node.js plugins; "" when there is none. */
    pulumiBin: string;
  }
}

export default function setup(project: TestProject): void {
  project.provide("fixtureDir", buildFixture());
  const required = process.env.CERTMANAGER_KR_REQUIRE_E2E === "1";
  const bin = findPulumiCli(required);
  if (!bin)
    console.warn(
      "e2e: no Pulumi CLI on PATH or in the cache; the end-to-end tests are skipped (npm run cli builds it)",
    );
  project.provide("pulumiBin", bin ?? "");
}

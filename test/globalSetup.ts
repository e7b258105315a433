/** Builds the consumer fixture (see helpers/fixture.ts) once per test run and hands its path to the tests. */
import type { TestProject } from "vitest/node";
import { buildFixture } from "./helpers/fixture";

declare module "vitest" {
  export interface ProvidedContext {
    fixtureDir: string;
  }
}

export default function setup(project: TestProject): void {
  project.provide("fixtureDir", buildFixture());
}

/**
 * Upgrading the package under a live stack: a stack created with an older build (test/fixtures, packed from an
 * earlier commit) is previewed, refreshed, updated and destroyed by the current build. The old state keeps its
 * serialized forwarder (`require("pulumi-certmanager-kr/shim")` or its by-value copy), which must find the new
 * implementation through the frozen `advancedCertificateV1` contract.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { buildFixture, installTarball, packCurrentBuild } from "../helpers/fixture";
import { CERT_TYPE, E2EProject } from "../helpers/pulumiCli";
import { baseArgs, certificateProgram, e2eFile, emulatorConfig } from "./programs";

const e2e = e2eFile({ autoIssueAfterMs: 1_000 });
const bin = e2e.bin;
const OLD_BUILD = path.resolve(__dirname, "..", "fixtures", "pulumi-certmanager-kr-0.1.0-bdb5ce8.tgz");

describe.skipIf(!bin)("upgrading the package under a live stack", () => {
  it("a stack made by the bdb5ce8 build is previewed, refreshed, updated and destroyed by this build", async () => {
    // A user's layout: the package beside its own @pulumi/pulumi (the old build needs it: it mis-resolved itself
    // where @pulumi/pulumi cannot see the package, fixed since).
    const fixtureDir = buildFixture("upgrade", true, OLD_BUILD);
    const args = {
      ...baseArgs,
      certificateName: "upgrade-1",
      waitForIssuance: { timeoutMinutes: 2, pollIntervalSeconds: 1 },
    };
    const project = await E2EProject.create(fixtureDir, bin, "upgrade", {
      program: certificateProgram(args),
      config: emulatorConfig(e2e.emulator),
    });
    await project.up();
    const [old] = await project.resources(CERT_TYPE);
    expect(old.outputs?.statusCode).toBe("2");
    const before = await e2e.orders();

    installTarball(fixtureDir, packCurrentBuild(), true);
    expect((await project.preview("--expect-no-changes")).code).toBe(0);
    const refresh = await project.run(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
    expect(refresh.code, refresh.output).toBe(0);
    expect((await project.preview("--expect-no-changes")).code).toBe(0);

    // An in-place change, made by the new build on the old state.
    project.setProgram(certificateProgram({ ...args, autoRenewal: true }));
    await project.up();
    expect((await e2e.emulator.control.ncloud.getCertificate(Number(old.id))).renewal).toBe(true);
    const [updated] = await project.resources(CERT_TYPE);
    expect(updated.id).toBe(old.id);
    expect(await e2e.orders()).toBe(before);

    await project.destroy();
    // NCP keeps a deleted certificate as DELETED (-6): destroy must have deleted it, not just dropped it from state.
    expect((await e2e.emulator.control.ncloud.getCertificate(Number(old.id))).statusCode).toBe("-6");
  });
});

/**
 * What the engine must schedule for the certificate to converge, under the real CLI: an in-place update when NCP's
 * state needs one (issued but key not registered), and resuming a create that failed after the order was placed,
 * on `up` and on `up --refresh` (refresh resets Pulumi's init errors), never ordering twice.
 */
import { beforeEach, describe, expect, inject, it } from "vitest";
import { CERT_TYPE, E2EProject } from "../helpers/pulumiCli";
import { baseArgs, certificateProgram, e2eFile, emulatorConfig } from "./programs";

const e2e = e2eFile();
const bin = e2e.bin;

beforeEach(async () => {
  await e2e.emulator.control.clearFaults();
});

describe.skipIf(!bin)("convergence the engine schedules", () => {
  it("registerPrivateKey without waitForIssuance: after issuance, `up --refresh` plans the update that registers the key", async () => {
    const project = await E2EProject.create(inject("fixtureDir"), bin, "register-key", {
      program: certificateProgram({ ...baseArgs, certificateName: "regkey-1", registerPrivateKey: true }),
      config: emulatorConfig(e2e.emulator),
    });
    await project.up();
    const [cert] = await project.resources(CERT_TYPE);
    expect(cert.outputs?.statusCode).toBe("0"); // ordered, DCV pending
    expect((await project.preview("--expect-no-changes")).code).toBe(0); // nothing to do while pending

    await e2e.emulator.control.ncloud.issue(Number(cert.id));
    const plan = await project.preview("--refresh");
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/~ .*site.*update|1 to update/);
    await project.up("--refresh");
    expect((await e2e.emulator.control.ncloud.getCertificate(Number(cert.id))).statusCode).toBe("1"); // key registered
    const [after] = await project.resources(CERT_TYPE);
    expect(after.outputs?.privateKeyRegistered).toBe(true);
    expect((await project.preview("--refresh", "--expect-no-changes")).code).toBe(0);
    await project.destroy();
  });

  it("a create that failed after ordering resumes on the next `up`, and after `up --refresh`, with one order", async () => {
    const project = await E2EProject.create(inject("fixtureDir"), bin, "resume", {
      program: certificateProgram({ ...baseArgs, certificateName: "resume-1" }),
      config: emulatorConfig(e2e.emulator),
    });
    const before = await e2e.orders();
    // The order lands, then every DCV look-up fails: create ends as a partial initialisation.
    await e2e.emulator.control.addFault({ kind: "status", status: 500, operation: "getVerificationInfo", times: 0 });
    const failed = await project.run(["up", "--yes", "--skip-preview"]);
    expect(failed.code).not.toBe(0);
    expect(failed.output).toMatch(/was ordered, but finishing it failed/);
    const [partial] = await project.resources(CERT_TYPE);
    expect(partial.id).toMatch(/^\d+$/);
    expect(partial.initErrors?.length).toBeGreaterThan(0);
    expect(await e2e.orders()).toBe(before + 1);

    // Still failing: `up` tries to finish (an update), fails again, and still orders nothing.
    const again = await project.run(["up", "--yes", "--skip-preview"]);
    expect(again.code).not.toBe(0);
    expect(await e2e.orders()).toBe(before + 1);

    // Refresh clears the init error; the program still needs the DCV records, so the next update finishes them.
    await e2e.emulator.control.clearFaults();
    await project.up("--refresh");
    const [done] = await project.resources(CERT_TYPE);
    expect(done.id).toBe(partial.id);
    expect(done.initErrors ?? []).toEqual([]);
    expect(done.outputs?.dcvRecords).toHaveLength(2);
    expect(await e2e.orders()).toBe(before + 1);
    expect((await project.preview("--refresh", "--expect-no-changes")).code).toBe(0);
    await project.destroy();
  });
});

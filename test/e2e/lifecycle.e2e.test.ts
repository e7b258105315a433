/**
 * ncloud.AdvancedCertificate under the real Pulumi CLI and engine, against the emulator: the day-one lifecycle,
 * checked by exit codes and the exported state, and the secrets at rest in the backend's files.
 */
import { describe, expect, inject, it } from "vitest";
import { CERT_TYPE, E2EProject } from "../helpers/pulumiCli";
import { baseArgs, certificateProgram, e2eFile, emulatorConfig } from "./programs";

const e2e = e2eFile({ autoIssueAfterMs: 1_000 });
const bin = e2e.bin;

describe.skipIf(!bin)("AdvancedCertificate under the real engine", () => {
  it("up issues, previews show no changes, refresh keeps the state, destroy deletes; the key is never in clear at rest", async () => {
    const project = await E2EProject.create(inject("fixtureDir"), bin, "lifecycle", {
      program: certificateProgram({ ...baseArgs, waitForIssuance: { timeoutMinutes: 2, pollIntervalSeconds: 1 } }),
      config: emulatorConfig(e2e.emulator),
    });
    const before = await e2e.orders();
    await project.up();
    expect(await e2e.orders()).toBe(before + 1);

    const [cert] = await project.resources(CERT_TYPE);
    expect(cert.id).toMatch(/^\d+$/);
    expect(cert.outputs?.statusCode).toBe("2"); // issued, key not registered
    const live = await e2e.emulator.control.ncloud.getCertificate(Number(cert.id));
    expect(live.certificateName).toBe("site-2026");

    expect((await project.preview("--expect-no-changes")).code).toBe(0);
    expect((await project.preview("--refresh", "--expect-no-changes")).code).toBe(0);
    await project.refresh("--expect-no-changes");
    expect((await project.preview("--expect-no-changes")).code).toBe(0);

    // Secrets at rest: the key is readable through Pulumi, yet no backend file holds it (or the API secret) in clear.
    const key = await project.output("privateKeyPem", true);
    expect(key).toMatch(/^-----BEGIN (EC )?PRIVATE KEY-----/);
    expect(await project.output("privateKeyPem")).toBe("[secret]");
    const keyBody = key.split("\n").filter((l) => l && !l.startsWith("-----"));
    const atRest = project.backendText();
    expect(atRest.length).toBeGreaterThan(1000);
    for (const line of keyBody) expect(atRest).not.toContain(line);
    expect(atRest).not.toContain("PRIVATE KEY-----");
    expect(atRest).not.toContain(e2e.emulator.ncloudCredentials.secretKey);
    const exported = JSON.stringify(await project.exportState());
    expect(exported).not.toContain("PRIVATE KEY-----");

    await project.destroy();
    expect(await project.resources(CERT_TYPE)).toEqual([]);
    // NCP keeps a deleted certificate as DELETED (-6): destroy must have deleted it, not just dropped it from state.
    expect((await e2e.emulator.control.ncloud.getCertificate(Number(cert.id))).statusCode).toBe("-6");
    expect(await e2e.orders()).toBe(before + 1);
  });
});

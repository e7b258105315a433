/**
 * Refresh under the real engine: what it stores decides what the next `up` plans. A console rename must not make
 * the next `up` plan a NEW PAID ORDER, a stable certificate must refresh without changes, and the provider's own
 * words (drift, renewal, replacement) must reach the user through `pulumi preview` / `refresh`. Plans are read
 * from the engine's JSON (`preview --json`: each step's op), state from `stack export`, exit codes always.
 */
import { describe, expect, inject, it } from "vitest";
import { CERT_TYPE, E2EProject, type PlanResult } from "../helpers/pulumiCli";
import { baseArgs, certificateProgram, clockBeforeExpiry, e2eFile, emulatorConfig } from "./programs";

const e2e = e2eFile();
const bin = e2e.bin;

/** What the engine plans for the certificate (one op per step: a replacement is several). */
function certOps(plan: PlanResult): string[] {
  return plan.steps.filter((s) => s.type === CERT_TYPE).map((s) => s.op);
}

/** An issued certificate in a fresh project. */
async function issued(name: string, args: Record<string, unknown> = {}, opts = "{}") {
  const project = await E2EProject.create(inject("fixtureDir"), bin, name, {
    program: certificateProgram({ ...baseArgs, certificateName: name, ...args }, opts),
    config: emulatorConfig(e2e.emulator),
  });
  await project.up();
  const [cert] = await project.resources(CERT_TYPE);
  await e2e.emulator.control.ncloud.issue(Number(cert.id));
  await project.refresh();
  return { project, no: Number(cert.id) };
}

describe.skipIf(!bin)("refresh semantics under the real engine", () => {
  it("a console rename is explained, and the next up plans no new order", async () => {
    const { project, no } = await issued("rename-me");
    await e2e.emulator.control.ncloud.rename(no, "renamed-in-console");
    const refresh = await project.refresh();
    expect(refresh.output).toContain('renamed "rename-me" → "renamed-in-console"');
    const [refreshed] = await project.resources(CERT_TYPE);
    expect(refreshed.outputs?.observed).toMatchObject({ certificateName: "renamed-in-console" });
    const before = await e2e.orders();
    const plan = await project.plan("--expect-no-changes");
    expect(plan.code, plan.output).toBe(0);
    expect(certOps(plan)).toEqual([]); // --json lists changing steps only
    expect(Object.keys(plan.changeSummary)).toEqual(["same"]);
    await project.up();
    expect(await e2e.orders()).toBe(before);
    const [cert] = await project.resources(CERT_TYPE);
    expect(cert.id).toBe(String(no));
    expect(cert.outputs?.certificateName).toBe("rename-me"); // the program's name; NCP's is reported apart
    expect(cert.outputs?.observed).toMatchObject({ certificateName: "renamed-in-console" });
    await project.destroy();
  });

  it("inside the renewal window, refresh and preview say why an update is planned; up reissues in place, then refresh is clean", async () => {
    const { project, no } = await issued("renew-e2e");
    const [cert] = await project.resources(CERT_TYPE);
    expect(cert.id).toBe(String(no));
    // The emulator and every Node.js process Pulumi starts (provider host included) move 20 days before expiry.
    const restoreClock = await clockBeforeExpiry(e2e.emulator, project, String(cert.outputs?.notAfter));
    const renewalWords =
      /expires on \d{4}-\d{2}-\d{2}, in (19|20) day\(s\), inside renewBeforeDays 30: it will be reissued within its order/;
    try {
      // Refresh shows what the next `up` will do (the engine's refresh diff), with the provider's reason beside it.
      const refresh = await project.run(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
      expect(refresh.code).not.toBe(0);
      expect(refresh.output).toMatch(renewalWords);
      const plan = await project.plan();
      expect(plan.code, plan.output).toBe(0);
      expect(plan.messages).toMatch(renewalWords);
      expect(certOps(plan)).toEqual(["update"]); // a reissue within the order, not a replacement
      expect(plan.changeSummary).toMatchObject({ update: 1 });
      expect(plan.changeSummary).not.toHaveProperty("replace");

      const before = await e2e.orders();
      await e2e.emulator.control.ncloud.settings({ autoIssueAfterMs: 500 });
      await project.up();
      expect(await e2e.orders()).toBe(before);
      expect(await e2e.emulator.control.requests({ operation: "reissue" })).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 1_500));
      await project.refresh(); // the reissued certificate arrives; its key takes over
      const [renewed] = await project.resources(CERT_TYPE);
      expect(renewed.id).toBe(String(no));
      expect(renewed.outputs?.serialNumber).not.toBe(cert.outputs?.serialNumber);
      expect(Date.parse(String(renewed.outputs?.notAfter))).toBeGreaterThan(Date.parse(String(cert.outputs?.notAfter)));
      expect((await project.run(["refresh", "--yes", "--skip-preview", "--expect-no-changes"])).code).toBe(0);
      const clean = await project.plan("--expect-no-changes");
      expect(clean.code, clean.output).toBe(0);
      expect(Object.keys(clean.changeSummary)).toEqual(["same"]);
    } finally {
      await e2e.emulator.control.ncloud.settings({ autoIssueAfterMs: null });
      await restoreClock();
    }
    await project.destroy();
  });

  it("a replacing change is announced in preview as a NEW PAID ORDER; a revoked certificate is explained", async () => {
    const { project, no } = await issued("paid-note");
    project.setProgram(certificateProgram({ ...baseArgs, certificateName: "paid-note-2", commonName: "example.org" }));
    const plan = await project.plan();
    expect(plan.code, plan.output).toBe(0);
    expect(plan.messages).toContain("replaces it with a NEW PAID ORDER");
    expect(certOps(plan)).toContain("replace");
    project.setProgram(certificateProgram({ ...baseArgs, certificateName: "paid-note" }));
    await e2e.emulator.control.ncloud.revoke(no);
    const refresh = await project.refresh();
    expect(refresh.output).toMatch(/revoked/);
    const [revoked] = await project.resources(CERT_TYPE);
    expect(revoked.outputs?.statusCode).toBe("-5");
    await project.destroy();
  });

  it("a dead order: refresh and preview say plainly that it will be deleted and ordered again", async () => {
    const project = await E2EProject.create(inject("fixtureDir"), bin, "dead-order", {
      program: certificateProgram({ ...baseArgs, certificateName: "dead-order" }),
      config: emulatorConfig(e2e.emulator),
    });
    await project.up();
    const [cert] = await project.resources(CERT_TYPE);
    await e2e.emulator.control.ncloud.fail(Number(cert.id), "-3");
    const dead =
      /NCP ended order \d+ \("dead-order"\) in .*; it can never be issued, so it will be deleted and ordered again/;
    const refresh = await project.run(["refresh", "--yes", "--skip-preview"]);
    expect(refresh.code).toBe(0);
    expect(refresh.output).toMatch(dead);
    const [stored] = await project.resources(CERT_TYPE);
    expect(stored.outputs?.statusCode).toBe("-3");
    const plan = await project.plan();
    expect(plan.code, plan.output).toBe(0);
    expect(plan.messages).toMatch(dead);
    expect(certOps(plan)).toContain("replace");
    expect(plan.changeSummary).toMatchObject({ replace: 1 });
    await project.destroy();
  });
});

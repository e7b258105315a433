/**
 * Pulumi resource options under the real engine: deleteBeforeReplace lets a same-name replacement go ahead,
 * retainOnDelete leaves the certificate in NCP, protect refuses destroy, ignoreChanges keeps a replacing field.
 */
import { describe, expect, inject, it } from "vitest";
import { CERT_TYPE, E2EProject } from "../helpers/pulumiCli";
import { baseArgs, certificateProgram, e2eFile, emulatorConfig } from "./programs";

const e2e = e2eFile();
const bin = e2e.bin;

/** The emulator's record of a certificate: NCP keeps a deleted one as DELETED (-6), so this never misses. */
function live(no: number) {
  return e2e.emulator.control.ncloud.getCertificate(no);
}

async function project(name: string, args: Record<string, unknown>, opts: string) {
  const p = await E2EProject.create(inject("fixtureDir"), bin, name, {
    program: certificateProgram({ ...baseArgs, certificateName: name, ...args }, opts),
    config: emulatorConfig(e2e.emulator),
  });
  await p.up();
  const [cert] = await p.resources(CERT_TYPE);
  return { p, no: Number(cert.id) };
}

describe.skipIf(!bin)("resource options under the real engine", () => {
  it("deleteBeforeReplace: a same-name replacement deletes the old certificate first; without it preview refuses", async () => {
    const { p, no } = await project("dbr-site", {}, "{ deleteBeforeReplace: true }");
    const before = await e2e.orders();
    p.setProgram(
      certificateProgram(
        { ...baseArgs, certificateName: "dbr-site", commonName: "example.org" },
        "{ deleteBeforeReplace: true }",
      ),
    );
    await p.up();
    const [cert] = await p.resources(CERT_TYPE);
    expect(Number(cert.id)).not.toBe(no);
    expect(cert.outputs?.commonName).toBe("example.org");
    expect(await e2e.orders()).toBe(before + 1);
    expect((await live(no)).statusCode).toBe("-6"); // deleted before the replacement was ordered

    // The same change without the option: check refuses it in preview, naming the fix.
    p.setProgram(certificateProgram({ ...baseArgs, certificateName: "dbr-site", commonName: "example.net" }));
    const refused = await p.preview();
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain("deleteBeforeReplace: true");
    expect(await e2e.orders()).toBe(before + 1);
    p.setProgram(certificateProgram({ ...baseArgs, certificateName: "dbr-site", commonName: "example.org" }));
    await p.destroy();
  });

  it("retainOnDelete: destroy leaves the certificate in NCP", async () => {
    const { p, no } = await project("retain-site", {}, "{ retainOnDelete: true }");
    await p.destroy();
    expect(await p.resources(CERT_TYPE)).toEqual([]);
    expect((await live(no)).statusCode).toBe("0");
  });

  it("protect: destroy fails and the certificate stays; ignoreChanges: a replacing field is left alone", async () => {
    const { p, no } = await project("guarded", {}, '{ protect: true, ignoreChanges: ["commonName"] }');
    const before = await e2e.orders();
    p.setProgram(
      certificateProgram(
        { ...baseArgs, certificateName: "guarded", commonName: "changed.example.com" },
        '{ protect: true, ignoreChanges: ["commonName"] }',
      ),
    );
    expect((await p.preview("--expect-no-changes")).code).toBe(0);
    await p.up();
    expect(await e2e.orders()).toBe(before);
    const [cert] = await p.resources(CERT_TYPE);
    expect(cert.id).toBe(String(no));
    expect(cert.outputs?.commonName).toBe("example.com");

    const refused = await p.run(["destroy", "--yes", "--skip-preview"]);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/protected/);
    expect((await live(no)).statusCode).toBe("0");
    p.setProgram(certificateProgram({ ...baseArgs, certificateName: "guarded" }));
    await p.up();
    await p.destroy();
    expect((await live(no)).statusCode).toBe("-6");
  });
});

/**
 * ncloud.ExternalCertificate under the real engine against the emulator: upload, a no-change preview, a renewal in
 * place (same number, new serial, the dependant's reference untouched), drift after a console delete, destroy;
 * and the private key never in clear in the state files. And an upload whose answer is lost while NCP's list is
 * down: the engine keeps the partial state, and the next `up` takes the landed upload over without a second one.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { type ExternalPems, externalPems } from "../helpers/externalPems";
import { E2EProject, EXTERNAL_TYPE } from "../helpers/pulumiCli";
import { e2eFile, emulatorConfig } from "./programs";

const e2e = e2eFile();
const bin = e2e.bin;

const program = `const fs = require("fs");
const pulumi = require("@pulumi/pulumi");
const { ncloud } = require("pulumi-certmanager-kr");
const read = (f) => fs.readFileSync(f, "utf8");
const cert = new ncloud.ExternalCertificate("site", {
  certificatePem: read("cert.pem"),
  chainPem: read("chain.pem"),
  privateKeyPem: read("key.pem"),
});
// A dependant holding the number, as a load balancer listener does (ssl_certificate_no).
const listener = new pulumi.dynamic.Resource(
  {
    async create(inputs) {
      return { id: "listener", outs: inputs };
    },
    async diff(_id, olds, news) {
      return { changes: olds.sslCertificateNo !== news.sslCertificateNo };
    },
    async update(_id, _olds, news) {
      return { outs: news };
    },
  },
  "listener",
  { sslCertificateNo: cert.certificateNo },
);
exports.certificateNo = cert.certificateNo;
exports.certificateName = cert.certificateName;
exports.serialNumber = cert.serialNumber;
exports.listenerNo = listener.sslCertificateNo;
`;

function writePems(dir: string, p: ExternalPems): void {
  fs.writeFileSync(path.join(dir, "cert.pem"), p.certificatePem);
  fs.writeFileSync(path.join(dir, "chain.pem"), p.chainPem);
  fs.writeFileSync(path.join(dir, "key.pem"), p.privateKeyPem);
}

/** A line from the middle of the key's base64: in clear anywhere means the key leaked. */
function keyBody(p: ExternalPems): string {
  return p.privateKeyPem.split("\n")[1];
}

describe.skipIf(!bin)("ExternalCertificate under the real engine", () => {
  it("uploads, renews in place keeping the number, reports a console delete, destroys; the key stays secret", async () => {
    const p = await E2EProject.create(inject("fixtureDir"), bin, "external", {
      program,
      config: emulatorConfig(e2e.emulator),
    });
    const first = await externalPems({ commonName: "shop.example" });
    writePems(p.dir, first);
    await p.up();
    const no = Number(await p.output("certificateNo"));
    expect(await p.output("certificateName")).toMatch(/^site-[a-z0-9]{6}$/);
    expect(Number(await p.output("listenerNo"))).toBe(no);
    expect((await p.preview("--expect-no-changes")).code).toBe(0);
    const firstSerial = await p.output("serialNumber");

    // Renewal: preview says the number is kept, and the listener is not touched.
    const renewed = await externalPems({ commonName: "shop.example" });
    writePems(p.dir, renewed);
    const preview = await p.preview();
    expect(preview.code).toBe(0);
    expect(preview.output).toContain(`renewed in place: NCP keeps certificate number ${no}`);
    expect(preview.output).toMatch(/~ pulumi-nodejs:dynamic\/ncloud:ExternalCertificate: \(update\)/);
    expect(preview.output).not.toMatch(/pulumi-nodejs:dynamic:Resource: \(update\)/); // the listener keeps its number
    const up = await p.up();
    expect(up.output).toMatch(/1 updated/);
    expect(Number(await p.output("certificateNo"))).toBe(no);
    expect(await p.output("serialNumber")).not.toBe(firstSerial);
    expect((await e2e.emulator.control.ncloud.getCertificate(no)).serialNumber).toBe(await p.output("serialNumber"));
    expect(Number(await p.output("listenerNo"))).toBe(no);
    const [state] = await p.resources(EXTERNAL_TYPE);
    expect(state.outputs?.privateKeyPem).toHaveProperty("4dabf18193072939515e22adb298388d"); // secret
    const text = p.backendText();
    for (const k of [first, renewed]) expect(text).not.toContain(keyBody(k));
    expect(text).not.toContain("PRIVATE KEY-----");

    // Deleted in the console: refresh says so in words and drops it; up uploads it again.
    await e2e.emulator.control.ncloud.delete(no);
    const refresh = await p.refresh();
    expect(refresh.output).toContain("no longer exists in NCP (deleted in the console or outside Pulumi)");
    expect(await p.resources(EXTERNAL_TYPE)).toEqual([]);
    await p.up();
    const again = Number(await p.output("certificateNo"));
    expect(again).not.toBe(no);
    expect(Number(await p.output("listenerNo"))).toBe(again);

    await p.destroy();
    expect((await e2e.emulator.control.ncloud.getCertificate(again)).statusCode).toBe("-6");
    expect(p.backendText()).not.toContain(keyBody(renewed));
  });

  it("an upload whose answer is lost, with NCP's list down: recorded by the engine, taken over by the next up, never sent twice", async () => {
    const p = await E2EProject.create(inject("fixtureDir"), bin, "external-unsure", {
      program,
      config: emulatorConfig(e2e.emulator),
    });
    const pems = await externalPems({ commonName: "unsure.example" });
    writePems(p.dir, pems);
    const uploads = async () =>
      (await e2e.emulator.control.ncloud.listCertificates()).filter(
        (c) => c.certificateName.startsWith("site-") && c.statusCode !== "-6" && c.commonName === "unsure.example",
      );
    // The look-up before the upload passes; the upload lands but its answer is lost; every look-up after fails.
    await e2e.emulator.control.addFault({ kind: "resetAfterCommit", operation: "registerExternalCertificate" });
    await e2e.emulator.control.addFault({ kind: "status", status: 503, operation: "certificates", times: 0, skip: 1 });
    const failed = await p.run(["up", "--yes", "--skip-preview"]);
    await e2e.emulator.control.clearFaults();
    expect(failed.code).not.toBe(0);
    const [partial] = await p.resources(EXTERNAL_TYPE);
    expect(partial.id).toMatch(/^unconfirmed-upload-site-[a-z0-9]{6}$/);
    expect(partial.initErrors?.length).toBeGreaterThan(0);
    expect(partial.outputs?.registrationUnconfirmed).toBe(true);
    expect(p.backendText()).not.toContain(keyBody(pems));
    expect(await uploads()).toHaveLength(1);

    // The next up finds the landed upload by name and tracks it: still one registration, and the listener gets it.
    await p.up();
    const [landed] = await uploads();
    expect(await uploads()).toHaveLength(1);
    expect(Number(await p.output("certificateNo"))).toBe(landed.certificateNo);
    expect(Number(await p.output("listenerNo"))).toBe(landed.certificateNo);
    // A refresh moves the resource to the number; then nothing is left to do.
    await p.refresh();
    expect((await p.resources(EXTERNAL_TYPE))[0].id).toBe(String(landed.certificateNo));
    expect((await p.preview("--expect-no-changes")).code).toBe(0);
    await p.destroy();
    expect(await uploads()).toHaveLength(0);
  });
});

/**
 * Issue 15, gap 4: NCP writes the SANs (`dnsName`) in responses in a format its docs leave open (doc §4.4). The
 * AdvancedCertificate's core flow — create, issue, read, a no-change diff, delete — runs in every emulator mode:
 * "a,b", "a, b" and an array. A misparse would show as drift (NCP's names reported beside the program's) or a plan.
 */
import { describe, expect, it } from "vitest";
import { NcloudCertificateManagerClient } from "../../provider/ncloud/api/certificateManager";
import { checkAndCreate, hostWithEmulatorForFile } from "../helpers/hostEmulator";

const ctx = hostWithEmulatorForFile();

describe.each(["comma", "comma-space", "array"] as const)("dnsName written as %s", (dnsNameFormat) => {
  it("create, issue, read, diff and delete agree on the SANs", async () => {
    await ctx.emulator.control.ncloud.settings({ dnsNameFormat });
    const name = `sans-${dnsNameFormat}`.slice(0, 20);
    const { id, inputs, properties } = await checkAndCreate(ctx.host, {
      __provider: ctx.provider,
      certificateName: name,
      commonName: "example.com",
      dnsNames: ["www.example.com", "api.example.com", "*.shop.example.com"],
      key: { algorithm: "ECDSA" },
    });
    expect(properties.dcvRecords).toHaveLength(4); // one per domain: the SANs were read back whole
    // The mode is really in force: the raw list entry has this shape.
    const client = new NcloudCertificateManagerClient({
      credentials: ctx.emulator.ncloudCredentials,
      endpoint: ctx.emulator.url,
    });
    const [entry] = await client.findPaidCertificatesByName(name);
    const raw = entry.raw.dnsName;
    if (dnsNameFormat === "array") expect(Array.isArray(raw)).toBe(true);
    else expect(raw).toMatch(dnsNameFormat === "comma" ? /^[^ ]+,[^ ]+/ : /, /);
    await ctx.emulator.control.ncloud.issue(Number(id));
    const read = await ctx.host.read(id, properties);
    expect(read.properties.statusCode).toBe("2");
    expect(read.properties.dnsNames).toEqual(["*.shop.example.com", "api.example.com", "www.example.com"]);
    expect(read.properties.observed).toBeUndefined(); // no drift invented from the format
    expect((await ctx.host.diff(id, read.properties, inputs)).changes).toBe("none");
    await ctx.host.delete(id, read.properties);
    expect((await ctx.emulator.control.ncloud.getCertificate(Number(id))).statusCode).toBe("-6");
  });
});

/**
 * Issue 15, gap 3: NCP's docs leave open what a reissue does to the list (§14 #18). Besides "in place" and "the old
 * number vanishes", the old and the new certificate may be listed together in the same order. While a renewal is
 * pending the AdvancedCertificate follows the newest live certificate of its order, and the outputs keep the one in
 * service until the new one is issued.
 */
import { describe, expect, it } from "vitest";
import { checkAndCreate, hostWithEmulatorForFile } from "../helpers/hostEmulator";

const ctx = hostWithEmulatorForFile();

describe("a reissue listed beside the old certificate in the same order", () => {
  it("the renewal follows the new entry, keeps the old PEM until it is issued, then swaps in the new key", async () => {
    await ctx.emulator.control.ncloud.settings({ reissueKeepsOldListed: true, validityDays: 20 });
    const { id, inputs, properties } = await checkAndCreate(ctx.host, {
      __provider: ctx.provider,
      certificateName: "both-listed",
      commonName: "both.example.com",
      key: { algorithm: "ECDSA" },
    });
    await ctx.emulator.control.ncloud.issue(Number(id));
    await ctx.emulator.control.ncloud.settings({ validityDays: 198 });
    const issued = (await ctx.host.read(id, properties)).properties;

    const renewing = await ctx.host.update(id, issued, inputs); // inside renewBeforeDays: reissue
    const newNo = renewing.certificateNo as number;
    expect(newNo).toBeGreaterThan(Number(id)); // the new entry of the same order
    expect(renewing).toMatchObject({ statusCode: "0", certificatePem: issued.certificatePem });
    expect(renewing.privateKeyPem).toBe(issued.privateKeyPem);
    expect((await ctx.emulator.control.ncloud.getCertificate(Number(id))).statusCode).toBe("2"); // old still listed

    await ctx.emulator.control.ncloud.issue(newNo);
    const renewed = (await ctx.host.read(String(newNo), renewing)).properties;
    expect(renewed).toMatchObject({ certificateNo: newNo, statusCode: "2", keyMatchesCertificate: true });
    expect(renewed.serialNumber).not.toBe(issued.serialNumber);
    expect(renewed.privateKeyPem).toBe(renewing.pendingPrivateKeyPem);
    expect(renewed.pendingCsrPem).toBeUndefined();
    // Renewed: nothing more to do, and the resource now tracks the new certificate, not the old one.
    expect((await ctx.host.diff(String(newNo), renewed, inputs)).changes).toBe("none");
    expect((await ctx.host.read(String(newNo), renewed)).properties.serialNumber).toBe(renewed.serialNumber);

    // Destroy deletes the renewed certificate and the one it superseded in the same order.
    await ctx.host.delete(String(newNo), renewed);
    expect((await ctx.emulator.control.ncloud.getCertificate(newNo)).statusCode).toBe("-6");
    expect((await ctx.emulator.control.ncloud.getCertificate(Number(id))).statusCode).toBe("-6");
  });
});

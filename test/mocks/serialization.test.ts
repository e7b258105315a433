/**
 * Golden test on the compiled forwarder (dist/shim.js): its serialized text is what every stack stores in state and
 * runs for refresh/destroy for years, so any change to it must be deliberate.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const load = createRequire(import.meta.url);
const pulumi = load("@pulumi/pulumi");
const GOLDEN = path.join(__dirname, "golden", "advancedCertificateShim.txt");

describe("serialized provider", () => {
  it("is the tiny forwarder and nothing else", async () => {
    const { advancedCertificateShim } = load("../../dist/shim.js");
    const text: string = (await pulumi.runtime.serializeFunction(() => advancedCertificateShim, { allowSecrets: true }))
      .text;
    expect(text.length).toBeLessThan(4096);
    const requires = [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(["pulumi-certmanager-kr/provider"]));
    for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
      expect(text).toContain(`advancedCertificateV1.${method}(`);
    }
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(GOLDEN, text);
    expect(text).toBe(fs.readFileSync(GOLDEN, "utf8"));
  });

  it("the ./provider export serves every method the forwarder calls", () => {
    const runtime = load("../../dist/runtime/index.js");
    for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
      expect(typeof runtime.advancedCertificateV1[method]).toBe("function");
    }
  });
});

/**
 * Golden test on the serialized provider exactly as AdvancedCertificate registers it, in its by-value form (dist/
 * loaded from the repo, where @pulumi/pulumi cannot name our module): the text stacks store in state and run for
 * refresh/destroy for years wherever the one-line module form cannot be used, so any change must be deliberate.
 * The one-line module form is tested in a real npm layout (realLayout.test.ts).
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const load = createRequire(import.meta.url);
const pulumi = load("@pulumi/pulumi");
const GOLDEN = path.join(__dirname, "golden", "advancedCertificateShim.txt");
const registered: string[] = [];

beforeAll(() => {
  pulumi.runtime.setMocks({
    newResource: (args: { inputs: Record<string, unknown> }) => {
      registered.push(args.inputs.__provider as string);
      return { id: "1", state: args.inputs };
    },
    call: (args: { inputs: unknown }) => args.inputs,
  });
});

describe("serialized provider", () => {
  it("is the tiny forwarder and nothing else, the same text for every resource", async () => {
    const { ncloud } = load("../../dist/index.js");
    new ncloud.AdvancedCertificate("one", { certificateName: "one-cert", commonName: "one.example.com" });
    new ncloud.AdvancedCertificate("two", { certificateName: "two-cert", commonName: "two.example.com" });
    await new Promise((r) => setTimeout(r, 100));
    expect(registered).toHaveLength(2);
    expect(registered[1]).toBe(registered[0]);
    const text = registered[0];
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

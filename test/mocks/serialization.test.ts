/**
 * Golden test on the serialized provider exactly as each resource (AdvancedCertificate, GlobalDnsRecord) registers it, in its by-value form (dist/
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

const RESOURCES = [
  {
    contract: "advancedCertificateV1",
    golden: "advancedCertificateShim.txt",
    // biome-ignore lint/suspicious/noExplicitAny: the built module, loaded untyped
    make: (ncloud: any, name: string) =>
      new ncloud.AdvancedCertificate(name, { certificateName: `${name}-cert`, commonName: `${name}.example.com` }),
  },
  {
    contract: "globalDnsRecordV1",
    golden: "globalDnsRecordShim.txt",
    // biome-ignore lint/suspicious/noExplicitAny: the built module, loaded untyped
    make: (ncloud: any, name: string) =>
      new ncloud.GlobalDnsRecord(name, { zone: "example.com", host: name, type: "TXT", content: name }),
  },
];

describe.each(RESOURCES)("serialized provider ($contract)", ({ contract, golden, make }) => {
  it("is the tiny forwarder and nothing else, the same text for every resource", async () => {
    const { ncloud } = load("../../dist/index.js");
    registered.length = 0;
    make(ncloud, "one");
    make(ncloud, "two");
    await new Promise((r) => setTimeout(r, 100));
    expect(registered).toHaveLength(2);
    expect(registered[1]).toBe(registered[0]);
    const text = registered[0];
    expect(text.length).toBeLessThan(4096);
    const requires = [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(["pulumi-certmanager-kr/provider"]));
    for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
      expect(text).toContain(`${contract}.${method}(`);
    }
    const file = path.join(__dirname, "golden", golden);
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, text);
    expect(text).toBe(fs.readFileSync(file, "utf8"));
  });

  it("the ./provider export serves every method the forwarder calls", () => {
    const runtime = load("../../dist/runtime/index.js");
    for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
      expect(typeof runtime[contract][method]).toBe("function");
    }
  });
});

/**
 * A data source without credentials inside a program (pulumi.runtime mocks; issue #17, item 8): a Pulumi RunError
 * (one line, no stack: how Pulumi reports errors the user must fix) naming the stack config key and the
 * environment variable, for the direct and the Output forms; and the config key it names is the one it reads.
 */
import { createRequire } from "node:module";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";

const load = createRequire(import.meta.url);
const pulumi = load("@pulumi/pulumi");
const { nhncloud } = load("../../dist/index.js");
const { closeSharedAgents } = load("../../dist/shared/http.js");

const NHN_ENV = [
  "NHNCLOUD_CERTIFICATE_MANAGER_APPKEY",
  "NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT",
  "NHNCLOUD_USER_ACCESS_KEY_ID",
  "NHNCLOUD_USER_SECRET_ACCESS_KEY",
  "NHNCLOUD_OAUTH_ENDPOINT",
];
const saved = Object.fromEntries(NHN_ENV.map((k) => [k, process.env[k]]));
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
  pulumi.runtime.setMocks(
    {
      newResource: (a: { name: string; inputs: unknown }) => ({ id: a.name, state: a.inputs }),
      call: (a: { inputs: unknown }) => a.inputs,
    },
    "proj",
    "stack",
    false,
  );
});
beforeEach(() => {
  for (const k of NHN_ENV) delete process.env[k];
  pulumi.runtime.setAllConfig({});
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
  await emulator.close();
  await closeSharedAgents();
});

const direct = (p: Promise<unknown>) =>
  p.then(
    () => new Error("expected a failure"),
    (e: Error) => e,
  );
/** The Output forms check what they can when called, so the error comes at the call (see invoke.ts). */
const atCall = (call: () => unknown) => {
  try {
    call();
  } catch (err) {
    return err as Error;
  }
  return new Error("expected a failure at the call");
};

describe("a data source without an appkey", () => {
  it("fails with a RunError naming the config key and the environment variable, in every form", async () => {
    const failures = [
      await direct(nhncloud.getCertificates({})),
      await direct(nhncloud.getCertificateFile({ certificateName: "www.example.com" })),
      atCall(() => nhncloud.getCertificatesOutput({})),
      atCall(() => nhncloud.getCertificateFileOutput({ certificateName: pulumi.output("www.example.com") })),
    ];
    for (const err of failures) {
      expect(pulumi.RunError.isInstance(err), String(err)).toBe(true);
      expect(err.message).toContain("nhncloud:certificateManagerAppKey");
      expect(err.message).toContain("NHNCLOUD_CERTIFICATE_MANAGER_APPKEY");
    }
  });

  it("half a User Access Key is the same kind of error, naming the missing half", async () => {
    process.env.NHNCLOUD_CERTIFICATE_MANAGER_APPKEY = "some-appkey";
    process.env.NHNCLOUD_USER_ACCESS_KEY_ID = "an-id";
    const err = atCall(() => nhncloud.getCertificatesOutput({}));
    expect(pulumi.RunError.isInstance(err)).toBe(true);
    expect(err.message).toMatch(/nhncloud:userSecretAccessKey.*NHNCLOUD_USER_SECRET_ACCESS_KEY/);
  });

  it("an appKey given as an Output is checked once known, and is enough", async () => {
    pulumi.runtime.setAllConfig({ "nhncloud:certificateManagerEndpoint": emulator.url });
    const list = nhncloud.getCertificatesOutput({ appKey: pulumi.output(emulator.nhncloud.appKey), status: "ALL" });
    const value = await new Promise<{ certificates: unknown[] }>((r) => list.apply(r));
    expect(value.certificates.length).toBeGreaterThan(3);
  });

  it("the config key the message names is the one read", async () => {
    pulumi.runtime.setAllConfig({
      "nhncloud:certificateManagerAppKey": emulator.nhncloud.appKey,
      "nhncloud:certificateManagerEndpoint": emulator.url,
    });
    const list = await nhncloud.getCertificates({ status: "ALL" });
    expect(list.certificates.length).toBeGreaterThan(3);
  });
});

describe("bad arguments", () => {
  it("are RunErrors too: the program's author must fix them, and a stack trace would only hide the message", async () => {
    process.env.NHNCLOUD_CERTIFICATE_MANAGER_APPKEY = "some-appkey";
    for (const err of [
      await direct(nhncloud.getCertificates({ status: "SOME" })),
      await direct(nhncloud.getCertificateFile({})),
    ]) {
      expect(pulumi.RunError.isInstance(err), String(err)).toBe(true);
    }
  });
});

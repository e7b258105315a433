/**
 * Registering a resource pauses stack traces (dynamic/registrationStacks.ts): the SDK's per-promise stacks capture
 * no frames, while the resource's source position, the stack-trace limit and the stacks of errors thrown from the
 * registration stay as they were. Loaded from the compiled dist/, under pulumi.runtime mocks.
 */
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";

const load = createRequire(import.meta.url);
const pulumi = load("@pulumi/pulumi");
const { MockMonitor } = load("@pulumi/pulumi/runtime/mocks");
const settings = load("@pulumi/pulumi/runtime/settings");
const { ncloud } = load("../../dist/index.js");

const positions = new Map<string, { uri: string; line: number }>();

class PositionMonitor extends MockMonitor {
  // MockMonitor is untyped (loaded with require): this gives the constructor its argument.
  constructor(mocks: unknown) {
    super(mocks);
  }

  async registerResource(
    req: { getName(): string; getSourceposition(): { toObject(): { uri: string; line: number } } | undefined },
    callback: unknown,
  ) {
    const position = req.getSourceposition();
    if (position) positions.set(req.getName(), position.toObject());
    return super.registerResource(req, callback);
  }
}

beforeAll(() => {
  const mocks = {
    newResource: (args: { inputs: Record<string, unknown> }) => ({ id: "1", state: args.inputs }),
    call: (args: { inputs: unknown }) => args.inputs,
  };
  pulumi.runtime.setMocks(mocks);
  settings.setMockOptions(new PositionMonitor(mocks), "project", "stack", true);
});

/** Runs `fn` counting the stack frames formatted meanwhile (every `.stack` read goes through prepareStackTrace). */
function framesFormatted(fn: () => void): { reads: number; frames: number } {
  const original = Error.prepareStackTrace;
  const counted = { reads: 0, frames: 0 };
  Error.prepareStackTrace = (err, frames) => {
    counted.reads++;
    counted.frames += frames.length;
    return original ? original(err, frames) : `${err}\n${frames.map((f) => `    at ${f}`).join("\n")}`;
  };
  try {
    fn();
  } finally {
    Error.prepareStackTrace = original;
  }
  return counted;
}

const RESOURCES = [
  ["AdvancedCertificate", (n: string) => new ncloud.AdvancedCertificate(n, { commonName: `${n}.example.com` })],
  ["AdvancedCertificateValidation", (n: string) => new ncloud.AdvancedCertificateValidation(n, { certificateNo: 1 })],
  ["ExternalCertificate", (n: string) => new ncloud.ExternalCertificate(n, { pemBundle: "x" })],
  [
    "GlobalDnsRecord",
    (n: string) => new ncloud.GlobalDnsRecord(n, { zone: "example.com", host: n, type: "TXT", content: n }),
  ],
] as const;

describe.each(RESOURCES)("%s registration", (type, make) => {
  it("formats no frames for the SDK's per-property promises, and puts the limit back", () => {
    const limit = Error.stackTraceLimit;
    const counted = framesFormatted(() => make(`${type}-quiet`));
    // The SDK still reads a stack for each promise (one per property and kind), now without frames; the only
    // frames are those of its own source-position capture, which sets its own limit.
    expect(counted.reads).toBeGreaterThan(20);
    expect(counted.frames).toBeLessThan(40);
    expect(Error.stackTraceLimit).toBe(limit);
  });

  it("still sends the engine the resource's source position", async () => {
    make(`${type}-positioned`);
    await new Promise((r) => setTimeout(r, 50));
    const position = positions.get(`${type}-positioned`);
    expect(position?.uri).toMatch(/^file:\/\/.+\.(js|ts)$/);
    expect(position?.line).toBeGreaterThan(0);
  });
});

describe("an error thrown while registering", () => {
  it("keeps the caller's frames, and the limit is put back", () => {
    const limit = Error.stackTraceLimit;
    let thrown: unknown;
    try {
      new ncloud.AdvancedCertificate(
        "bad-parent",
        { commonName: "bad.example.com" },
        // biome-ignore lint/suspicious/noExplicitAny: deliberately not a Resource
        { parent: {} as any },
      );
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toContain("Resource parent is not a valid Resource");
    expect((thrown as Error).stack).toContain("registrationStacks.mocks.test.ts");
    expect(Error.stackTraceLimit).toBe(limit);
  });
});

describe("with PULUMI_DEBUG_PROMISE_LEAKS set (the SDK then prints each promise's stack)", () => {
  it("pauses nothing: the stacks keep their frames", () => {
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
    try {
      const counted = framesFormatted(() => make("AdvancedCertificate", "leak-debug"));
      expect(counted.frames).toBeGreaterThan(counted.reads); // every stack has frames
    } finally {
      delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    }
  });
});

function make(type: (typeof RESOURCES)[number][0], name: string) {
  const found = RESOURCES.find(([t]) => t === type);
  if (!found) throw new Error(type);
  return found[1](name);
}

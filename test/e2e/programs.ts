/** What the end-to-end test files share: their set-up, Pulumi programs (CommonJS JavaScript) and stack config. */
import * as path from "node:path";
import { afterAll, beforeAll, inject, vi } from "vitest";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../provider/emulator";
import type { E2EProject, ProjectOptions } from "../helpers/pulumiCli";

/**
 * Set-up for one e2e test file: the Pulumi CLI's directory ("" when there is none: the tests skip), timeouts for
 * tests that run several real `pulumi` commands (seconds each, more while another file shares the 2 cores), and
 * an emulator started for the file.
 */
export function e2eFile(options: EmulatorOptions = {}) {
  vi.setConfig({ testTimeout: 600_000 });
  let running: RunningEmulator | undefined;
  beforeAll(async () => {
    running = await startEmulator(options);
  });
  afterAll(async () => {
    await running?.close();
  });
  return {
    bin: inject("pulumiBin"),
    get emulator(): RunningEmulator {
      if (!running) throw new Error("the emulator starts in beforeAll");
      return running;
    },
    /** Paid orders NCP has received so far. */
    async orders(): Promise<number> {
      return (await this.emulator.control.requests({ operation: "requestPaidCertificateIssuance" })).length;
    },
  };
}

/**
 * One AdvancedCertificate named "site" with `args` (JSON) and resource options `opts` (JavaScript source, so
 * options such as `ignoreChanges` can be written as in a program), exporting the outputs tests look at.
 */
export function certificateProgram(args: Record<string, unknown>, opts = "{}"): string {
  return `const { ncloud } = require("pulumi-certmanager-kr");
const cert = new ncloud.AdvancedCertificate("site", ${JSON.stringify(args)}, ${opts});
exports.certificateNo = cert.certificateNo;
exports.statusName = cert.statusName;
exports.privateKeyRegistered = cert.privateKeyRegistered;
exports.fullChainPem = cert.fullChainPem;
exports.privateKeyPem = cert.privateKeyPem;
`;
}

/** Stack config pointing the provider at the emulator (the secret key as a Pulumi secret, as users set it). */
export function emulatorConfig(emulator: RunningEmulator): NonNullable<ProjectOptions["config"]> {
  return {
    "ncloud:accessKey": emulator.ncloudCredentials.accessKey,
    "ncloud:secretKey": { secret: emulator.ncloudCredentials.secretKey },
    "ncloud:certificateManagerEndpoint": emulator.url,
    "ncloud:globalDnsEndpoint": emulator.globalDnsEndpoint,
  };
}

export const baseArgs = {
  certificateName: "site-2026",
  commonName: "example.com",
  dnsNames: ["www.example.com"],
  key: { algorithm: "ECDSA", ecdsaCurve: "P256" },
};

const DAY_MS = 86_400_000;

/**
 * Moves the emulator and every Node.js process Pulumi starts for `project` (the provider host included) to
 * `daysBefore` days before `notAfter`; returns the undo. Inside the default renewal window for 20.
 */
export async function clockBeforeExpiry(
  emulator: RunningEmulator,
  project: E2EProject,
  notAfter: string,
  daysBefore = 20,
): Promise<() => Promise<void>> {
  const daysLeft = (Date.parse(notAfter) - Date.now()) / DAY_MS;
  const offsetMs = Math.round((daysLeft - daysBefore) * DAY_MS);
  await emulator.control.setClockOffset(offsetMs);
  project.env.NODE_OPTIONS = `--require ${path.resolve(__dirname, "..", "..", "scripts", "fake-clock.js")}`;
  project.env.CERTMANAGER_KR_FAKE_CLOCK_OFFSET_MS = String(offsetMs);
  return async () => {
    await emulator.control.setClockOffset(0);
    delete project.env.NODE_OPTIONS;
    delete project.env.CERTMANAGER_KR_FAKE_CLOCK_OFFSET_MS;
  };
}

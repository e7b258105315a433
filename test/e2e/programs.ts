/** Pulumi programs (CommonJS JavaScript) and stack set-up shared by the end-to-end tests. */
import type { RunningEmulator } from "../../provider/emulator";
import type { ProjectOptions } from "../helpers/pulumiCli";

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
  };
}

export const baseArgs = {
  certificateName: "site-2026",
  commonName: "example.com",
  dnsNames: ["www.example.com"],
  key: { algorithm: "ECDSA", ecdsaCurve: "P256" },
};

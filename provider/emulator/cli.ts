#!/usr/bin/env node
/**
 * `certmanager-kr-emulator --port N [--state file] [--host H] [--auto-issue-after-ms MS] [--validate-from-dns] …` (also `certmanager-kr
 * emulator`). Runs the emulator until interrupted, prints its URL on the first line of stdout, and on stderr the
 * `export` lines that point the CLI and Pulumi programs at it.
 */
import { parseArgs } from "node:util";
import { NCLOUD_ENV_VARS } from "../ncloud/api/settings";
import { NHN_ENV_VARS } from "../nhncloud/settings";
import { type RunningEmulator, startEmulator } from "./index";
import { StateFileError } from "./store";

const USAGE =
  "usage: certmanager-kr-emulator [--port N] [--host 127.0.0.1] [--state FILE] [--auto-issue-after-ms MS]\n" +
  "         [--validate-from-dns] [--dns-validation-delay-ms MS] [--dcv-expire-after-ms MS] [--global-dns-zone NAME]...";
const MS_FLAGS = ["auto-issue-after-ms", "dns-validation-delay-ms", "dcv-expire-after-ms"] as const;

const HELP = `${USAGE}
       (or: certmanager-kr emulator [options])

A local, offline stand-in for the NCP and NHN Cloud Certificate Manager APIs (and NHN's token call), for tests,
examples and trying the package without an account. It prints its URL on the first line of stdout, then on stderr
the export lines that point the certmanager-kr CLI and Pulumi programs at it. Ctrl-C stops it.

Options:
  -p, --port N                port to listen on; 0 (the default) picks a free one
  --host H                    address to listen on (default 127.0.0.1)
  -s, --state FILE            keep the world in this JSON file (mode 0600), shared by separate processes
  --auto-issue-after-ms MS    NCP orders issue by themselves MS milliseconds after being placed
  --validate-from-dns         NCP orders issue only once every domain's TXT record is applied in an emulated
                              Global DNS zone (or served by an "external DNS" through the control API)
  --dns-validation-delay-ms MS  how long after the records appear an order is issued (default 1000)
  --dcv-expire-after-ms MS    an order whose records never appear expires (status -4) after MS (default 1 hour)
  --global-dns-zone NAME      create this Global DNS zone at start (repeatable)
  -h, --help                  this help

Environment variables: none read (the emulator accepts the fixed credentials its banner prints).`;

/** `export NAME='value'` lines for every variable the CLI and the Pulumi programs read, for both NHN API versions. */
export function exportBlock(emulator: RunningEmulator): string {
  const line = (name: string, value: string) => `export ${name}='${value.replace(/'/g, `'\\''`)}'`;
  return [
    "# Paste into a shell to point the certmanager-kr CLI and Pulumi programs at this emulator",
    "# (stack config, when set, wins over these in Pulumi programs).",
    "# NCP Certificate Manager:",
    line(NCLOUD_ENV_VARS.accessKey, emulator.ncloudCredentials.accessKey),
    line(NCLOUD_ENV_VARS.secretKey, emulator.ncloudCredentials.secretKey),
    line(NCLOUD_ENV_VARS.endpoint, emulator.url),
    line(NCLOUD_ENV_VARS.globalDnsEndpoint, emulator.globalDnsEndpoint),
    "# NHN Cloud Certificate Manager, API v1.2 (the appkey alone):",
    line(NHN_ENV_VARS.appKey, emulator.nhncloud.appKey),
    line(NHN_ENV_VARS.endpoint, emulator.url),
    line(NHN_ENV_VARS.oauthEndpoint, emulator.url),
    "# and a User Access Key for API v1.3 (bearer tokens); leave these two out to stay on v1.2:",
    line(NHN_ENV_VARS.userAccessKeyId, emulator.nhncloud.userAccessKeyId),
    line(NHN_ENV_VARS.userSecretAccessKey, emulator.nhncloud.secretAccessKey),
  ].join("\n");
}

let requested: { port: number; host: string } | undefined;

async function main(): Promise<void> {
  // Help wins over everything else on the line, even options it does not know (as in certmanager-kr).
  const args = process.argv.slice(2);
  const end = args.indexOf("--");
  if ((end === -1 ? args : args.slice(0, end)).some((a) => a === "--help" || a === "-h")) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  let values: {
    port?: string;
    host?: string;
    state?: string;
    "auto-issue-after-ms"?: string;
    "dns-validation-delay-ms"?: string;
    "dcv-expire-after-ms"?: string;
    "validate-from-dns"?: boolean;
    "global-dns-zone"?: string[];
  };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string", short: "p" },
        host: { type: "string" },
        state: { type: "string", short: "s" },
        "auto-issue-after-ms": { type: "string" },
        "dns-validation-delay-ms": { type: "string" },
        "dcv-expire-after-ms": { type: "string" },
        "validate-from-dns": { type: "boolean" },
        "global-dns-zone": { type: "string", multiple: true },
      },
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be an integer from 0 to 65535\n${USAGE}\n`);
    process.exit(2);
  }
  for (const flag of MS_FLAGS) {
    const v = values[flag];
    if (v !== undefined && !/^\d+$/.test(v)) {
      process.stderr.write(`--${flag} must be a whole number of milliseconds\n${USAGE}\n`);
      process.exit(2);
    }
  }
  const ms = (flag: (typeof MS_FLAGS)[number]) => (values[flag] === undefined ? undefined : Number(values[flag]));
  requested = { port, host: values.host ?? "127.0.0.1" };
  const emulator = await startEmulator({
    port,
    host: values.host,
    stateFile: values.state,
    autoIssueAfterMs: ms("auto-issue-after-ms"),
    validateFromDns: values["validate-from-dns"],
    dnsValidationDelayMs: ms("dns-validation-delay-ms"),
    dcvExpireAfterMs: ms("dcv-expire-after-ms"),
    globalDnsZones: values["global-dns-zone"],
  });
  process.stdout.write(`${emulator.url}\n`);
  process.stderr.write(
    `certmanager-kr emulator listening on ${emulator.url}${values.state ? ` (state: ${values.state})` : ""}\n` +
      `${exportBlock(emulator)}\n# Stop the emulator with Ctrl-C.\n`,
  );
  const stop = () => {
    emulator.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/** One line for a failure the user can fix (bad state file, port taken); undefined for anything else. */
function knownFailure(err: unknown): string | undefined {
  if (err instanceof StateFileError) return err.message;
  const code = (err as NodeJS.ErrnoException).code;
  const where = requested ? `port ${requested.port} on ${requested.host}` : "the port";
  if (code === "EADDRINUSE")
    return `${where} is already in use (another emulator still running?): pick another with --port N, or --port 0 for any free port`;
  if (code === "EACCES")
    return `${where} needs privileges to listen on: pick a port above 1023 with --port N, or --port 0 for any free port`;
  if (code === "EADDRNOTAVAIL") return `${requested?.host} is not an address of this machine: check --host`;
  return undefined;
}

main().catch((err) => {
  // The user's to fix: the message says how, and a stack would hide it.
  const known = knownFailure(err);
  process.stderr.write(`certmanager-kr-emulator: ${known ?? (err as Error).stack ?? err}\n`);
  process.exit(1);
});

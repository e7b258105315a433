#!/usr/bin/env node
/**
 * `certmanager-kr-emulator --port N [--state file] [--host H] [--auto-issue-after-ms MS] [--validate-from-dns]
 *   [--dns-validation-delay-ms MS] [--dcv-expire-after-ms MS] [--global-dns-zone NAME ...]`
 * Runs the emulator until interrupted and prints its URL on the first line of stdout.
 */
import { parseArgs } from "node:util";
import { startEmulator } from "./index";
import { StateFileError } from "./store";

const USAGE =
  "usage: certmanager-kr-emulator [--port N] [--host 127.0.0.1] [--state FILE] [--auto-issue-after-ms MS]\n" +
  "         [--validate-from-dns] [--dns-validation-delay-ms MS] [--dcv-expire-after-ms MS] [--global-dns-zone NAME]...";
const MS_FLAGS = ["auto-issue-after-ms", "dns-validation-delay-ms", "dcv-expire-after-ms"] as const;

async function main(): Promise<void> {
  let values: {
    port?: string;
    host?: string;
    state?: string;
    "auto-issue-after-ms"?: string;
    "dns-validation-delay-ms"?: string;
    "dcv-expire-after-ms"?: string;
    "validate-from-dns"?: boolean;
    "global-dns-zone"?: string[];
    help?: boolean;
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
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
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
      `NCP: endpoint ${emulator.url}, access key ${emulator.ncloudCredentials.accessKey}\n` +
      `NCP Global DNS: endpoint ${emulator.globalDnsEndpoint} (NCLOUD_GLOBAL_DNS_ENDPOINT)\n` +
      `NHN Cloud: endpoint ${emulator.url}, appkey ${emulator.nhncloud.appKey}, ` +
      `user access key ${emulator.nhncloud.userAccessKeyId}\n`,
  );
  const stop = () => {
    emulator.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err) => {
  // A bad state file (or port in use) is the user's to fix: the message says how; a stack would hide it.
  const known = err instanceof StateFileError || (err as NodeJS.ErrnoException).code === "EADDRINUSE";
  process.stderr.write(`certmanager-kr-emulator: ${known ? (err as Error).message : ((err as Error).stack ?? err)}\n`);
  process.exit(1);
});

#!/usr/bin/env node
/**
 * `certmanager-kr-emulator --port N [--state file] [--host H] [--auto-issue-after-ms MS]` (also `certmanager-kr
 * emulator`). Runs the emulator until interrupted and prints its URL on the first line of stdout.
 */
import { parseArgs } from "node:util";
import { startEmulator } from "./index";
import { StateFileError } from "./store";

const USAGE = "usage: certmanager-kr-emulator [--port N] [--host 127.0.0.1] [--state FILE] [--auto-issue-after-ms MS]";

const HELP = `${USAGE}
       (or: certmanager-kr emulator [options])

A local, offline stand-in for the NCP and NHN Cloud Certificate Manager APIs (and NHN's token call), for tests,
examples and trying the package without an account. It prints its URL on the first line of stdout. Ctrl-C stops it.

Options:
  -p, --port N                port to listen on; 0 (the default) picks a free one
  --host H                    address to listen on (default 127.0.0.1)
  -s, --state FILE            keep the world in this JSON file (mode 0600), shared by separate processes
  --auto-issue-after-ms MS    NCP orders issue by themselves MS milliseconds after being placed
  -h, --help                  this help

Environment variables: none read (the emulator accepts the fixed credentials its banner prints).`;

async function main(): Promise<void> {
  // Help wins over everything else on the line, even options it does not know (as in certmanager-kr).
  const args = process.argv.slice(2);
  const end = args.indexOf("--");
  if ((end === -1 ? args : args.slice(0, end)).some((a) => a === "--help" || a === "-h")) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  let values: { port?: string; host?: string; state?: string; "auto-issue-after-ms"?: string };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string", short: "p" },
        host: { type: "string" },
        state: { type: "string", short: "s" },
        "auto-issue-after-ms": { type: "string" },
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
  const autoIssue = values["auto-issue-after-ms"];
  if (autoIssue !== undefined && !/^\d+$/.test(autoIssue)) {
    process.stderr.write(`--auto-issue-after-ms must be a whole number of milliseconds\n${USAGE}\n`);
    process.exit(2);
  }
  const emulator = await startEmulator({
    port,
    host: values.host,
    stateFile: values.state,
    autoIssueAfterMs: autoIssue === undefined ? undefined : Number(autoIssue),
  });
  process.stdout.write(`${emulator.url}\n`);
  process.stderr.write(
    `certmanager-kr emulator listening on ${emulator.url}${values.state ? ` (state: ${values.state})` : ""}\n` +
      `NCP: endpoint ${emulator.url}, access key ${emulator.ncloudCredentials.accessKey}\n` +
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

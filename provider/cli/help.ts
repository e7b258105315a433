/**
 * What `certmanager-kr <command> --help` prints: each command's usage, options and the environment variables it
 * reads. The variable names come from the settings modules, so help cannot name a variable the code does not read.
 */
import { NCLOUD_ENV_VARS } from "../ncloud/api/settings";
import { NHN_ENV_VARS } from "../nhncloud/settings";

const NCP_ENV = [
  `${NCLOUD_ENV_VARS.accessKey}, ${NCLOUD_ENV_VARS.secretKey}   NCP API key pair (a main-account key)`,
  `${NCLOUD_ENV_VARS.endpoint}   default https://certificatemanager.apigw.ntruss.com`,
];
const NHN_ENV = [
  `${NHN_ENV_VARS.appKey}   the Certificate Manager appkey (console: URL & Appkey)`,
  `${NHN_ENV_VARS.userAccessKeyId}, ${NHN_ENV_VARS.userSecretAccessKey}`,
  "      optional User Access Key: with both set, API v1.3 with bearer tokens; without, v1.2",
  `${NHN_ENV_VARS.endpoint}   default https://certmanager.api.nhncloudservice.com`,
  `${NHN_ENV_VARS.oauthEndpoint}   token host; default NHN's, or the endpoint above when only that is set`,
];
const RETRY_ENV = ["CERTMANAGER_KR_RETRY_MAX_ATTEMPTS, CERTMANAGER_KR_RETRY_BASE_MS   retries of failed reads"];

interface CommandHelp {
  usage: string;
  summary: string;
  options: string[];
  env: string[];
  notes?: string[];
}

export const COMMAND_HELP: Record<string, CommandHelp> = {
  status: {
    usage: "status [--json]",
    summary:
      "Every certificate in NCP and NHN Cloud, soonest expiry first. A cloud without credentials is skipped (and\n" +
      "said so); the exit code is 1 when no cloud could be checked or when one failed (the other's rows still print).",
    options: ["--json   machine-readable output: { certificates, notes, errors }"],
    env: [...NCP_ENV, ...NHN_ENV, ...RETRY_ENV, "NO_COLOR   no colours in the table"],
  },
  inspect: {
    usage: "inspect <file | nhn-certificate-name> [--nhn NAME]",
    summary:
      "Decodes a PEM bundle: subjects, SANs, validity, chain order, and whether the key matches the leaf.\n" +
      "An argument that names an existing file is read; one that looks like a path (has / or \\, or ends in\n" +
      ".pem .crt .cer .key .p12 ...) but does not exist is an error; anything else is an NHN certificate name.",
    options: ["--nhn NAME   read the NHN Cloud certificate NAME, even if it looks like a file name"],
    env: NHN_ENV,
  },
  download: {
    usage: "download <nhn-certificate-name> [--out FILE] [--force]",
    summary:
      "Writes an NHN Cloud certificate file (it holds the private key) as a new file with mode 0600, named after\n" +
      "the server's file name (its base name only) unless --out is given.",
    options: [
      "-o, --out FILE   where to write it",
      "--force          replace an existing file (never a symbolic link)",
    ],
    env: NHN_ENV,
  },
  csr: {
    usage:
      "csr --cn NAME [--san NAME]... [--key rsa2048|rsa3072|rsa4096|p256|p384] [--out-key FILE] [--out-csr FILE] [--force]",
    summary: "Makes a private key and a PKCS#10 CSR with the same engine as ncloud.AdvancedCertificate.",
    options: [
      "--cn NAME         common name (ASCII; write internationalized names in punycode, xn--)",
      "--san NAME        a subjectAltName DNS name; repeat for more",
      "--key SPEC        rsa2048 (default), rsa3072, rsa4096, p256 or p384",
      "--out-key FILE    default key.pem (mode 0600)",
      "--out-csr FILE    default csr.pem",
      "--force           replace existing files (never a symbolic link)",
    ],
    env: [],
    notes: ["Works offline: no credentials needed."],
  },
};

// The emulator has its own bin and help (emulator/cli.ts); listed here for the overview only.
const OVERVIEW: [string, string][] = [
  ["status [--json]", "every certificate in NCP and NHN Cloud, with days until expiry"],
  ["inspect <file | nhn-certificate-name>", "decode a PEM bundle: subjects, SANs, chain order, key match"],
  ["download <nhn-certificate-name> [--out FILE]", "an NHN certificate file, written with mode 0600"],
  ["csr --cn NAME [--san NAME]...", "a private key and a CSR"],
  ["emulator [--port N] [--state FILE]", "the local emulator of both APIs"],
];

export function overviewHelp(): string {
  const width = Math.max(...OVERVIEW.map(([u]) => u.length));
  return [
    "usage: certmanager-kr <command> [options]",
    "",
    ...OVERVIEW.map(([usage, what]) => `  ${usage.padEnd(width)}  ${what}`),
    "",
    "Run certmanager-kr <command> --help for a command's options and the environment variables it reads",
    "(the same NCLOUD_* / NHNCLOUD_* variables as the Pulumi programs; the CLI reads no stack config).",
  ].join("\n");
}

export function commandHelp(command: string): string {
  const h = COMMAND_HELP[command];
  const lines = [`usage: certmanager-kr ${h.usage}`, "", h.summary, "", "Options:"];
  for (const o of [...h.options, "-h, --help   this help"]) lines.push(`  ${o}`);
  lines.push("", "Environment variables:");
  if (h.env.length === 0) lines.push("  none");
  for (const e of h.env) lines.push(`  ${e}`);
  for (const n of h.notes ?? []) lines.push("", n);
  return lines.join("\n");
}

/** Whether `args` ask for help (before a `--` that ends the options). */
export function wantsHelp(args: string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

#!/usr/bin/env node
/**
 * `certmanager-kr`: the package's companion command line, for operators and for people without the Pulumi CLI.
 * Commands: status, inspect, download, csr, emulator; `certmanager-kr <command> --help` describes each (help.ts).
 *
 * Credentials come from the same environment variables as the Pulumi side (NCLOUD_*, NHNCLOUD_*); the CLI reads no
 * stack config.
 */
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { buildCsr } from "../crypto/csr";
import { generateKeyPair, type KeySpec, publicKeysEqual } from "../crypto/keys";
import { splitCertificateBundle } from "../crypto/pemBundle";
import { parseCertificate } from "../crypto/x509";
import { NhnCertificateManagerClient } from "../nhncloud/client";
import { nhnClientOptionsFromEnvironment } from "../nhncloud/settings";
import { closeSharedAgents } from "../shared/http";
import { checkTarget, serverFileName, showDisguised, writeNewFile } from "./files";
import { COMMAND_HELP, commandHelp, overviewHelp, wantsHelp } from "./help";
import { status } from "./status";

class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

// What a mistyped file argument looks like, as opposed to an NHN certificate name such as "*.example.com" or
// "쇼핑몰 인증서": a path separator, or the extension of a certificate or key file.
const FILE_LIKE = /[/\\]|\.(pem|crt|cer|cert|der|key|p12|pfx|p7b|p7c|csr|chain|bundle)$/i;

/** Whether `arg` looks like a file path rather than an NHN certificate name. */
function looksLikePath(arg: string): boolean {
  return FILE_LIKE.test(arg);
}

async function inspect(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { nhn: { type: "string" } } });
  const nhnName = values.nhn;
  const target = nhnName ?? positionals[0];
  if (!target) throw new UsageError("inspect needs a file or an NHN certificate name", "inspect");
  if (nhnName !== undefined && positionals.length > 0)
    throw new UsageError("give either a file / name or --nhn NAME, not both", "inspect");
  let content: Buffer;
  let source: string;
  if (nhnName === undefined && fs.existsSync(target)) {
    content = fs.readFileSync(target);
    source = target;
  } else if (nhnName === undefined && looksLikePath(target)) {
    // A mistyped path must not become a request for an NHN certificate of that name (and a confusing 52000).
    throw new Error(`no such file: ${target} (for an NHN certificate with this name, use --nhn ${target})`);
  } else {
    const client = new NhnCertificateManagerClient(nhnClientOptionsFromEnvironment());
    content = (await client.downloadCertificateFile(target)).content;
    source = `NHN Cloud certificate "${target}"`;
  }
  const bundle = splitCertificateBundle(content, { allowEncryptedKey: true });
  const out: string[] = [`${source}:`];
  const describe = (label: string, pem: string) => {
    const c = parseCertificate(pem);
    out.push(`  ${label}: ${c.subject}`, `    issuer  ${c.issuer}`, `    valid   ${c.notBefore} → ${c.notAfter}`);
    if (c.dnsNames.length) out.push(`    SANs    ${c.dnsNames.join(", ")}`);
  };
  describe("leaf", bundle.certificatePem);
  const chain = bundle.chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n?/g) ?? [];
  for (const [i, pem] of chain.entries()) describe(`chain ${i + 1}`, pem);
  if (bundle.rootCertificatePem) describe("root", bundle.rootCertificatePem);
  for (const pem of bundle.unrelatedCertificatePems) describe("unrelated", pem);
  if (!bundle.privateKeyPem) out.push("  key: none in the file");
  else if (bundle.privateKeyEncrypted)
    out.push(`  key: ${bundle.privateKeyType}, passphrase-protected (cannot check the match)`);
  else
    out.push(
      `  key: ${bundle.privateKeyType}, matches the leaf: ${publicKeysEqual(bundle.privateKeyPem, bundle.leaf.publicKeyPem) ? "yes" : "NO"}`,
    );
  process.stdout.write(`${out.join("\n")}\n`);
}

async function download(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: "string", short: "o" }, force: { type: "boolean" } },
  });
  const name = positionals[0];
  if (!name) throw new UsageError("download needs an NHN certificate name", "download");
  if (values.out) checkTarget(values.out, values.force === true); // before the download, not after
  const client = new NhnCertificateManagerClient(nhnClientOptionsFromEnvironment());
  const file = await client.downloadCertificateFile(name);
  const server = values.out ? undefined : serverFileName(file.fileName);
  const fallback = `${name.replace(/[^\w.-]+/g, "_").replace(/^\./, "_")}.pem`;
  const out = values.out ?? (server && "name" in server ? server.name : fallback);
  if (server && "refused" in server) {
    const shown = JSON.stringify(showDisguised(file.fileName ?? ""));
    process.stderr.write(
      `the server's file name ${shown} is not used: ${server.refused}; writing ${out} (--out names another)\n`,
    );
  }
  // The file holds the private key: a new file readable by the owner only.
  writeNewFile(out, file.content, 0o600, values.force === true);
  process.stdout.write(`${out} (${file.content.length} bytes, mode 0600)\n`);
}

const KEY_SPECS: Record<string, KeySpec> = {
  rsa2048: { algorithm: "RSA", rsaBits: 2048 },
  rsa3072: { algorithm: "RSA", rsaBits: 3072 },
  rsa4096: { algorithm: "RSA", rsaBits: 4096 },
  p256: { algorithm: "ECDSA", ecdsaCurve: "P256" },
  p384: { algorithm: "ECDSA", ecdsaCurve: "P384" },
};

async function csr(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      cn: { type: "string" },
      san: { type: "string", multiple: true },
      key: { type: "string", default: "rsa2048" },
      "out-key": { type: "string", default: "key.pem" },
      "out-csr": { type: "string", default: "csr.pem" },
      force: { type: "boolean" },
    },
  });
  const force = values.force === true;
  if (!values.cn) throw new UsageError("csr needs --cn", "csr");
  const spec = KEY_SPECS[values.key as string];
  if (!spec) throw new UsageError(`--key must be one of ${Object.keys(KEY_SPECS).join(", ")}`, "csr");
  for (const target of [values["out-key"], values["out-csr"]] as string[]) checkTarget(target, force);
  const key = await generateKeyPair(spec);
  const pem = buildCsr({ privateKey: key.privateKey, commonName: values.cn, dnsNames: values.san ?? [] });
  writeNewFile(values["out-key"] as string, key.privateKeyPem, 0o600, force);
  writeNewFile(values["out-csr"] as string, pem, 0o644, force);
  process.stdout.write(
    `${values["out-csr"]} (CSR for ${[values.cn, ...(values.san ?? [])].join(", ")}), ${values["out-key"]} (key, mode 0600)\n`,
  );
}

/** Runs a command; resolves to the exit code. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "emulator" || (command === "help" && rest[0] === "emulator")) {
    // The emulator is its own bin with its own help; it keeps the process alive until interrupted.
    process.argv = [process.argv[0], process.argv[1], ...(command === "help" ? ["--help"] : rest)];
    require("../emulator/cli");
    return 0;
  }
  if (command === undefined || command === "--help" || command === "-h" || (command === "help" && !rest[0])) {
    process.stdout.write(`${overviewHelp()}\n`);
    return 0;
  }
  if (command === "help") {
    if (!COMMAND_HELP[rest[0]]) throw new UsageError(`unknown command "${rest[0]}"`);
    process.stdout.write(`${commandHelp(rest[0])}\n`);
    return 0;
  }
  if (!COMMAND_HELP[command]) throw new UsageError(`unknown command "${command}"`);
  // Help wins over everything else on the line, even options the command does not know.
  if (wantsHelp(rest)) {
    process.stdout.write(`${commandHelp(command)}\n`);
    return 0;
  }
  try {
    switch (command) {
      case "status":
        return await status(rest);
      case "inspect":
        await inspect(rest);
        return 0;
      case "download":
        await download(rest);
        return 0;
      default:
        await csr(rest);
        return 0;
    }
  } catch (err) {
    if (String((err as { code?: string }).code).startsWith("ERR_PARSE_ARGS"))
      throw new UsageError((err as Error).message, command);
    throw err;
  }
}

main(process.argv.slice(2))
  .then(async (code) => {
    await closeSharedAgents();
    // exitCode, not exit(): the emulator (started by `emulator`) must keep running until interrupted.
    process.exitCode = code;
  })
  .catch(async (err) => {
    await closeSharedAgents();
    if (err instanceof UsageError) {
      const usage = err.command ? `usage: certmanager-kr ${COMMAND_HELP[err.command].usage}` : overviewHelp();
      process.stderr.write(`certmanager-kr: ${err.message}\n${usage}\n`);
    } else process.stderr.write(`certmanager-kr: ${(err as Error).message}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  });

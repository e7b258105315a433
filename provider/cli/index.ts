#!/usr/bin/env node
/**
 * `certmanager-kr`: the package's companion command line, for operators and for people without the Pulumi CLI.
 *
 *   status [--json]                      every certificate in both clouds, with status and days until expiry
 *   inspect <file | nhn-name>            decode a PEM bundle: subjects, SANs, chain order, key match
 *   download <nhn-name> [--out FILE]     an NHN certificate file, written as a new file with mode 0600
 *   csr --cn NAME [--san NAME]... [--key rsa2048|rsa3072|rsa4096|p256|p384] [--out-key F] [--out-csr F]
 *   (both refuse to overwrite a file without --force, and never write through a symbolic link)
 *   emulator [--port N] [--state FILE] [--auto-issue-after-ms MS]
 *
 * Credentials come from the same environment variables as the Pulumi side (NCLOUD_*, NHNCLOUD_*).
 */
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { buildCsr } from "../crypto/csr";
import { generateKeyPair, type KeySpec, publicKeysEqual } from "../crypto/keys";
import { splitCertificateBundle } from "../crypto/pemBundle";
import { parseCertificate } from "../crypto/x509";
import { NcloudCertificateManagerClient } from "../ncloud/api/certificateManager";
import { NCLOUD_ENV_VARS } from "../ncloud/api/settings";
import { NhnCertificateManagerClient } from "../nhncloud/client";
import { daysUntil } from "../nhncloud/getCertificates";
import { nhnClientOptions } from "../nhncloud/settings";
import { closeSharedAgents } from "../shared/http";
import { checkTarget, safeBaseName, writeNewFile } from "./files";

const USAGE = `usage: certmanager-kr <command>
  status [--json]                        every certificate in NCP and NHN Cloud, with days until expiry
  inspect <file | nhn-certificate-name>  decode a PEM bundle: subjects, SANs, chain order, key match
  download <nhn-certificate-name> [--out FILE] [--force]
  csr --cn NAME [--san NAME]... [--key rsa2048|rsa3072|rsa4096|p256|p384] [--out-key FILE] [--out-csr FILE] [--force]
  emulator [--port N] [--state FILE] [--auto-issue-after-ms MS]`;

class UsageError extends Error {}

interface Row {
  cloud: "ncp" | "nhn";
  name: string;
  domains: string[];
  status: string;
  expires?: string;
  daysLeft?: number;
}

const color = (code: number, text: string) =>
  process.stdout.isTTY && !process.env.NO_COLOR ? `\u001b[${code}m${text}\u001b[0m` : text;
const progress = (text: string) => {
  if (process.stderr.isTTY) process.stderr.write(`\r${text}\u001b[K`);
};

async function status(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean" } } });
  const rows: Row[] = [];
  const notes: string[] = [];
  const now = Date.now();

  const env = process.env;
  if (env[NCLOUD_ENV_VARS.accessKey] && env[NCLOUD_ENV_VARS.secretKey]) {
    const ncp = new NcloudCertificateManagerClient({
      credentials: {
        accessKey: env[NCLOUD_ENV_VARS.accessKey] as string,
        secretKey: env[NCLOUD_ENV_VARS.secretKey] as string,
      },
      endpoint: env[NCLOUD_ENV_VARS.endpoint] || undefined,
    });
    for (let page = 1; ; page++) {
      progress(`NCP: page ${page}`);
      const res = await ncp.listCertificates({ page, pageSize: 100 });
      for (const c of res.certificates) {
        const expires = c.notAfter?.slice(0, 10);
        rows.push({
          cloud: "ncp",
          name: c.certificateName,
          domains: [c.commonName ?? "", ...c.dnsNames].filter(Boolean),
          status: c.statusName ?? c.statusCode,
          expires,
          daysLeft: daysUntil(expires, now),
        });
      }
      if (res.certificates.length < 100 || page * 100 >= res.totalCount) break;
    }
  } else notes.push(`NCP skipped: set ${NCLOUD_ENV_VARS.accessKey} and ${NCLOUD_ENV_VARS.secretKey}`);

  let nhnOptions: ReturnType<typeof nhnClientOptions> | undefined;
  try {
    nhnOptions = nhnClientOptions(undefined);
  } catch (err) {
    notes.push(`NHN Cloud skipped: ${(err as Error).message}`);
  }
  if (nhnOptions) {
    progress("NHN Cloud: listing");
    const nhn = new NhnCertificateManagerClient(nhnOptions);
    const list = await nhn.listAllCertificates({ status: "ALL" });
    for (const c of list.data) {
      const daysLeft = daysUntil(c.expirationDate, now);
      rows.push({
        cloud: "nhn",
        name: c.certificateName,
        domains: c.domains,
        status:
          c.expirationDate === undefined ? "NO FILE" : daysLeft !== undefined && daysLeft < 0 ? "EXPIRED" : "VALID",
        expires: c.expirationDate,
        daysLeft,
      });
    }
  }
  progress("");
  if (process.stderr.isTTY) process.stderr.write("\r");

  rows.sort((a, b) => (a.daysLeft ?? Number.MAX_SAFE_INTEGER) - (b.daysLeft ?? Number.MAX_SAFE_INTEGER));
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ certificates: rows, notes }, null, 2)}\n`);
    return;
  }
  const header = ["CLOUD", "NAME", "STATUS", "EXPIRES", "DAYS", "DOMAINS"];
  const cells = rows.map((r) => [
    r.cloud,
    r.name,
    r.status,
    r.expires ?? "-",
    r.daysLeft === undefined ? "-" : String(r.daysLeft),
    r.domains.join(","),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]))).join("  ");
  process.stdout.write(`${line(header)}\n`);
  rows.forEach((r, i) => {
    const text = line(cells[i]);
    const days = r.daysLeft;
    process.stdout.write(
      `${days === undefined ? text : days < 7 ? color(31, text) : days < 30 ? color(33, text) : color(32, text)}\n`,
    );
  });
  for (const n of notes) process.stderr.write(`${n}\n`);
}

async function inspect(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  const target = positionals[0];
  if (!target) throw new UsageError("inspect needs a file or an NHN certificate name");
  let content: Buffer;
  let source: string;
  if (fs.existsSync(target)) {
    content = fs.readFileSync(target);
    source = target;
  } else {
    const client = new NhnCertificateManagerClient(nhnClientOptions(undefined));
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
  if (!name) throw new UsageError("download needs an NHN certificate name");
  if (values.out) checkTarget(values.out, values.force === true); // before the download, not after
  const client = new NhnCertificateManagerClient(nhnClientOptions(undefined));
  const file = await client.downloadCertificateFile(name);
  const out = values.out ?? safeBaseName(file.fileName) ?? `${name.replace(/[^\w.-]+/g, "_")}.pem`;
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
  if (!values.cn) throw new UsageError("csr needs --cn");
  const spec = KEY_SPECS[values.key as string];
  if (!spec) throw new UsageError(`--key must be one of ${Object.keys(KEY_SPECS).join(", ")}`);
  for (const target of [values["out-key"], values["out-csr"]] as string[]) checkTarget(target, force);
  const key = await generateKeyPair(spec);
  const pem = buildCsr({ privateKey: key.privateKey, commonName: values.cn, dnsNames: values.san ?? [] });
  writeNewFile(values["out-key"] as string, key.privateKeyPem, 0o600, force);
  writeNewFile(values["out-csr"] as string, pem, 0o644, force);
  process.stdout.write(
    `${values["out-csr"]} (CSR for ${[values.cn, ...(values.san ?? [])].join(", ")}), ${values["out-key"]} (key, mode 0600)\n`,
  );
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case "status":
      return status(rest);
    case "inspect":
      return inspect(rest);
    case "download":
      return download(rest);
    case "csr":
      return csr(rest);
    case "emulator":
      process.argv = [process.argv[0], process.argv[1], ...rest];
      require("../emulator/cli");
      return;
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2))
  .then(async () => {
    if (process.argv[2] !== "emulator") await closeSharedAgents();
  })
  .catch(async (err) => {
    await closeSharedAgents();
    if (String((err as { code?: string }).code).startsWith("ERR_PARSE_ARGS"))
      err = new UsageError((err as Error).message);
    if (err instanceof UsageError) process.stderr.write(`certmanager-kr: ${err.message}\n${USAGE}\n`);
    else process.stderr.write(`certmanager-kr: ${(err as Error).message}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  });

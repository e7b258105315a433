/**
 * `certmanager-kr status`: every certificate of both clouds in one table. Each cloud is read on its own, so one
 * that fails (a wrong key, an unreachable endpoint) still leaves the other's rows on screen; the exit code says
 * whether everything that should have been checked was.
 */
import { parseArgs } from "node:util";
import { NcloudCertificateManagerClient } from "../ncloud/api/certificateManager";
import { NCLOUD_ENV_VARS } from "../ncloud/api/settings";
import { NhnCertificateManagerClient } from "../nhncloud/client";
import { daysUntil } from "../nhncloud/days";
import { NHN_ENV_VARS, nhnClientOptionsFromEnvironment } from "../nhncloud/settings";
import { displayWidth, padEndDisplay } from "./width";

interface Row {
  cloud: "ncp" | "nhn";
  name: string;
  domains: string[];
  status: string;
  expires?: string;
  daysLeft?: number;
}

type Cloud = Row["cloud"];
const TITLES: Record<Cloud, string> = { ncp: "NCP", nhn: "NHN Cloud" };

const color = (code: number, text: string) =>
  process.stdout.isTTY && !process.env.NO_COLOR ? `\u001b[${code}m${text}\u001b[0m` : text;
const progress = (text: string) => {
  if (process.stderr.isTTY) process.stderr.write(`\r${text}\u001b[K`);
};

/** Runs the command; resolves to the exit code (1 when nothing was checked or a cloud failed). */
export async function status(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean" } } });
  const rows: Row[] = [];
  const notes: string[] = [];
  const errors: { cloud: Cloud; message: string }[] = [];
  const now = Date.now();
  const env = process.env;
  let checked = 0;

  const readers: [Cloud, (() => Promise<Row[]>) | string][] = [
    [
      "ncp",
      env[NCLOUD_ENV_VARS.accessKey] && env[NCLOUD_ENV_VARS.secretKey]
        ? () => ncpRows(now)
        : `set ${[NCLOUD_ENV_VARS.accessKey, NCLOUD_ENV_VARS.secretKey].filter((v) => !env[v]).join(" and ")}`,
    ],
    ["nhn", env[NHN_ENV_VARS.appKey] ? () => nhnRows(now) : `set ${NHN_ENV_VARS.appKey}`],
  ];
  for (const [cloud, read] of readers) {
    if (typeof read === "string") {
      notes.push(`${TITLES[cloud]} skipped: ${read}`);
      continue;
    }
    checked++;
    try {
      rows.push(...(await read()));
    } catch (err) {
      errors.push({ cloud, message: (err as Error).message });
    }
  }
  progress("");
  if (process.stderr.isTTY) process.stderr.write("\r");

  rows.sort((a, b) => (a.daysLeft ?? Number.MAX_SAFE_INTEGER) - (b.daysLeft ?? Number.MAX_SAFE_INTEGER));
  if (values.json) process.stdout.write(`${JSON.stringify({ certificates: rows, notes, errors }, null, 2)}\n`);
  else if (checked > 0) printTable(rows);
  for (const n of notes) process.stderr.write(`${n}\n`);
  for (const e of errors) process.stderr.write(`${TITLES[e.cloud]} failed: ${e.message}\n`);
  if (checked === 0) {
    process.stderr.write(
      "certmanager-kr status: nothing was checked, since no cloud has credentials in the environment " +
        "(certmanager-kr status --help lists the variables)\n",
    );
  }
  return checked === 0 || errors.length > 0 ? 1 : 0;
}

async function ncpRows(now: number): Promise<Row[]> {
  const env = process.env;
  const ncp = new NcloudCertificateManagerClient({
    credentials: {
      accessKey: env[NCLOUD_ENV_VARS.accessKey] as string,
      secretKey: env[NCLOUD_ENV_VARS.secretKey] as string,
    },
    endpoint: env[NCLOUD_ENV_VARS.endpoint] || undefined,
  });
  const rows: Row[] = [];
  let page = 0;
  for await (const res of ncp.pages("certificates", {})) {
    progress(`NCP: page ${++page}`);
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
  }
  return rows;
}

async function nhnRows(now: number): Promise<Row[]> {
  const nhn = new NhnCertificateManagerClient(nhnClientOptionsFromEnvironment());
  progress("NHN Cloud: listing");
  const list = await nhn.listAllCertificates({ status: "ALL" });
  return list.data.map((c) => {
    const daysLeft = daysUntil(c.expirationDate, now);
    return {
      cloud: "nhn",
      name: c.certificateName,
      domains: c.domains,
      status: c.expirationDate === undefined ? "NO FILE" : daysLeft !== undefined && daysLeft < 0 ? "EXPIRED" : "VALID",
      expires: c.expirationDate,
      daysLeft,
    };
  });
}

/** One line per certificate, columns padded by terminal width (Korean names take two columns a letter). */
function printTable(rows: Row[]): void {
  const header = ["CLOUD", "NAME", "STATUS", "EXPIRES", "DAYS", "DOMAINS"];
  const cells = rows.map((r) => [
    r.cloud,
    r.name,
    r.status,
    r.expires ?? "-",
    r.daysLeft === undefined ? "-" : String(r.daysLeft),
    r.domains.join(","),
  ]);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...cells.map((c) => displayWidth(c[i]))));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : padEndDisplay(v, widths[i]))).join("  ");
  process.stdout.write(`${line(header)}\n`);
  rows.forEach((r, i) => {
    const text = line(cells[i]);
    const days = r.daysLeft;
    process.stdout.write(
      `${days === undefined ? text : days < 7 ? color(31, text) : days < 30 ? color(33, text) : color(32, text)}\n`,
    );
  });
}

/**
 * Certificates in the NHN world: the fixed sample set of the default appkey (real PEM files covering the shapes
 * §7 of the API notes lists), fast synthetic seeding (metadata now, file on first download), and control uploads.
 */
import * as crypto from "node:crypto";
import { domainToASCII } from "node:url";
import type { IssuerMaterial } from "../../crypto/x509";
import type { NhnAddCertificateInput } from "../control";
import type { StateStore, WorldState } from "../store";
import { deterministicEcKey, deterministicSerial, ensureIssuers, issueLeaf, pooledKeys } from "./issuers";
import { factsFromFile } from "./pemFacts";
import {
  DEFAULT_NHN_APPKEY,
  endOfKstDay,
  kstDate,
  type NhnCertificateRecord,
  nhnWorld,
  peekNhnWorld,
  startOfKstDay,
} from "./world";

const DAY_MS = 86_400_000;
/** The passphrase of the encrypted keys in the fixed set (stored beside the file, as the console does). */
export const FIXED_SET_PASSPHRASE = "emulator-passphrase";

/** Names as the console allows them (§2): Latin and Korean letters, digits, `-`, `_`, `.`, `*`. */
export const CERTIFICATE_NAME_RULE = /^[A-Za-z0-9\uAC00-\uD7A3\u3131-\u318E._*-]+$/;

const seconds = (ms: number) => Math.floor(ms / 1000) * 1000;

// ---------------------------------------------------------------------------------------------------------------
// PEM text helpers

function keyPem(key: crypto.KeyObject, type: "pkcs1" | "pkcs8" | "sec1"): string {
  return key.export({ type, format: "pem" } as crypto.KeyExportOptions<"pem">) as string;
}

function encryptedKeyPem(key: crypto.KeyObject, type: "pkcs1" | "pkcs8", cipher: string): string {
  return key.export({ type, format: "pem", cipher, passphrase: FIXED_SET_PASSPHRASE }) as string;
}

function join(parts: string[], eol = "\n"): string {
  const text = parts.map((p) => (p.endsWith("\n") ? p : `${p}\n`)).join("");
  return eol === "\n" ? text : text.replace(/\r?\n/g, eol);
}

/** `O = x, CN = y`, as OpenSSL 3.0 prints names in `subject=` / `issuer=` lines. */
function opensslName(x509Name: string): string {
  return x509Name
    .split("\n")
    .map((line) => line.replace("=", " = "))
    .join(", ");
}

function hexPairs(buf: Buffer): string {
  return (buf.toString("hex").toUpperCase().match(/../g) ?? []).join(" ");
}

/** What `openssl pkcs12 -in store.p12 -nodes` writes: certificates with Bag Attributes, then the key. */
function pkcs12Dump(leafPem: string, chain: string[], key: string, friendlyName: string): string {
  const leaf = new crypto.X509Certificate(leafPem);
  const localKeyId = hexPairs(crypto.createHash("sha1").update(leaf.raw).digest());
  const described = (pem: string, attributes: string) => {
    const cert = new crypto.X509Certificate(pem);
    return `${attributes}\nsubject=${opensslName(cert.subject)}\nissuer=${opensslName(cert.issuer)}\n${pem}`;
  };
  return join([
    described(leafPem, `Bag Attributes\n    friendlyName: ${friendlyName}\n    localKeyID: ${localKeyId}`),
    ...chain.map((pem) => described(pem, "Bag Attributes: <No Attributes>")),
    `Bag Attributes\n    friendlyName: ${friendlyName}\n    localKeyID: ${localKeyId}\nKey Attributes: <No Attributes>`,
    key,
  ]);
}

/** Bag Attributes stanzas, as a Windows certificate store export repeats them, until the text passes `bytes`. */
function bagAttributePadding(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 1; size < bytes; i++) {
    const id = hexPairs(crypto.createHash("sha1").update(`pad-${i}`).digest());
    const stanza =
      `Bag Attributes\n    friendlyName: imported-ca-${String(i).padStart(5, "0")}\n    localKeyID: ${id}\n` +
      "    1.3.6.1.4.1.311.17.1: Microsoft Enhanced RSA and AES Cryptographic Provider\n";
    lines.push(stanza);
    size += stanza.length;
  }
  return lines.join("");
}

// ---------------------------------------------------------------------------------------------------------------
// Records

function recordFromFile(
  id: number,
  name: string,
  fileName: string,
  file: string | Buffer,
  now: number,
  extra: Partial<NhnCertificateRecord> = {},
): NhnCertificateRecord {
  const bytes = Buffer.isBuffer(file) ? file : Buffer.from(file, "utf8");
  const facts = factsFromFile(bytes);
  return {
    certificateId: id,
    certificateName: name,
    authority: facts?.authority ?? null,
    domains: facts?.domains ?? [],
    signatureAlgorithm: facts?.signatureAlgorithm ?? null,
    fileCreationDate: facts?.fileCreationDate ?? null,
    expirationDate: facts?.expirationDate ?? null,
    notBeforeMs: facts?.notBeforeMs,
    notAfterMs: facts?.notAfterMs,
    fileCount: 1,
    fileName,
    file: bytes.toString("base64"),
    registeredAtMs: now,
    ...extra,
  };
}

/** Generates the fixed set once per world, on first use of the NHN certificates (not at emulator start). */
export async function ensureFixedSet(store: StateStore): Promise<void> {
  if (await store.read((w) => peekNhnWorld(w)?.fixedSetAtMs !== undefined)) return;
  await store.update(async (w) => {
    if (nhnWorld(w).fixedSetAtMs !== undefined) return;
    await addFixedSet(w, store.now());
  });
}

async function addFixedSet(world: WorldState, nowMs: number): Promise<void> {
  const slice = nhnWorld(world);
  const issuers = await ensureIssuers(world);
  const keys = await pooledKeys();
  const now = seconds(nowMs);
  const root = issuers.root.certificatePem;
  const rsaInt = issuers.rsa.certificatePem;
  const ecInt = issuers.ec.certificatePem;
  const leaf = (key: crypto.KeyObject, domains: string[], issuer: IssuerMaterial, fromDays: number, toDays: number) =>
    issueLeaf({
      key,
      domains,
      issuer,
      notBefore: new Date(now + fromDays * DAY_MS),
      notAfter: new Date(now + toDays * DAY_MS),
    });
  const [rsaA, rsaB, rsaC, rsaD, rsaE] = keys.rsa;
  const ec = keys.ec;
  const koreanDomain = domainToASCII("예시.한국");

  const www = leaf(rsaA, ["www.example.com", "example.com"], issuers.rsa, -30, 335);
  const api = leaf(rsaB, ["api.example.com"], issuers.ec, -60, 305);
  const shop = leaf(ec[0], ["shop.example.co.kr", "www.shop.example.co.kr"], issuers.rsa, -10, 355);
  const ecLeaf = leaf(ec[1], ["ec.example.com"], issuers.ec, -5, 85);
  const secure = leaf(rsaC, ["secure.example.com"], issuers.rsa, -100, 265);
  const legacy = leaf(rsaD, ["legacy.example.net"], issuers.rsa, -200, 165);
  const p12 = leaf(rsaE, ["pkcs12-export.example.com"], issuers.rsa, -20, 345);
  // Wildcard and renewed certificates often keep their key; this one reuses the www key.
  const wildcard = leaf(rsaA, ["*.example.com", "example.com"], issuers.rsa, -45, 320);
  const korean = leaf(ec[2], [koreanDomain, `www.${koreanDomain}`], issuers.ec, -15, 350);
  const expired = leaf(ec[3], ["old.example.com"], issuers.rsa, -425, -30);
  const soon = leaf(ec[4], ["soon.example.com"], issuers.ec, -80, 10);
  const multi = leaf(
    ec[5],
    ["a.example.com", "b.example.net", "c.example.org", "www.example.org"],
    issuers.rsa,
    -3,
    362,
  );
  const dup = leaf(ec[6], ["dup-files.example.com"], issuers.ec, -7, 358);
  const big = leaf(ec[7], ["big-bundle.example.com"], issuers.rsa, -12, 353);

  const entries: [string, string, string | Buffer | null, string, Partial<NhnCertificateRecord>?][] = [
    [
      "www.example.com",
      "www.example.com.pem",
      join([www, rsaInt, keyPem(rsaA, "pkcs1")]),
      "documented shape: leaf + RSA intermediate + RSA PRIVATE KEY (PKCS#1)",
    ],
    [
      "api.example.com",
      "api_example_com_fullchain.pem",
      join([api, ecInt, root, keyPem(rsaB, "pkcs8")]),
      "PRIVATE KEY (PKCS#8), root included; RSA key under the P-256 intermediate (SHA256withECDSA)",
    ],
    [
      "shop.example.co.kr",
      "shop.example.co.kr.pem",
      join([keyPem(ec[0], "pkcs8"), root, shop, rsaInt]),
      "blocks out of order: key, root, leaf, intermediate",
    ],
    ["ec.example.com", "ec.example.com.pem", join([ecLeaf, ecInt, keyPem(ec[1], "sec1")]), "EC P-256 key (SEC1)"],
    [
      "secure.example.com",
      "secure.example.com.pem",
      join([secure, rsaInt, encryptedKeyPem(rsaC, "pkcs8", "aes-256-cbc")]),
      `ENCRYPTED PRIVATE KEY (PKCS#8, AES-256-CBC, passphrase "${FIXED_SET_PASSPHRASE}")`,
      { passphrase: FIXED_SET_PASSPHRASE },
    ],
    [
      "legacy.example.net",
      "legacy.example.net.pem",
      join([legacy, rsaInt, encryptedKeyPem(rsaD, "pkcs1", "aes-128-cbc")]),
      `legacy encrypted PKCS#1 (Proc-Type: 4,ENCRYPTED + DEK-Info, passphrase "${FIXED_SET_PASSPHRASE}")`,
      { passphrase: FIXED_SET_PASSPHRASE },
    ],
    [
      "pkcs12-export.example.com",
      "pkcs12-export.example.com.pem",
      join([pkcs12Dump(p12, [rsaInt, root], keyPem(rsaE, "pkcs8"), "pkcs12-export.example.com")], "\r\n"),
      "openssl pkcs12 -nodes output: Bag Attributes, localKeyID, subject=/issuer= lines, CRLF line endings",
    ],
    [
      "*.example.com",
      "STAR_example_com.pem",
      join([wildcard, rsaInt, keyPem(rsaA, "pkcs1")]),
      "wildcard name: `*` or %2A in the path",
    ],
    [
      "예시-인증서",
      "예시-인증서.pem",
      join([korean, ecInt, keyPem(ec[2], "pkcs8")]),
      "Korean name and file name (UTF-8 percent-encoding, RFC 5987 filename*), IDN domains",
    ],
    [
      "old.example.com",
      "old.example.com.pem",
      join([expired, rsaInt, keyPem(ec[3], "pkcs8")]),
      "expired 30 days ago: listed under EXPIRED, download answers 52005",
    ],
    [
      "soon.example.com",
      "soon.example.com.pem",
      join([soon, ecInt, keyPem(ec[4], "sec1")]),
      "expires in 10 days (inside NHN's 30-day warning window)",
    ],
    [
      "multi_san_cert",
      "multi-san.pem",
      join([multi, rsaInt, keyPem(ec[5], "pkcs8")]),
      "name unlike the CN (allowed since v1.2), four SANs over three domains",
    ],
    ["no-file.example.com", "", null, "legacy entry without a file: download answers 52001"],
    [
      "dup-files.example.com",
      "dup-files.example.com.pem",
      join([dup, ecInt, keyPem(ec[6], "pkcs8")]),
      "legacy entry with two files: download answers 52002 (metadata from the later-expiring one)",
      { fileCount: 2 },
    ],
    [
      "big-bundle.example.com",
      "big-bundle.example.com.pem",
      join([big, rsaInt, root, bagAttributePadding(540_000), keyPem(ec[7], "pkcs8")]),
      "file over 512 KB: download answers 52008",
    ],
  ];

  slice.appKeys[DEFAULT_NHN_APPKEY] ??= { certificates: [] };
  const certificates = slice.appKeys[DEFAULT_NHN_APPKEY].certificates;
  const taken = new Set(certificates.map((c) => c.certificateName));
  const fixed: NhnCertificateRecord[] = [];
  for (const [name, fileName, file, note, extra] of entries) {
    if (taken.has(name)) continue;
    const id = slice.nextCertificateId++;
    if (file === null) {
      // Emulator choice (undocumented): a file-less legacy entry lists with null file-derived fields.
      fixed.push({
        certificateId: id,
        certificateName: name,
        authority: null,
        domains: [],
        signatureAlgorithm: null,
        fileCreationDate: null,
        expirationDate: null,
        fileCount: 0,
        note,
        registeredAtMs: now,
      });
    } else {
      fixed.push(recordFromFile(id, name, fileName, file, now, { note, ...extra }));
    }
  }
  certificates.unshift(...fixed);
  slice.fixedSetAtMs = nowMs;
}

// ---------------------------------------------------------------------------------------------------------------
// Synthetic seeding

const SUBS = ["api", "www", "shop", "pay", "auth", "cdn", "img", "static", "admin", "mail", "m", "dev", "stage", "gw"];
const MORE_SUBS = ["login", "partner", "open", "data", "chat", "search", "event", "help", "app", "store"];
const ORGS = ["acme", "hanbit", "nuri", "saebyeok", "gaon", "dasol", "haneul", "bora", "mirae", "solbit", "byeol"];
const TLDS = ["com", "co.kr", "kr", "net", "io", "org", "or.kr", "shop"];
const KO_WORDS = ["결제", "회원", "쇼핑몰", "고객센터", "관리자", "예약", "배송", "인증", "메일", "게임", "뉴스"];
const KO_ENVS = ["운영", "개발", "검증"];
const TEAMS = ["billing", "platform", "growth", "search", "infra", "mobile", "partner", "ads"];
const ENVS = ["prod", "stage", "dev", "qa"];
// Public-CA-like lifetimes; 730 days stands for certificates issued before the 398-day rule.
const VALIDITY_DAYS = [90, 90, 365, 397, 397, 730];

/** mulberry32: a tiny deterministic PRNG, so one seed string always gives the same entry. */
function prng(seed: string): () => number {
  let a = crypto.createHash("sha256").update(seed).digest().readUInt32BE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)];
}

function subjectOrganization(pem: string): string {
  const lines = new crypto.X509Certificate(pem).subject.split("\n");
  const get = (a: string) => lines.find((l) => l.startsWith(`${a}=`))?.slice(a.length + 1);
  return get("O") ?? get("CN") ?? "unknown";
}

function defaultFileName(name: string, rnd?: () => number): string {
  if (name.startsWith("*.")) return `STAR_${name.slice(2).replace(/[.-]/g, "_")}.pem`;
  const base = name.replace(/\*/g, "STAR");
  return rnd ? `${base}${pick(rnd, [".pem", ".pem", "_fullchain.pem", "-bundle.pem"])}` : `${base}.pem`;
}

function syntheticEntry(appKey: string, id: number, nowMs: number, authorities: { rsa: string; ec: string }) {
  const rnd = prng(`${appKey}/${id}`);
  const n = String(id).padStart(5, "0");
  const org = pick(rnd, ORGS);
  const base = `${org}-${n}.${pick(rnd, TLDS)}`;
  const sub = pick(rnd, SUBS);
  const other = pick(rnd, MORE_SUBS);
  const style = rnd();
  let name: string;
  let domains: string[];
  if (style < 0.4) {
    name = `${sub}.${base}`;
    domains = rnd() < 0.5 ? [name] : [name, `${other}.${base}`];
  } else if (style < 0.55) {
    name = `*.${base}`;
    domains = [name, base];
  } else if (style < 0.7) {
    const word = pick(rnd, KO_WORDS);
    name = `${word}-${pick(rnd, KO_ENVS)}-${n}`;
    domains = rnd() < 0.5 ? [domainToASCII(`${word}${n}.한국`)] : [`${sub}.${base}`, `${other}.${base}`];
  } else if (style < 0.85) {
    name = `${pick(rnd, TEAMS)}_${pick(rnd, ENVS)}_${n}`;
    domains = [`${sub}.${base}`];
  } else {
    name = `${org}-san-${n}`;
    const count = 3 + Math.floor(rnd() * 4);
    domains = [base, ...[...SUBS, ...MORE_SUBS].filter(() => rnd() < 0.2).map((s) => `${s}.${base}`)].slice(0, count);
  }
  const validity = pick(rnd, VALIDITY_DAYS);
  // Spread over 1.2 lifetimes, so about a sixth of the entries have already expired.
  const notBeforeMs = seconds(nowMs - Math.floor(rnd() * validity * 1.2 * DAY_MS));
  const notAfterMs = notBeforeMs + validity * DAY_MS;
  const rsa = rnd() < 0.7;
  return {
    name,
    record: {
      certificateId: id,
      certificateName: name,
      authority: rsa ? authorities.rsa : authorities.ec,
      domains: [...new Set(domains)],
      signatureAlgorithm: rsa ? "SHA256withRSA" : "SHA256withECDSA",
      fileCreationDate: kstDate(notBeforeMs),
      expirationDate: kstDate(notAfterMs),
      notBeforeMs,
      notAfterMs,
      fileCount: 1,
      fileName: defaultFileName(name, rnd),
      lazyFile: true,
      registeredAtMs: nowMs,
    } satisfies NhnCertificateRecord,
  };
}

export interface SeedResult {
  appKey: string;
  added: number;
  totalCount: number;
  firstCertificateId: number;
  lastCertificateId: number;
}

/** Adds `count` metadata-only entries; their files are built on first download (see buildLazyFile). */
export async function seedSynthetic(
  world: WorldState,
  appKey: string,
  count: number,
  now: number,
): Promise<SeedResult> {
  const slice = nhnWorld(world);
  const issuers = await ensureIssuers(world);
  const authorities = {
    rsa: subjectOrganization(issuers.rsa.certificatePem),
    ec: subjectOrganization(issuers.ec.certificatePem),
  };
  const certificates = slice.appKeys[appKey].certificates;
  const taken = new Set(certificates.map((c) => c.certificateName));
  const first = slice.nextCertificateId;
  for (let i = 0; i < count; i++) {
    const id = slice.nextCertificateId++;
    const { name, record } = syntheticEntry(appKey, id, now, authorities);
    // Names carry the id, so a clash is only possible with a name added by hand.
    if (taken.has(name)) record.certificateName = `${name}-${id}`;
    taken.add(record.certificateName);
    certificates.push(record);
  }
  return {
    appKey,
    added: count,
    totalCount: certificates.length,
    firstCertificateId: first,
    lastCertificateId: slice.nextCertificateId - 1,
  };
}

/**
 * Builds a seeded entry's file from its metadata (key, serial and layout all derive from appkey, id and name) and
 * stores it, so later downloads return the same bytes.
 */
export async function buildLazyFile(world: WorldState, appKey: string, record: NhnCertificateRecord): Promise<void> {
  const issuers = await ensureIssuers(world);
  const seed = `${appKey}/${record.certificateId}/${record.certificateName}`;
  const key = deterministicEcKey(seed);
  const issuer = record.signatureAlgorithm === "SHA256withRSA" ? issuers.rsa : issuers.ec;
  const leafPem = issueLeaf({
    key,
    domains: record.domains,
    issuer,
    notBefore: new Date(record.notBeforeMs ?? 0),
    notAfter: new Date(record.notAfterMs ?? 0),
    serialNumber: deterministicSerial(seed),
  });
  const rnd = prng(`layout:${seed}`);
  const chain = [issuer.certificatePem, ...(rnd() < 0.3 ? [issuers.root.certificatePem] : [])];
  const keyText = keyPem(key, rnd() < 0.7 ? "pkcs8" : "sec1");
  const blocks = rnd() < 0.15 ? [keyText, leafPem, ...chain] : [leafPem, ...chain, keyText];
  record.file = Buffer.from(join(blocks, rnd() < 0.2 ? "\r\n" : "\n"), "utf8").toString("base64");
  delete record.lazyFile;
}

// ---------------------------------------------------------------------------------------------------------------
// Control uploads

/** Validates a control upload; returns an error message or the cleaned input. */
export function checkAddCertificate(body: Record<string, unknown>): string | NhnAddCertificateInput {
  const name = body.certificateName;
  if (typeof name !== "string" || !CERTIFICATE_NAME_RULE.test(name)) {
    return "certificateName must use only Latin or Korean letters, digits, '-', '_', '.', '*'";
  }
  if (body.content !== undefined && typeof body.content !== "string") return "content must be a string";
  if (body.contentBase64 !== undefined && typeof body.contentBase64 !== "string") {
    return "contentBase64 must be a string";
  }
  if (body.content !== undefined && body.contentBase64 !== undefined) return "give content or contentBase64, not both";
  if (body.fileCount !== undefined && ![0, 1, 2].includes(body.fileCount as number))
    return "fileCount must be 0, 1 or 2";
  if (body.domains !== undefined && (!Array.isArray(body.domains) || body.domains.some((d) => typeof d !== "string"))) {
    return "domains must be a list of strings";
  }
  for (const field of ["fileCreationDate", "expirationDate"]) {
    const v = body[field];
    if (v !== undefined && v !== null && (typeof v !== "string" || endOfKstDay(v) === undefined)) {
      return `${field} must be YYYY-MM-DD`;
    }
  }
  for (const field of ["appKey", "fileName", "authority", "signatureAlgorithm", "passphrase"]) {
    const v = body[field];
    if (v !== undefined && v !== null && typeof v !== "string") return `${field} must be a string`;
  }
  return body as unknown as NhnAddCertificateInput;
}

/** Adds a certificate, or replaces the file and metadata of the one with that name (keeping its id). */
export function upsertCertificate(
  world: WorldState,
  appKey: string,
  input: NhnAddCertificateInput,
  now: number,
): NhnCertificateRecord {
  const slice = nhnWorld(world);
  const certificates = slice.appKeys[appKey].certificates;
  const existing = certificates.findIndex((c) => c.certificateName === input.certificateName);
  const id = existing >= 0 ? certificates[existing].certificateId : slice.nextCertificateId++;
  const content =
    input.contentBase64 !== undefined
      ? Buffer.from(input.contentBase64, "base64")
      : input.content !== undefined
        ? Buffer.from(input.content, "utf8")
        : undefined;
  const fileName = input.fileName ?? defaultFileName(input.certificateName);
  const record: NhnCertificateRecord = content
    ? recordFromFile(id, input.certificateName, fileName, content, now)
    : {
        certificateId: id,
        certificateName: input.certificateName,
        authority: null,
        domains: [],
        signatureAlgorithm: null,
        fileCreationDate: null,
        expirationDate: null,
        fileCount: 0,
        registeredAtMs: now,
      };
  if (input.fileCount !== undefined) record.fileCount = input.fileCount;
  if (input.domains !== undefined) record.domains = [...input.domains];
  if (input.authority !== undefined) record.authority = input.authority;
  if (input.signatureAlgorithm !== undefined) record.signatureAlgorithm = input.signatureAlgorithm;
  if (input.passphrase !== undefined) record.passphrase = input.passphrase;
  // Explicit dates win over the file's; the EXPIRED filter then uses the end of that KST day.
  if (input.fileCreationDate !== undefined) {
    record.fileCreationDate = input.fileCreationDate;
    record.notBeforeMs = input.fileCreationDate === null ? undefined : startOfKstDay(input.fileCreationDate);
  }
  if (input.expirationDate !== undefined) {
    record.expirationDate = input.expirationDate;
    record.notAfterMs = input.expirationDate === null ? undefined : endOfKstDay(input.expirationDate);
  }
  if (existing >= 0) certificates[existing] = record;
  else certificates.push(record);
  return record;
}

/** Fast synthetic seeding of an NHN inventory: metadata now, the file built on first download. */
import * as crypto from "node:crypto";
import { domainToASCII } from "node:url";
import type { WorldState } from "../store";
import { DAY_MS, defaultFileName, join, keyPem, pick, seconds } from "./fileShapes";
import { deterministicEcKey, deterministicSerial, ensureIssuers, issueLeaf } from "./issuers";
import { kstDate, type NhnCertificateRecord, nhnWorld } from "./world";

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

function subjectOrganization(pem: string): string {
  const lines = new crypto.X509Certificate(pem).subject.split("\n");
  const get = (a: string) => lines.find((l) => l.startsWith(`${a}=`))?.slice(a.length + 1);
  return get("O") ?? get("CN") ?? "unknown";
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

/** The fixed sample set of the default appkey: real PEM files covering the shapes §7 of the API notes lists. */
import type * as crypto from "node:crypto";
import { domainToASCII } from "node:url";
import type { IssuerMaterial } from "../../crypto/x509";
import type { StateStore, WorldState } from "../store";
import {
  bagAttributePadding,
  DAY_MS,
  encryptedKeyPem,
  FIXED_SET_PASSPHRASE,
  join,
  keyPem,
  pkcs12Dump,
  recordFromFile,
  seconds,
} from "./fileShapes";
import { ensureIssuers, issueLeaf, pooledKeys } from "./issuers";
import { DEFAULT_NHN_APPKEY, type NhnCertificateRecord, nhnWorld, peekNhnWorld } from "./world";

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

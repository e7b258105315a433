/**
 * NCP's RegisterExternalCertificate (`POST /api/v2/certificate/withExternal`, API notes §6.14 and §8): a certificate
 * issued elsewhere, uploaded with its key and chain. With `certificateNo` the files of that certificate are replaced
 * in place and the number is kept (how a renewal reaches load balancers without touching them).
 *
 * Documented: certificateName 3-20 letters, digits or "-", starting with a letter, unique; privateKey a decrypted
 * PEM, unique; the leaf (`certificateBody`, `publicKeyCertificate` on v1 and the older v2 page) unique;
 * certificateChain required. Unconfirmed, chosen strictly here: the codes for a duplicate or an expired or unlinked
 * certificate, the certificateType NCP lists for such a certificate, and whether the name may change with
 * `certificateNo` (refused here as "no certificate of that name and number", like reissue).
 */
import { randomBytes, randomUUID, X509Certificate } from "node:crypto";
import { loadPrivateKey, publicKeysEqual } from "../../crypto/keys";
import { type ParsedCertificate, parseCertificateChain } from "../../crypto/x509";
import { parseJson } from "../server";
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from "../types";
import { type CertificateRecord, type NcloudWorld, ncloudWorld } from "./world";

/** What NCP lists as certificateType for an uploaded certificate: unconfirmed (no example in the docs). */
export const EXTERNAL_CERTIFICATE_TYPE = "EXTERNAL";

const NAME_RULE = /^[A-Za-z][A-Za-z0-9-]{2,19}$/;
const NAME_RULE_MESSAGE =
  "certificateName can only contain 3-20 English alphabet, numbers, and '-' and must start with an alphabetic character.";
const NOT_PEM = "Unable to load certificate. Expecting PEM format file.";

type Json = Record<string, unknown>;

function reply(status: number, body: Json): EmulatorResponse {
  const headers = {
    "x-ncp-apigw-request-id": randomUUID(),
    "x-ncp-trace-id": randomBytes(8).toString("hex"),
    "x-ncp-apigw-response-origin": "ENDPOINT",
  };
  return { status, headers, body };
}
const invalid = (returnMessage: string, returnCode = "2100") => reply(400, { returnCode, returnMessage });
const fail = (returnCode: string, returnMessage: string) => reply(200, { returnCode, returnMessage, totalRows: 0 });

interface Upload {
  name: string;
  no?: number;
  leaf: ParsedCertificate;
  chainPem: string;
  publicKeyPem: string;
}

/** Field rules that need no state: the answer for a bad request, or what was uploaded. */
function readUpload(req: EmulatorRequest, now: number): Upload | EmulatorResponse {
  const v = parseJson(req.body);
  if (!v || typeof v !== "object" || Array.isArray(v)) return invalid("The request body must be a JSON object.");
  const body = v as Json;
  if (typeof body.certificateName !== "string" || body.certificateName === "")
    return invalid("certificateName is required.");
  if (!NAME_RULE.test(body.certificateName)) return invalid(NAME_RULE_MESSAGE, "2000");
  if (body.certificateNo !== undefined && !Number.isInteger(body.certificateNo))
    return invalid("certificateNo must be an integer.");
  const leafText = body.certificateBody ?? body.publicKeyCertificate;
  if (body.certificateBody !== undefined && body.publicKeyCertificate !== undefined) {
    if (body.certificateBody !== body.publicKeyCertificate)
      return invalid("certificateBody and publicKeyCertificate differ.");
  }
  for (const [field, value] of [
    ["privateKey", body.privateKey],
    ["certificateBody", leafText],
    ["certificateChain", body.certificateChain],
  ] as const) {
    if (typeof value !== "string" || value.trim() === "") return invalid(`${field} is required.`);
  }
  // NCP's rule is "PEM format" (1002): a field holds its own blocks only, never a key beside a certificate or text.
  if (
    !onlyBlocks(leafText as string, /^CERTIFICATE$/) ||
    !onlyBlocks(body.certificateChain as string, /^CERTIFICATE$/) ||
    !onlyBlocks(body.privateKey as string, /^(RSA |EC )?PRIVATE KEY$/)
  )
    return fail("1002", NOT_PEM);
  let leaves: ParsedCertificate[];
  let chain: ParsedCertificate[];
  let publicKeyPem: string;
  try {
    leaves = parseCertificateChain(leafText as string);
    chain = parseCertificateChain(body.certificateChain as string);
    publicKeyPem = loadPrivateKey(body.privateKey as string).publicKeyPem; // refuses encrypted keys too
  } catch {
    return fail("1002", NOT_PEM);
  }
  if (leaves.length !== 1) return fail("26034", "The certificate is invalid.");
  const leaf = leaves[0];
  if (!publicKeysEqual(publicKeyPem, leaf.publicKeyPem))
    return fail("26040", "Public key in certificate does not match private key.");
  if (!linked(leaf, chain)) return fail("26034", "The certificate is invalid.");
  if (Date.parse(leaf.notBefore) > now || Date.parse(leaf.notAfter) < now)
    return fail("26034", "The certificate is invalid.");
  return {
    name: body.certificateName,
    no: body.certificateNo as number | undefined,
    leaf,
    chainPem: chain.map((c) => c.pem).join(""),
    publicKeyPem,
  };
}

/** Whether `text` is nothing but complete PEM blocks whose labels match `label`, and white space. */
function onlyBlocks(text: string, label: RegExp): boolean {
  let rest = text.replace(/\r\n?/g, "\n");
  for (const m of [...rest.matchAll(/-----BEGIN ([^\n]+?)-----[\s\S]*?-----END \1-----/g)]) {
    if (!label.test(m[1])) return false;
    rest = rest.replace(m[0], "");
  }
  return rest.trim() === "";
}

/** Each certificate issued and signed by the next one: leaf by chain[0], chain[0] by chain[1], ... */
function linked(leaf: ParsedCertificate, chain: ParsedCertificate[]): boolean {
  const all = [leaf, ...chain].map((c) => new X509Certificate(c.pem));
  for (let i = 0; i + 1 < all.length; i++) {
    if (!all[i].checkIssued(all[i + 1]) || !all[i].verify(all[i + 1].publicKey)) return false;
  }
  return chain.length > 0;
}

export async function registerExternalCertificate(
  ctx: EmulatorContext,
  req: EmulatorRequest,
  summary: (c: CertificateRecord, ncp: NcloudWorld) => Json,
): Promise<EmulatorResponse> {
  const upload = readUpload(req, ctx.store.now());
  if ("status" in upload) return upload;
  return ctx.store.update((w) => {
    const ncp = ncloudWorld(w);
    const live = ncp.certificates.filter((c) => c.statusCode !== "-6");
    let target: CertificateRecord | undefined;
    if (upload.no !== undefined) {
      target = live.find((c) => c.certificateNo === upload.no);
      if (!target || target.certificateName !== upload.name) return fail("2200", "No certificate was found.");
      if (!target.external) return fail("26034", "The certificate is invalid.");
    }
    const others = live.filter((c) => c !== target);
    if (others.some((c) => c.certificateName === upload.name))
      return invalid(`certificateName ${upload.name} is already in use.`);
    const externals = others.filter((c) => c.external);
    if (externals.some((c) => c.external?.fingerprintSha256 === upload.leaf.fingerprintSha256))
      return invalid("The certificate is already registered.");
    if (externals.some((c) => publicKeysEqual(c.external?.publicKeyPem ?? "", upload.publicKeyPem)))
      return invalid("The private key is already registered.");
    const now = ctx.store.now();
    const record = target ?? newRecord(ncp.nextCertificateNo++, upload.name, now);
    Object.assign(record, files(upload, now));
    if (!target) ncp.certificates.push(record);
    return reply(200, {
      returnCode: "0",
      returnMessage: "Success",
      totalRows: 1,
      sslCertificateList: [summary(record, ncp)],
    });
  });
}

function newRecord(certificateNo: number, certificateName: string, now: number): CertificateRecord {
  return {
    certificateNo,
    certificateName,
    certificateType: EXTERNAL_CERTIFICATE_TYPE,
    commonName: "",
    dnsNames: [],
    // Advanced-only fields: nothing was ordered or validated.
    validationMethod: "",
    orderId: "",
    requestSn: "",
    csr: "",
    dcv: [],
    renewal: false,
    statusCode: "1",
    createdAtMs: now,
    updatedAtMs: now,
    usedInstanceNoList: [],
    reissueCount: 0,
  };
}

/** The fields an upload sets: the files and what the list shows of them. NCP holds the key, so NORMAL. */
function files(u: Upload, now: number): Partial<CertificateRecord> {
  const commonName = (u.leaf.commonName ?? u.leaf.dnsNames[0] ?? "").toLowerCase();
  return {
    commonName,
    dnsNames: u.leaf.dnsNames.map((d) => d.toLowerCase()).filter((d) => d !== commonName),
    statusCode: "1",
    certificatePem: u.leaf.pem,
    subCaCertificatePem: u.chainPem,
    rootCaCertificatePem: undefined,
    serialNumber: u.leaf.serialNumber,
    issuedAtMs: now,
    notBeforeMs: Date.parse(u.leaf.notBefore),
    notAfterMs: Date.parse(u.leaf.notAfter),
    updatedAtMs: now,
    external: {
      publicKeyPem: u.publicKeyPem,
      fingerprintSha256: u.leaf.fingerprintSha256,
      issuer: u.leaf.issuer,
      signatureAlgorithm:
        new X509Certificate(u.leaf.pem).publicKey.asymmetricKeyType === "ec" ? "SHA256withECDSA" : "SHA256withRSA",
    },
  };
}

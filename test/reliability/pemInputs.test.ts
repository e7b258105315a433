/**
 * Every PEM input of every resource, audited for the hole issue 26 found: a private key pasted into a field that is
 * stored in clear (a certificate, a chain, a CSR) must be refused in check, naming the field, and a key field must
 * hold the key alone, compared with the certificate by the key's own public half. Nothing here reaches an API:
 * check refuses before any request.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { buildCsr } from "../../provider/crypto/csr";
import { generateKeyPair } from "../../provider/crypto/keys";
import {
  advancedCertificateV1 as certificate,
  externalCertificateV1 as external,
  advancedCertificateValidationV1 as validation,
} from "../../provider/runtime";
import { type ExternalPems, externalPems } from "../helpers/externalPems";

type Raw = Record<string, unknown>;

let pems: ExternalPems;
let otherKeyPem: string;
let csrPem: string;
let csrKeyPem: string;

/** A key cut off after its first lines: no END line, so a PEM reader skips it and its text stays in the field. */
const truncatedKey = () => otherKeyPem.split("\n").slice(0, 3).join("\n");
/** The key's body without its BEGIN/END lines, as a careless copy leaves it. */
const bareKeyBody = () =>
  otherKeyPem
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("-----"))
    .join("\n");
const keyBody = (pem: string) => pem.split("\n").find((l) => l !== "" && !l.startsWith("-----")) as string;

beforeAll(async () => {
  pems = await externalPems({ commonName: "pem-audit.example.com" });
  otherKeyPem = (await generateKeyPair({ algorithm: "ECDSA", ecdsaCurve: "P256" })).privateKeyPem;
  const csrKey = await generateKeyPair({ algorithm: "ECDSA", ecdsaCurve: "P256" });
  csrKeyPem = csrKey.privateKeyPem;
  csrPem = buildCsr({ privateKey: csrKey.privateKey, commonName: "example.com", dnsNames: ["www.example.com"] });
});

/** ExternalCertificate's three PEMs as given, with `over` merged in. */
const parts = (over: Raw): Raw => ({
  certificateName: "pem-audit",
  certificatePem: pems.certificatePem,
  chainPem: pems.chainPem,
  privateKeyPem: pems.privateKeyPem,
  ...over,
});

function expectRefused(result: { failures: { property: string; reason: string }[] }, field: string, key?: string) {
  const failure = result.failures.find((f) => f.property === field);
  expect(failure, `a failure naming ${field}: ${JSON.stringify(result.failures)}`).toBeDefined();
  // The message never quotes key material.
  for (const f of result.failures) {
    if (key) expect(f.reason).not.toContain(keyBody(key));
    expect(f.reason).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
  }
  return failure?.reason as string;
}

describe("ExternalCertificate: the clear-text certificate fields hold certificates only", () => {
  it("accepts the three PEMs as they are", async () => {
    expect((await external.check({}, parts({}))).failures).toEqual([]);
  });

  const cases: [string, () => Raw, string][] = [
    [
      "the key pasted after the leaf",
      () => ({ certificatePem: pems.certificatePem + pems.privateKeyPem }),
      "certificatePem",
    ],
    [
      "the key pasted before the leaf",
      () => ({ certificatePem: pems.privateKeyPem + pems.certificatePem }),
      "certificatePem",
    ],
    ["the key pasted after the intermediate", () => ({ chainPem: pems.chainPem + pems.privateKeyPem }), "chainPem"],
    [
      "a truncated key after the leaf",
      () => ({ certificatePem: `${pems.certificatePem}${truncatedKey()}\n` }),
      "certificatePem",
    ],
    ["a truncated key after the intermediate", () => ({ chainPem: `${pems.chainPem}${truncatedKey()}\n` }), "chainPem"],
    [
      "a key body without its markers after the leaf",
      () => ({ certificatePem: `${pems.certificatePem}${bareKeyBody()}\n` }),
      "certificatePem",
    ],
    [
      "a key body between the intermediates",
      () => ({ chainPem: `${pems.chainPem}${bareKeyBody()}\n${pems.chainPem}` }),
      "chainPem",
    ],
    ["a CSR after the leaf", () => ({ certificatePem: pems.certificatePem + csrPem }), "certificatePem"],
  ];
  for (const [what, over, field] of cases) {
    it(`refuses ${what}, naming ${field}`, async () => {
      const reason = expectRefused(await external.check({}, parts(over())), field, otherKeyPem);
      expect(reason).toContain(field);
    });
  }

  it("says why a key in a certificate field is refused: the field is stored in clear", async () => {
    const reason = expectRefused(
      await external.check({}, parts({ certificatePem: pems.certificatePem + pems.privateKeyPem })),
      "certificatePem",
      pems.privateKeyPem,
    );
    expect(reason).toMatch(/private key/);
    expect(reason).toMatch(/in clear|not secret/);
  });
});

describe("ExternalCertificate: the key field holds the key alone (issue 26 item 2)", () => {
  it("refuses a key that does not match the leaf even when the leaf is appended to it", async () => {
    const reason = expectRefused(
      await external.check({}, parts({ privateKeyPem: otherKeyPem + pems.certificatePem })),
      "privateKeyPem",
      otherKeyPem,
    );
    expect(reason).toContain("privateKeyPem");
  });

  it("refuses the right key with a certificate appended, pointing at pemBundle", async () => {
    const reason = expectRefused(
      await external.check({}, parts({ privateKeyPem: pems.privateKeyPem + pems.certificatePem })),
      "privateKeyPem",
      pems.privateKeyPem,
    );
    expect(reason).toMatch(/pemBundle/);
  });
});

describe("AdvancedCertificate and its validation: csrPem is public, privateKeyPem holds a key alone", () => {
  const good = { certificateName: "site-2026", commonName: "example.com", dnsNames: ["www.example.com"] };

  it("accepts a CSR alone and a key alone", async () => {
    expect((await certificate.check({}, { ...good, csrPem })).failures).toEqual([]);
    expect((await certificate.check({}, { ...good, privateKeyPem: csrKeyPem })).failures).toEqual([]);
  });

  const csrCases: [string, () => string][] = [
    ["a truncated key after the CSR", () => `${csrPem}${truncatedKey()}\n`],
    ["a key body without its markers after the CSR", () => `${csrPem}${bareKeyBody()}\n`],
    ["a certificate after the CSR", () => csrPem + pems.certificatePem],
  ];
  for (const [what, text] of csrCases) {
    it(`refuses ${what} in csrPem`, async () => {
      expectRefused(await certificate.check({}, { ...good, csrPem: text() }), "csrPem", otherKeyPem);
    });
  }

  it("refuses a certificate appended to AdvancedCertificate's privateKeyPem", async () => {
    expectRefused(
      await certificate.check({}, { ...good, privateKeyPem: csrKeyPem + pems.certificatePem }),
      "privateKeyPem",
      csrKeyPem,
    );
  });

  it("refuses a certificate appended to the validation's privateKeyPem", async () => {
    const result = await validation.check({}, { certificateNo: 7, privateKeyPem: csrKeyPem + pems.certificatePem });
    expectRefused(result, "privateKeyPem", csrKeyPem);
  });
});

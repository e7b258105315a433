import { describe, expect, it } from "vitest";
import { normalizePem, splitPemBlocks, toPem } from "../../provider/shared/pem";

// 100 bytes, so base64 needs two 64-column lines.
const DER_A = Buffer.from(Array.from({ length: 100 }, (_, i) => i));
const DER_B = Buffer.from("second block payload");

function wrapAt(base64: string, width: number): string {
  return base64.match(new RegExp(`.{1,${width}}`, "g"))!.join("\n");
}

describe("toPem", () => {
  it("wraps at 64 columns with LF and a trailing newline", () => {
    const pem = toPem("CERTIFICATE", DER_A);
    const lines = pem.split("\n");
    expect(lines[0]).toBe("-----BEGIN CERTIFICATE-----");
    expect(lines[1]).toHaveLength(64);
    expect(lines.at(-2)).toBe("-----END CERTIFICATE-----");
    expect(pem.endsWith("-----END CERTIFICATE-----\n")).toBe(true);
    expect(pem).not.toContain("\r");
  });
});

describe("splitPemBlocks", () => {
  it("finds blocks in order despite CRLF, Bag Attributes and whitespace in the base64", () => {
    const b64 = DER_A.toString("base64");
    const text = [
      "Bag Attributes",
      "    localKeyID: 01 00 00 00 ",
      "    friendlyName: leaf",
      "subject=/CN=www.example.com",
      "-----BEGIN CERTIFICATE-----",
      `  ${b64.slice(0, 30)}  \t`,
      `${b64.slice(30, 70)} ${b64.slice(70)}`,
      "-----END CERTIFICATE-----",
      "",
      "Bag Attributes: <No Attributes>",
      "-----BEGIN PRIVATE KEY-----",
      wrapAt(DER_B.toString("base64"), 76),
      "-----END PRIVATE KEY-----",
      "trailing junk",
    ].join("\r\n");
    const blocks = splitPemBlocks(text);
    expect(blocks.map((b) => b.label)).toEqual(["CERTIFICATE", "PRIVATE KEY"]);
    expect(blocks[0].der.equals(DER_A)).toBe(true);
    expect(blocks[1].der.equals(DER_B)).toBe(true);
    expect(blocks[0].pem).toBe(toPem("CERTIFICATE", DER_A));
    expect(blocks[1].pem).toBe(toPem("PRIVATE KEY", DER_B));
  });

  it("handles old Mac CR line endings", () => {
    const text = toPem("CERTIFICATE", DER_A).replace(/\n/g, "\r");
    expect(splitPemBlocks(text)[0].der.equals(DER_A)).toBe(true);
  });

  it("reads RFC 1421 headers separately from the base64", () => {
    const text = [
      "-----BEGIN RSA PRIVATE KEY-----",
      "Proc-Type: 4,ENCRYPTED",
      "DEK-Info: AES-256-CBC,0123456789ABCDEF0123456789ABCDEF",
      "",
      DER_B.toString("base64"),
      "-----END RSA PRIVATE KEY-----",
    ].join("\n");
    const [block] = splitPemBlocks(text);
    expect(block.headers["Proc-Type"]).toBe("4,ENCRYPTED");
    expect(block.headers["DEK-Info"]).toMatch(/^AES-256-CBC,/);
    expect(block.der.equals(DER_B)).toBe(true);
    expect(block.pem).toContain("Proc-Type: 4,ENCRYPTED\nDEK-Info:");
  });

  it("requires the END label to match the BEGIN label", () => {
    const text = `-----BEGIN CERTIFICATE-----\nAAAA\n-----END PRIVATE KEY-----\n${toPem("PUBLIC KEY", DER_B)}`;
    const blocks = splitPemBlocks(text);
    expect(blocks.map((b) => b.label)).toEqual(["PUBLIC KEY"]);
  });

  it("returns nothing for text without blocks", () => {
    expect(splitPemBlocks("")).toEqual([]);
    expect(splitPemBlocks("not pem at all")).toEqual([]);
  });
});

describe("normalizePem", () => {
  const canonical = toPem("CERTIFICATE", DER_A) + toPem("CERTIFICATE", DER_B);

  it("maps formatting variants of the same PEM to one string", () => {
    const variants = [
      canonical,
      canonical.replace(/\n/g, "\r\n"),
      `\n\n${canonical.replace(/\n/g, "   \n")}\n\n\n`,
      `-----BEGIN CERTIFICATE-----\n${wrapAt(DER_A.toString("base64"), 76)}\n-----END CERTIFICATE-----` +
        `-----BEGIN CERTIFICATE-----\r\n${DER_B.toString("base64")}\r\n-----END CERTIFICATE-----`,
    ];
    for (const variant of variants) {
      expect(normalizePem(variant)).toBe(canonical);
    }
  });

  it("is idempotent, also with text between blocks", () => {
    const messy = `Bag Attributes  \r\n    friendlyName: x\r\n\r\n${canonical.replace(/\n/g, "\r\n")}tail text \r\n`;
    const once = normalizePem(messy);
    expect(normalizePem(once)).toBe(once);
    expect(once).toBe(`Bag Attributes\n    friendlyName: x\n${canonical}tail text\n`);
    expect(normalizePem(canonical)).toBe(canonical);
  });

  it("ends with exactly one newline and keeps empty input empty", () => {
    expect(normalizePem(`${canonical}\n\n`).endsWith("-----\n")).toBe(true);
    expect(normalizePem("")).toBe("");
    expect(normalizePem("  \r\n ")).toBe("");
  });
});

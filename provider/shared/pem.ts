/**
 * PEM text helpers. Certificates and keys travel through Pulumi state and cloud APIs as text, and each hop may
 * change line endings or wrapping; normalizing keeps those cosmetic differences from showing up as diffs.
 */

export interface PemBlock {
  /** The label between `BEGIN ` and `-----`, e.g. `CERTIFICATE`. */
  label: string;
  /** The block alone, normalized (LF, 64-column base64, trailing newline). */
  pem: string;
  /** The decoded base64 body. */
  der: Buffer;
  /** RFC 1421 headers such as `Proc-Type` (legacy encrypted keys); empty for almost every block. */
  headers: Record<string, string>;
}

// The END label must repeat the BEGIN label, so a truncated block cannot swallow the next one.
const BLOCK_RE = /-----BEGIN ([^\n]+?)-----([\s\S]*?)-----END \1-----/g;
const HEADER_RE = /^([A-Za-z0-9-]+):\s*(.*)$/;

function unifyLines(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

function wrap64(base64: string): string[] {
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 64) {
    lines.push(base64.slice(i, i + 64));
  }
  return lines;
}

interface ParsedBody {
  headers: Record<string, string>;
  headerLines: string[];
  base64: string;
}

function parseBody(body: string): ParsedBody {
  const headers: Record<string, string> = {};
  const headerLines: string[] = [];
  const dataLines: string[] = [];
  let lastHeader: string | undefined;
  for (const raw of body.split("\n")) {
    const line = raw.trim();
    if (line === "") {
      lastHeader = undefined;
      continue;
    }
    // Base64 never contains ':', so any such line is a header.
    const match = HEADER_RE.exec(line);
    if (match && dataLines.length === 0) {
      lastHeader = match[1];
      headers[lastHeader] = match[2];
      headerLines.push(`${match[1]}: ${match[2]}`);
      continue;
    }
    // RFC 1421 header continuation lines start with whitespace.
    if (lastHeader !== undefined && /^[ \t]/.test(raw) && dataLines.length === 0) {
      headers[lastHeader] = `${headers[lastHeader]} ${line}`;
      headerLines[headerLines.length - 1] = `${lastHeader}: ${headers[lastHeader]}`;
      continue;
    }
    lastHeader = undefined;
    dataLines.push(line.replace(/\s+/g, ""));
  }
  return { headers, headerLines, base64: dataLines.join("") };
}

function renderBlock(label: string, headerLines: string[], base64: string): string {
  const lines = [`-----BEGIN ${label}-----`];
  if (headerLines.length > 0) {
    lines.push(...headerLines, "");
  }
  lines.push(...wrap64(base64), `-----END ${label}-----`);
  return `${lines.join("\n")}\n`;
}

/** Every PEM block in `text`, in order. Text outside blocks (e.g. PKCS#12 `Bag Attributes`) is ignored. */
export function splitPemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  const unified = unifyLines(text);
  for (const match of unified.matchAll(BLOCK_RE)) {
    const label = match[1].trim();
    const body = parseBody(match[2]);
    blocks.push({
      label,
      pem: renderBlock(label, body.headerLines, body.base64),
      der: Buffer.from(body.base64, "base64"),
      headers: body.headers,
    });
  }
  return blocks;
}

/**
 * Canonical form of PEM text: LF line endings, no trailing spaces, blocks re-wrapped at 64 columns, blank lines
 * outside blocks dropped, exactly one trailing newline. Non-blank text between blocks is kept, so nothing is lost.
 */
export function normalizePem(text: string): string {
  const unified = unifyLines(text);
  const out: string[] = [];
  const pushText = (chunk: string) => {
    for (const line of chunk.split("\n")) {
      const trimmed = line.replace(/[ \t]+$/, "");
      if (trimmed !== "") {
        out.push(trimmed);
      }
    }
  };
  let last = 0;
  for (const match of unified.matchAll(BLOCK_RE)) {
    const index = match.index ?? 0;
    pushText(unified.slice(last, index));
    const body = parseBody(match[2]);
    out.push(renderBlock(match[1].trim(), body.headerLines, body.base64).trimEnd());
    last = index + match[0].length;
  }
  pushText(unified.slice(last));
  return out.length === 0 ? "" : `${out.join("\n")}\n`;
}

/** PEM text for one DER object, with LF line endings and a trailing newline. */
export function toPem(label: string, der: Buffer): string {
  return renderBlock(label, [], der.toString("base64"));
}

/** A label for messages: key labels are described rather than quoted, so no message contains "PRIVATE KEY". */
export function describePemLabel(label: string): string {
  if (/PRIVATE KEY$/.test(label)) {
    const kind = label.replace(/\s*PRIVATE KEY$/, "");
    return kind === "" ? "private key" : `private key (${describePemLabel(kind).toLowerCase()})`;
  }
  // A mangled file can put anything after BEGIN; only echo what looks like a real label.
  return /^[A-Za-z0-9 ._#-]{1,40}$/.test(label) ? label : "an unrecognised label";
}

/** Labels of BEGIN lines with no matching END after them; splitPemBlocks skips such blocks silently. */
export function unterminatedBlocks(text: string): { begins: number; labels: string[] } {
  const unified = text.replace(/\r\n?/g, "\n");
  const labels: string[] = [];
  let begins = 0;
  for (const match of unified.matchAll(/-----BEGIN ([^\n]+?)-----/g)) {
    begins++;
    if (!unified.includes(`-----END ${match[1]}-----`, (match.index ?? 0) + match[0].length)) {
      labels.push(match[1].trim());
    }
  }
  return { begins, labels };
}

/** 1-based numbers of the non-blank lines outside complete PEM blocks (stray text, END lines without a BEGIN). */
export function linesOutsideBlocks(text: string): number[] {
  const unified = unifyLines(text);
  const inside = new Set<number>();
  for (const match of unified.matchAll(BLOCK_RE)) {
    const first = unified.slice(0, match.index ?? 0).split("\n").length;
    const count = match[0].split("\n").length;
    for (let n = first; n < first + count; n++) inside.add(n);
  }
  const out: number[] = [];
  unified.split("\n").forEach((line, k) => {
    if (line.trim() !== "" && !inside.has(k + 1)) out.push(k + 1);
  });
  return out;
}

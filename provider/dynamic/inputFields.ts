/**
 * Unknown-field refusal for every dynamic resource here. An unknown field is refused, never ignored: a misspelling
 * such as `dnsName` (the API's spelling) or `key.rsaBitz` would otherwise create something without what was meant.
 */

/** What a resource accepts: its top-level fields and the fields of nested objects checked the same way. */
export interface InputSchema {
  /** The type as the user writes it, e.g. `ncloud.AdvancedCertificate`. */
  resource: string;
  fields: readonly string[];
  nested?: Record<string, readonly string[]>;
}

export interface CheckFailure {
  property: string;
  reason: string;
}

/**
 * Keys starting with `__` belong to the Pulumi SDK (`__provider`) or to this package's reserved internal options
 * (`__internal`), never to the user: they pass.
 */
function reserved(key: string): boolean {
  return key.startsWith("__");
}

export function unknownFieldFailures(news: Record<string, unknown>, schema: InputSchema): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const key of Object.keys(news)) {
    if (reserved(key) || schema.fields.includes(key)) continue;
    failures.push({ property: key, reason: unknownFieldMessage(schema.resource, key, key, schema.fields) });
  }
  for (const [parent, known] of Object.entries(schema.nested ?? {})) {
    const v = news[parent];
    if (!v || typeof v !== "object" || Array.isArray(v)) continue;
    for (const key of Object.keys(v)) {
      if (!known.includes(key)) {
        failures.push({
          property: parent,
          reason: unknownFieldMessage(schema.resource, `${parent}.${key}`, key, known),
        });
      }
    }
  }
  return failures;
}

/** "x is not an input ...: did you mean y?" with the nearest known name, or the list when none is near. */
export function unknownFieldMessage(resource: string, path: string, key: string, known: readonly string[]): string {
  const shown = path.length > 80 ? `${path.slice(0, 80)}…` : path;
  const nearest = nearestName(key, known);
  const prefix = path.includes(".") ? `${path.slice(0, path.lastIndexOf(".") + 1)}` : "";
  return nearest
    ? `${shown} is not an input of ${resource}: did you mean ${prefix}${nearest}? (unknown fields are refused, not ignored)`
    : `${shown} is not an input of ${resource}: use one of ${known.join(", ")}`;
}

/** The known name closest to `key` (case-insensitive edit distance), if it is close enough to be a misspelling. */
export function nearestName(key: string, known: readonly string[]): string | undefined {
  const k = key.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const name of known) {
    const n = name.toLowerCase();
    // A known name that starts with the key (privateKey → privateKeyPem) is as good as a typo away.
    const d = n.startsWith(k) || k.startsWith(n) ? Math.min(editDistance(k, n), 2) : editDistance(k, n);
    if (!best || d < best.d) best = { name, d };
  }
  return best && best.d <= Math.max(2, Math.floor(key.length / 3)) ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Number.POSITIVE_INFINITY;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * A failure reason with every echoed value cut to 80 characters and its length (a pasted 1 MB value must not come
 * back whole in preview): quoted values, and any long run without spaces (a key or certificate body).
 */
export function cutEchoes(reason: string): string {
  const cut = (v: string) => `${v.slice(0, 80)}…" (${v.length} characters)`;
  return reason
    .replace(/"([^"]{81,})"/g, (_, v: string) => `"${cut(v)}`)
    .replace(/(^|\s)([^\s"]{121,})/g, (_, pre: string, v: string) => `${pre}"${cut(v)}`);
}

/**
 * Values between the engine's wire form and the implementation's plain objects. The engine sends secrets as
 * wrapper objects (the plugin accepts secrets, so state keeps them encrypted); the implementation works on plain
 * values, and the plugin marks the table's secret fields again on the way out — generated keys included, which no
 * `additionalSecretOutputs` covers for a resource made by `pulumi import`.
 */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

type Props = Record<string, unknown>;

function isSecret(v: unknown): v is { value: unknown } {
  return typeof v === "object" && v !== null && (v as Props)[SIG_KEY] === SECRET_VALUE;
}

/** The value with every secret wrapper replaced by what it holds, at any depth. */
export function unwrapSecrets(v: unknown): unknown {
  if (isSecret(v)) return unwrapSecrets(v.value);
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrapSecrets(x)]));
  }
  return v;
}

export function unwrapProps(props: Props | undefined): Props {
  return (unwrapSecrets(props ?? {}) as Props) ?? {};
}

/** The props with the named top-level fields wrapped as secrets (where present) and undefined values dropped. */
export function wrapSecrets(props: Props, secretNames: readonly string[]): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined) continue;
    out[k] = secretNames.includes(k) && v !== null ? { [SIG_KEY]: SECRET_VALUE, value: v } : v;
  }
  return JSON.parse(JSON.stringify(out)) as Props;
}

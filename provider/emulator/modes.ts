/**
 * The emulator's named modes for the API notes' open questions, as tables of allowed values (the first is the
 * default): one place that checks, sets and reports them, instead of a hand-written branch per mode.
 */

/** Each mode's allowed values; the first is the default. */
export type ModeChoices = Readonly<Record<string, readonly (string | boolean)[]>>;

/** The first value in `body` that its mode does not allow, said as the control API's error; undefined when none. */
export function modeProblem(body: Record<string, unknown>, choices: ModeChoices): string | undefined {
  for (const [key, values] of Object.entries(choices)) {
    if (body[key] === undefined || values.includes(body[key] as string | boolean)) continue;
    const quoted = values.map((v) => JSON.stringify(v));
    return `settings: ${key} is ${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
  }
  return undefined;
}

/** Sets each mode `body` gives an allowed value for (others are left as they are). */
export function setModes(target: object, body: Record<string, unknown>, choices: ModeChoices): void {
  for (const [key, values] of Object.entries(choices)) {
    if (body[key] !== undefined && values.includes(body[key] as string | boolean)) {
      (target as Record<string, unknown>)[key] = body[key];
    }
  }
}

/** Every mode's current value, the default where none was set. */
export function currentModes(target: object, choices: ModeChoices): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const [key, values] of Object.entries(choices)) {
    out[key] = ((target as Record<string, unknown>)[key] as string | boolean | undefined) ?? values[0];
  }
  return out;
}

/**
 * A control body as settings: a JSON object whose every key is one of `known` (own keys only, so `constructor` or
 * `__proto__` is just an unknown name). The refusal names the key, the close match of a typo, and the choices.
 */
export function readSettings(
  raw: Buffer,
  known: readonly string[],
  noun = "setting",
): { body: Record<string, unknown> } | { problem: string } {
  let body: unknown = {};
  try {
    if (raw.length > 0) body = JSON.parse(raw.toString("utf8"));
  } catch {
    return { problem: `${noun}s: the body is not JSON; send an object such as {"${known[0]}": ...}` };
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    return { problem: `${noun}s: the body must be an object of ${noun}s (${known.join(", ")})` };
  }
  for (const key of Object.keys(body)) {
    if (known.includes(key)) continue;
    const close = known.find((k) => k.toLowerCase() === key.toLowerCase());
    const hint = close ? ` (did you mean ${close}?)` : "";
    return { problem: `unknown ${noun} ${key}${hint}: use ${known.join(", ")}` };
  }
  return { body: body as Record<string, unknown> };
}

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

/**
 * Pulumi-style auto-naming for NCP names (3-20 letters, digits or "-", starting with a letter): the resource name,
 * made to fit, plus a random suffix, so a replacement gets a fresh name and create-before-delete just works.
 *
 * Dynamic providers receive neither the resource name nor the engine's random seed, so the class passes the prefix
 * (see `__internal.namePrefix`) and check draws the suffix. A name once chosen is kept from the old inputs; the
 * engine re-runs check without them only for a replacement, which is exactly when a new name is wanted.
 */
import { randomBytes } from "node:crypto";

const SUFFIX_LENGTH = 6;
const MAX_NAME = 20;

/** The part of a resource name that can start an NCP name: lower-case, `-` for anything else, at most 13 characters. */
export function autoNamePrefix(resourceName: string): string {
  let p = resourceName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .replace(/-+/g, "-")
    .slice(0, MAX_NAME - SUFFIX_LENGTH - 1)
    .replace(/-$/, "");
  if (p === "") p = "cert";
  return p;
}

/** A fresh name: the prefix, `-`, and six random letters or digits. */
export function autoName(prefix: string): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const suffix = [...randomBytes(SUFFIX_LENGTH)].map((b) => alphabet[b % alphabet.length]).join("");
  return `${prefix}-${suffix}`;
}

export const NAME_PREFIX_RULE = /^[a-z][a-z0-9-]{0,12}$/;

/** The name check settles on: the one given, else the one already chosen (olds), else a fresh auto-name. */
export function chosenName(news: Record<string, unknown>, olds: Record<string, unknown>): unknown {
  if (news.certificateName !== undefined && news.certificateName !== null) return news.certificateName;
  if (typeof olds.certificateName === "string") return olds.certificateName;
  const prefix = (news.__internal as { namePrefix?: unknown } | undefined)?.namePrefix;
  return typeof prefix === "string" && NAME_PREFIX_RULE.test(prefix) ? autoName(prefix) : undefined;
}

/**
 * Whether `__internal` is what a resource class passes to check (its resource options and the auto-name prefix):
 * `namePrefix` plus the boolean options the resource knows. Users never set it.
 */
export function validInternal(internal: unknown, booleanOptions: readonly string[]): boolean {
  return (
    typeof internal === "object" &&
    internal !== null &&
    Object.entries(internal).every(([k, v]) =>
      k === "namePrefix"
        ? typeof v === "string" && NAME_PREFIX_RULE.test(v)
        : booleanOptions.includes(k) && typeof v === "boolean",
    )
  );
}

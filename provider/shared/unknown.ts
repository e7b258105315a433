/**
 * During `pulumi preview` the engine passes values it does not know yet as this sentinel string, in any field and
 * at any depth (even where a number or an array is expected). check and diff must treat it as "unknown", never as
 * a value to validate.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when the value is, or contains anywhere inside it, an unknown. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

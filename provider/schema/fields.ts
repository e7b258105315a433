/**
 * One declaration per field of every resource and function: its type, description, default, whether it is secret,
 * whether changing it replaces the resource. The same table feeds check's unknown-field refusal (both doors), the
 * native plugin's schema.json and, through test/native, the check that the TypeScript Args interfaces agree.
 * Pure data and small helpers: nothing here knows either door.
 */
import type { InputSchema } from "../dynamic/inputFields";

/** A field's type as Pulumi's schema spells it; objects name a type declared in the same table's `types`. */
export type FieldType =
  | "string"
  | "integer"
  | "number"
  | "boolean"
  | { array: FieldType }
  | { object: string }
  | { map: FieldType };

export interface Field {
  type: FieldType;
  description: string;
  required?: boolean;
  /** Held encrypted in state (keys and material that holds a key). */
  secret?: boolean;
  /** The value used when the field is left out, as the user would write it. */
  default?: string | number | boolean;
  /** Changing it replaces the resource (the rest update in place). */
  replaces?: boolean;
  /** Allowed values, when the field takes only a few (said in the schema's description). */
  oneOf?: readonly (string | number)[];
}

export type Fields = Readonly<Record<string, Field>>;

export interface ObjectType {
  description: string;
  properties: Fields;
  /**
   * Whether check refuses its unknown keys with the shared rule; false where the resource has its own rule for
   * the object (its message says more than "unknown field").
   */
  refuseUnknown?: boolean;
}

/** A resource's fields: what its program gives, and what it gives back beyond that. */
export interface ResourceFields {
  /** How the TypeScript API names it (`ncloud.AdvancedCertificate`): the refusal's messages use it. */
  name: string;
  description: string;
  inputs: Fields;
  /** Outputs that are not inputs. Every input is an output too (the state keeps the checked inputs). */
  outputs: Fields;
  /** Object types used by the fields, by name (unqualified; the schema qualifies them with the module). */
  types?: Readonly<Record<string, ObjectType>>;
  /** What `pulumi import` takes as the id, for the docs and the schema; without it the resource cannot be imported. */
  importId?: string;
  /** The input made from the resource name when left out (check draws it from `__internal.namePrefix`). */
  autoName?: string;
}

/** A function (data source): its arguments and its result. */
export interface FunctionFields {
  name: string;
  description: string;
  inputs: Fields;
  outputs: Fields;
  types?: Readonly<Record<string, ObjectType>>;
}

/** The input names, in declaration order, typed as the table's keys. */
export function inputNames<T extends { inputs: Fields }>(table: T): (keyof T["inputs"] & string)[] {
  return Object.keys(table.inputs) as (keyof T["inputs"] & string)[];
}

/** The table as check's unknown-field refusal reads it: top-level names, and the keys of checked nested objects. */
export function inputSchema(table: ResourceFields | FunctionFields): InputSchema {
  const nested: Record<string, readonly string[]> = {};
  for (const [name, field] of Object.entries(table.inputs)) {
    const type =
      typeof field.type === "object" && "object" in field.type ? table.types?.[field.type.object] : undefined;
    if (type && type.refuseUnknown !== false) nested[name] = Object.keys(type.properties);
  }
  return { resource: table.name, fields: Object.keys(table.inputs), nested };
}

/** The names of the secret fields among inputs and outputs (the plugin wraps them as secrets in what it returns). */
export function secretNames(table: ResourceFields | FunctionFields): string[] {
  return [...Object.entries(table.inputs), ...Object.entries(table.outputs)]
    .filter(([, f]) => f.secret)
    .map(([n]) => n);
}

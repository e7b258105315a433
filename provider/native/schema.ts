/**
 * schema.json for package `certmanager-kr`, generated from the field tables (provider/schema/fields.ts) through the
 * registry: nothing in it is written by hand except the package's own words.
 */
import type { Field, Fields, FieldType, FunctionFields, ObjectType, ResourceFields } from "../schema/fields";
import { PROVIDER_CONFIG } from "./config";
import { FUNCTIONS, PACKAGE, RESOURCES } from "./registry";

type Spec = Record<string, unknown>;

/** `certmanager-kr:ncloud:AdvancedCertificate` → `ncloud` (object types live in their resource's module). */
function moduleOf(token: string): string {
  return token.split(":")[1];
}

function typeSpec(type: FieldType, module: string): Spec {
  if (typeof type === "string") return { type };
  if ("array" in type) return { type: "array", items: typeSpec(type.array, module) };
  if ("map" in type) return { type: "object", additionalProperties: typeSpec(type.map, module) };
  return { $ref: `#/types/${PACKAGE}:${module}:${type.object}` };
}

function propertySpec(field: Field, module: string, asInput: boolean): Spec {
  const allowed = field.oneOf ? ` One of: ${field.oneOf.map((v) => `\`${v}\``).join(", ")}.` : "";
  const spec: Spec = { ...typeSpec(field.type, module), description: `${field.description}${allowed}` };
  if (field.default !== undefined && asInput) spec.default = field.default;
  if (field.secret) spec.secret = true;
  if (field.replaces && asInput) spec.willReplaceOnChanges = true;
  return spec;
}

function properties(fields: Fields, module: string, asInput: boolean): Spec {
  return Object.fromEntries(Object.entries(fields).map(([n, f]) => [n, propertySpec(f, module, asInput)]));
}

function required(fields: Fields): string[] {
  return Object.entries(fields)
    .filter(([, f]) => f.required)
    .map(([n]) => n);
}

function objectTypes(types: Readonly<Record<string, ObjectType>> | undefined, module: string): Spec {
  const out: Spec = {};
  for (const [name, t] of Object.entries(types ?? {})) {
    out[`${PACKAGE}:${module}:${name}`] = {
      type: "object",
      description: t.description,
      properties: properties(t.properties, module, true),
      required: required(t.properties),
    };
  }
  return out;
}

function resourceSpec(token: string, r: ResourceFields): Spec {
  const m = moduleOf(token);
  const all = { ...r.inputs, ...r.outputs };
  const importNote = r.importId
    ? `\n\n## Import\n\n\`pulumi import ${token} <name> <id>\`: the id is ${r.importId}`
    : "";
  return {
    description: `${r.description}${importNote}`,
    inputProperties: properties(r.inputs, m, true),
    requiredInputs: required(r.inputs),
    properties: properties(all, m, false),
    // Outputs are listed as always present only where the resource always sets them.
    required: required(r.inputs),
  };
}

function functionSpec(token: string, f: FunctionFields): Spec {
  const m = moduleOf(token);
  return {
    description: f.description,
    inputs: { properties: properties(f.inputs, m, true), required: required(f.inputs) },
    outputs: { properties: properties(f.outputs, m, false), required: required(f.outputs) },
  };
}

export function buildSchema(version: string): Spec {
  const types: Spec = {};
  const resources: Spec = {};
  const functions: Spec = {};
  for (const [token, entry] of Object.entries(RESOURCES)) {
    resources[token] = resourceSpec(token, entry.fields);
    Object.assign(types, objectTypes(entry.fields.types, moduleOf(token)));
  }
  for (const [token, entry] of Object.entries(FUNCTIONS)) {
    functions[token] = functionSpec(token, entry.fields);
    Object.assign(types, objectTypes(entry.fields.types, moduleOf(token)));
  }
  const config = properties(PROVIDER_CONFIG, "index", true);
  return {
    name: PACKAGE,
    displayName: "Certificate Managers of NCP and NHN Cloud",
    version,
    description:
      "Certificates of NAVER Cloud Platform's Certificate Manager (paid Advanced certificates, their DNS " +
      "validation in Global DNS, external certificates) and NHN Cloud's Certificate Manager inventory.",
    keywords: ["pulumi", "ncloud", "ncp", "nhncloud", "certificates", "category/network"],
    license: "Apache-2.0",
    publisher: "pulumi-certmanager-kr",
    meta: { moduleFormat: "(.*)" },
    config: { variables: config },
    provider: { description: "The certmanager-kr provider: credentials and endpoints.", inputProperties: config },
    resources,
    functions,
    types,
    language: { nodejs: { packageName: "@certmanager-kr/pulumi" }, python: { packageName: "pulumi_certmanager_kr" } },
  };
}

/**
 * One source of truth: the TypeScript Args interfaces (read with the TypeScript compiler), the field tables that
 * check refuses unknown fields with, and the generated schema.json must name the same fields, with the same
 * required-ness and kind of type, at every level. A field added to one of them alone fails here.
 */
import * as path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { FUNCTIONS, RESOURCES } from "../../provider/native/registry";
import { buildSchema } from "../../provider/native/schema";
import {
  advancedCertificateV1,
  advancedCertificateValidationV1,
  externalCertificateV1,
  globalDnsRecordV1,
} from "../../provider/runtime";
import type { Fields, FieldType, ObjectType } from "../../provider/schema/fields";

const root = path.resolve(__dirname, "../..");
const SOURCES = {
  "certmanager-kr:ncloud:AdvancedCertificate": [
    "provider/ncloud/advancedCertificate/resource.ts",
    "AdvancedCertificateArgs",
  ],
  "certmanager-kr:ncloud:AdvancedCertificateValidation": [
    "provider/ncloud/certificateValidation/resource.ts",
    "AdvancedCertificateValidationArgs",
  ],
  "certmanager-kr:ncloud:GlobalDnsRecord": ["provider/ncloud/globalDnsRecord/resource.ts", "GlobalDnsRecordArgs"],
  "certmanager-kr:ncloud:ExternalCertificate": [
    "provider/ncloud/externalCertificate/resource.ts",
    "ExternalCertificateArgs",
  ],
  "certmanager-kr:nhncloud:getCertificates": ["provider/nhncloud/getCertificates.ts", "GetCertificatesArgs"],
  "certmanager-kr:nhncloud:getCertificateFile": ["provider/nhncloud/getCertificateFile.ts", "GetCertificateFileArgs"],
} as const;
const RESULTS = {
  "certmanager-kr:nhncloud:getCertificates": "GetCertificatesResult",
  "certmanager-kr:nhncloud:getCertificateFile": "GetCertificateFileResult",
} as const;

const program = ts.createProgram(
  Object.values(SOURCES).map(([file]) => path.join(root, file)),
  { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, skipLibCheck: true, noEmit: true },
);
const checker = program.getTypeChecker();

/** A field as TypeScript declares it: required or not, and its kind ("string", "number", "array<…>", "object"). */
interface TsField {
  required: boolean;
  kind: string;
  properties?: Map<string, TsField>;
}

function interfaceIn(file: string, name: string): ts.InterfaceDeclaration {
  const source = program.getSourceFile(path.join(root, file));
  const found = source?.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === name);
  if (!found) throw new Error(`${name} not found in ${file}`);
  return found as ts.InterfaceDeclaration;
}

/** Strips `pulumi.Input<…>` (at any depth the API uses it) down to the plain type. */
function withoutInput(node: ts.TypeNode): ts.TypeNode {
  if (ts.isTypeReferenceNode(node) && node.typeArguments?.length === 1) {
    const name = node.typeName.getText();
    if (name === "pulumi.Input" || name === "Input") return withoutInput(node.typeArguments[0]);
  }
  return node;
}

function kindOfNode(node: ts.TypeNode): Omit<TsField, "required"> {
  const bare = withoutInput(node);
  if (ts.isArrayTypeNode(bare)) {
    const element = kindOfNode(bare.elementType);
    return { kind: `array<${element.kind}>`, properties: element.properties };
  }
  if (ts.isUnionTypeNode(bare)) {
    const parts = bare.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword);
    if (parts.length === 1) return kindOfNode(parts[0]);
  }
  return kindOfType(checker.getTypeFromTypeNode(bare));
}

function kindOfType(type: ts.Type): Omit<TsField, "required"> {
  const parts = type.isUnion() ? type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined)) : [type];
  if (parts.every((t) => t.flags & ts.TypeFlags.StringLike)) return { kind: "string" };
  if (parts.every((t) => t.flags & ts.TypeFlags.NumberLike)) return { kind: "number" };
  if (parts.every((t) => t.flags & ts.TypeFlags.BooleanLike)) return { kind: "boolean" };
  if (parts.length === 1 && checker.isArrayType(parts[0])) {
    const element = checker.getTypeArguments(parts[0] as ts.TypeReference)[0];
    return { kind: `array<${kindOfType(element).kind}>`, properties: kindOfType(element).properties };
  }
  return { kind: "object", properties: propertiesOf(parts[0]) };
}

function propertiesOf(type: ts.Type): Map<string, TsField> {
  const out = new Map<string, TsField>();
  for (const symbol of checker.getPropertiesOfType(type)) {
    const decl = symbol.valueDeclaration;
    const required = !(symbol.flags & ts.SymbolFlags.Optional);
    const shape = decl && ts.isPropertySignature(decl) && decl.type ? kindOfNode(decl.type) : { kind: "?" };
    out.set(symbol.name, { required, ...shape });
  }
  return out;
}

function tsFields(file: string, name: string): Map<string, TsField> {
  return propertiesOf(checker.getTypeAtLocation(interfaceIn(file, name)));
}

/** The table's fields in the same form, resolving object types through the table's `types`. */
function tableFields(fields: Fields, types: Readonly<Record<string, ObjectType>> | undefined): Map<string, TsField> {
  const kind = (t: FieldType): Omit<TsField, "required"> => {
    if (t === "integer" || t === "number") return { kind: "number" };
    if (typeof t === "string") return { kind: t };
    if ("array" in t) {
      const inner = kind(t.array);
      return { kind: `array<${inner.kind}>`, properties: inner.properties };
    }
    if ("map" in t) return { kind: "object" };
    const declared = types?.[t.object];
    if (!declared) throw new Error(`type ${t.object} is not declared in the table`);
    return { kind: "object", properties: tableFields(declared.properties, types) };
  };
  return new Map(Object.entries(fields).map(([n, f]) => [n, { required: f.required === true, ...kind(f.type) }]));
}

/** A readable form for comparison: `name: kind` (`?` when optional), nested objects indented. */
function describeFields(fields: Map<string, TsField>, indent = ""): string[] {
  return [...fields.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([n, f]) => [
      `${indent}${n}${f.required ? "" : "?"}: ${f.kind}`,
      ...(f.properties ? describeFields(f.properties, `${indent}  `) : []),
    ]);
}

const schema = buildSchema("0.0.0") as {
  resources: Record<
    string,
    {
      inputProperties: Record<string, unknown>;
      requiredInputs: string[];
      properties: Record<string, { secret?: boolean }>;
    }
  >;
  functions: Record<
    string,
    { inputs: { properties: Record<string, unknown> }; outputs: { properties: Record<string, unknown> } }
  >;
};

describe("Args interfaces, field tables and schema.json agree", () => {
  for (const [token, [file, args]] of Object.entries(SOURCES)) {
    it(`${token}: ${args} declares exactly the table's inputs, at every level`, () => {
      const entry = RESOURCES[token] ?? FUNCTIONS[token];
      expect(describeFields(tsFields(file, args))).toEqual(
        describeFields(tableFields(entry.fields.inputs, entry.fields.types)),
      );
    });
  }

  for (const [token, result] of Object.entries(RESULTS)) {
    it(`${token}: ${result} declares exactly the table's outputs`, () => {
      const entry = FUNCTIONS[token];
      expect(describeFields(tsFields(SOURCES[token as keyof typeof RESULTS][0], result))).toEqual(
        describeFields(tableFields(entry.fields.outputs, entry.fields.types)),
      );
      expect(Object.keys(schema.functions[token].outputs.properties).sort()).toEqual(
        Object.keys(entry.fields.outputs).sort(),
      );
    });
  }

  for (const [token, entry] of Object.entries(RESOURCES)) {
    it(`${token}: the schema's inputs are the table's, and its outputs add the table's outputs`, () => {
      const spec = schema.resources[token];
      expect(Object.keys(spec.inputProperties)).toEqual(Object.keys(entry.fields.inputs));
      expect(Object.keys(spec.properties).sort()).toEqual(
        [...Object.keys(entry.fields.inputs), ...Object.keys(entry.fields.outputs)].sort(),
      );
      const secrets = Object.entries(spec.properties)
        .filter(([, p]) => p.secret)
        .map(([n]) => n);
      expect(secrets.length).toBeGreaterThan(token.endsWith("GlobalDnsRecord") ? -1 : 0);
    });
  }
});

describe("check refuses exactly the fields the schema does not declare", () => {
  const checks = {
    "certmanager-kr:ncloud:AdvancedCertificate": advancedCertificateV1.check,
    "certmanager-kr:ncloud:AdvancedCertificateValidation": advancedCertificateValidationV1.check,
    "certmanager-kr:ncloud:GlobalDnsRecord": globalDnsRecordV1.check,
    "certmanager-kr:ncloud:ExternalCertificate": externalCertificateV1.check,
  } as const;
  const notAnInput = (failures: { property: string; reason: string }[] | undefined) =>
    (failures ?? []).filter((f) => f.reason.includes("is not an input")).map((f) => f.property);

  for (const [token, check] of Object.entries(checks)) {
    it(`${token}: every schema input passes the unknown-field rule; a field it lacks is refused`, async () => {
      const names = Object.keys(schema.resources[token].inputProperties);
      const everyField = Object.fromEntries(names.map((n) => [n, null]));
      const passed = await check({}, { ...everyField });
      expect(notAnInput(passed.failures)).toEqual([]);
      const refused = await check({}, { ...everyField, notInTheSchema: "x" });
      expect(notAnInput(refused.failures)).toEqual(["notInTheSchema"]);
    });
  }
});

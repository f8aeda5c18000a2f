/**
 * For tests only: a small interpreter of the JSON Schema keywords the contract files use, so
 * tests can check values against ../shared/assessment/*.schema.json themselves rather than
 * against a second hand-written copy. It throws on any keyword it does not know, so a schema
 * change that needs more of JSON Schema fails loudly instead of passing silently.
 */

export interface SchemaIssue {
  path: string;
  keyword: string;
}

type Schema = Record<string, unknown>;

const IGNORED = new Set(["$schema", "$id", "title", "description", "$defs"]);
const KNOWN = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "required",
  "properties",
  "additionalProperties",
  "items",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minimum",
  "maximum",
  "pattern",
  "minLength",
  "allOf",
  "if",
  "then",
  "else",
  "not",
]);

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    default:
      throw new Error(`unsupported type ${type}`);
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Validates `value` against `schema`; `root` resolves local `#/$defs/...` references. */
export function checkAgainstSchema(
  schema: unknown,
  value: unknown,
  root: unknown = schema,
): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  walk(schema as Schema, value, "", root as Schema, issues);
  return issues;
}

function resolveRef(ref: string, root: Schema): Schema {
  if (!ref.startsWith("#/")) throw new Error(`only local $ref is supported, got ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split("/")) node = (node as Record<string, unknown>)[part];
  if (typeof node !== "object" || node === null) throw new Error(`unresolved $ref ${ref}`);
  return node as Schema;
}

function walk(
  schema: Schema,
  value: unknown,
  path: string,
  root: Schema,
  issues: SchemaIssue[],
): void {
  for (const key of Object.keys(schema)) {
    if (!IGNORED.has(key) && !KNOWN.has(key))
      throw new Error(`unsupported keyword ${key} at ${path}`);
  }
  const fail = (keyword: string, at = path): void => {
    issues.push({ path: at, keyword });
  };
  if (typeof schema.$ref === "string")
    walk(resolveRef(schema.$ref, root), value, path, root, issues);
  if (typeof schema.type === "string" && !typeMatches(schema.type, value)) {
    fail("type");
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(e, value))) fail("enum");
  if ("const" in schema && !deepEqual(schema.const, value)) fail("const");
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) fail("minimum");
    if (typeof schema.maximum === "number" && value > schema.maximum) fail("maximum");
  }
  if (typeof value === "string") {
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value))
      fail("pattern");
    if (typeof schema.minLength === "number" && [...value].length < schema.minLength)
      fail("minLength");
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) fail("minItems");
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems) fail("maxItems");
    if (schema.uniqueItems === true) {
      const seen = value.map((v) => JSON.stringify(v));
      if (new Set(seen).size !== seen.length) fail("uniqueItems");
    }
    if (typeof schema.items === "object" && schema.items !== null) {
      value.forEach((item, i) => walk(schema.items as Schema, item, `${path}[${i}]`, root, issues));
    }
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (!Object.hasOwn(record, name)) fail("required", join(path, name));
    }
    for (const [name, child] of Object.entries(record)) {
      const sub = props[name];
      if (sub !== undefined) walk(sub, child, join(path, name), root, issues);
      else if (schema.additionalProperties === false)
        fail("additionalProperties", join(path, name));
    }
  }
  for (const sub of (schema.allOf ?? []) as Schema[]) walk(sub, value, path, root, issues);
  if (typeof schema.if === "object" && schema.if !== null) {
    const matched = checkAgainstSchema(schema.if, value, root).length === 0;
    const branch = matched ? schema.then : schema.else;
    if (typeof branch === "object" && branch !== null)
      walk(branch as Schema, value, path, root, issues);
  }
  if (typeof schema.not === "object" && schema.not !== null) {
    if (checkAgainstSchema(schema.not, value, root).length === 0) fail("not");
  }
}

function join(path: string, name: string): string {
  return path === "" ? name : `${path}.${name}`;
}

/**
 * The bundled JSON Schemas of front matter (compiled ahead of time in the bundle,
 * else by ajv once per run), and the way back from an ajv error's instance path to
 * the YAML node it is about.
 */
import { createRequire } from "node:module";
import type { Ajv, ValidateFunction } from "ajv";
import { isMap, isSeq, isScalar, type Document, type Node } from "yaml";
import milestoneSchema from "../../schemas/milestone.schema.json" with { type: "json" };
import execplanSchema from "../../schemas/execplan.schema.json" with { type: "json" };
import AJV_OPTIONS from "./ajv-options.json" with { type: "json" };
import { precompiled } from "./precompiled-schemas.js";
import { patternsOf, safeRegExp } from "./safe-pattern.js";
import type { Place, Range } from "../shared/types.js";

export interface JsonSchema {
  required?: string[];
  properties?: Record<string, { description?: string; enum?: unknown[] } & Record<string, unknown>>;
  [keyword: string]: unknown;
}

export const BUNDLED_SCHEMAS: Record<Place["kind"], JsonSchema> = {
  milestone: milestoneSchema as JsonSchema,
  execplan: execplanSchema as JsonSchema,
};

let ajv: Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction>();
for (const kind of ["milestone", "execplan"] as const) {
  const validate = precompiled[kind];
  if (validate) compiled.set(BUNDLED_SCHEMAS[kind], validate);
}

/**
 * ajv's compiler is loaded only for a schema that was not compiled ahead of time (a
 * team's own), whose patterns run in linear time (safe-pattern.ts).
 */
function loadAjv(): Ajv {
  const { Ajv: AjvClass } = createRequire(import.meta.url)("ajv") as typeof import("ajv");
  return new AjvClass({ ...AJV_OPTIONS, code: { regExp: safeRegExp(patternsOf(Object.values(BUNDLED_SCHEMAS))) } });
}

export function validatorFor(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    ajv ??= loadAjv();
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Decodes a JSON Pointer (`/links/issue`) into its segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Where the value (or, with `part: "key"`, the key) at `segments` stands in the file. */
export function locate(
  doc: Document.Parsed,
  segments: readonly string[],
  shift: number,
  part: "key" | "value" = "value",
): Range | undefined {
  let node: Node | null | undefined = doc.contents;
  let keyNode: Node | null | undefined;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) return undefined;
      keyNode = pair.key as Node;
      node = pair.value as Node | null;
      if (!node) {
        const r = keyNode.range;
        return r ? { start: r[0] + shift, end: r[1] + shift } : undefined;
      }
    } else if (isSeq(node)) {
      keyNode = undefined;
      node = node.items[Number(segment)] as Node | undefined;
    } else return undefined;
  }
  const target = part === "key" && keyNode ? keyNode : node;
  const r = target?.range;
  return r ? { start: r[0] + shift, end: r[1] + shift } : undefined;
}

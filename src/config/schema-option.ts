/**
 * The `schemas` option of the rules that read a front matter schema. The config's
 * `schema` setting fills it for every rule whose options schema has this property.
 */
import { BUNDLED_SCHEMAS, type JsonSchema } from "./schemas.js";
import type { Place } from "../shared/types.js";

export interface SchemaOptions {
  schemas?: { milestone?: JsonSchema; execplan?: JsonSchema };
}

export const SCHEMA_OPTIONS_SCHEMA = {
  type: "object",
  properties: { schemas: { type: "object", properties: { milestone: { type: "object" }, execplan: { type: "object" } }, additionalProperties: false } },
  additionalProperties: false,
};

/** The team's schema for this kind of file, or the bundled one. */
export function schemaFor(kind: Place["kind"], options: SchemaOptions): JsonSchema {
  return options.schemas?.[kind] ?? BUNDLED_SCHEMAS[kind];
}

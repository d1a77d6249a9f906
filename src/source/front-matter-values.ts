/** Typed access to top-level front matter values, with where they stand in the file. */
import { isScalar, isSeq } from "yaml";
import type { FrontMatter, Located } from "../shared/types.js";

export type { Located };

/**
 * The value of a top-level key when it is a scalar of the wanted type, from front
 * matter that parsed cleanly; undefined otherwise (the schema and syntax rules say why).
 */
function scalarValue<T>(frontMatter: FrontMatter, key: string, accept: (v: unknown) => v is T): Located<T> | undefined {
  if (frontMatter.data === undefined) return undefined;
  const entry = frontMatter.get(key);
  const node = entry?.pair.value;
  if (!entry || !isScalar(node) || !accept(node.value)) return undefined;
  return { value: node.value, range: entry.value };
}

export function stringValue(frontMatter: FrontMatter, key: string): Located<string> | undefined {
  return scalarValue(frontMatter, key, (v): v is string => typeof v === "string");
}

export function integerValue(frontMatter: FrontMatter, key: string): Located<number> | undefined {
  return scalarValue(frontMatter, key, (v): v is number => typeof v === "number" && Number.isInteger(v));
}

export function listValue(frontMatter: FrontMatter, key: string): Located<unknown[]> | undefined {
  const data = frontMatter.data;
  const entry = frontMatter.get(key);
  if (!entry || !isSeq(entry.pair.value) || data === null || typeof data !== "object") return undefined;
  const value: unknown = (data as Record<string, unknown>)[key];
  return Array.isArray(value) ? { value, range: entry.value } : undefined;
}

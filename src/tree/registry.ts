/**
 * Reads `.agent/exec_plans/registry.json` (docs/format.md §6) with the position of every
 * plan entry and field, so that a stale entry is reported at its own line. JSON is
 * checked with `JSON.parse` (strict) and located with `yaml`, whose parser reads
 * JSON as YAML flow collections and keeps node ranges.
 */
import { stat } from "../shared/read-fs.js";
import path from "node:path";
import { isMap, isScalar, isSeq, parseDocument, type Node } from "yaml";
import { duplicateKeys } from "../source/front-matter.js";
import { findJsonError } from "../source/json-error.js";
import { LineIndex, spanOf } from "../source/line-index.js";
import { findRoot } from "./place.js";
import { readSource } from "../source/read-source.js";
import type { IndexedKey, Overrides, Range, RegistryFile, RegistryPlan } from "../shared/types.js";

export const REGISTRY_FILE = "registry.json";

/** The registry file of an `exec_plans` root. */
export function registryPath(root: string): string {
  return path.join(root, REGISTRY_FILE);
}

/** The root whose registry `abs` is, or undefined when it is not a registry file. */
export function registryRootOf(abs: string): string | undefined {
  if (path.basename(abs) !== REGISTRY_FILE) return undefined;
  const root = findRoot(abs);
  return root && registryPath(root) === abs ? root : undefined;
}

function rangeOf(node: Node | null | undefined): Range | undefined {
  return node?.range ? { start: node.range[0], end: node.range[1] } : undefined;
}

/** The keys of a JSON object node, with their values and positions. */
function fieldsOf(node: Node, lines: LineIndex): Record<string, IndexedKey> {
  const fields: Record<string, IndexedKey> = Object.create(null);
  if (!isMap(node)) return fields;
  for (const pair of node.items) {
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
    const keyRange = rangeOf(key);
    if (!isScalar(key) || !keyRange) continue;
    const valueRange = rangeOf(value) ?? keyRange;
    const entry: IndexedKey = {
      value: value ? (value.toJSON() as unknown) : null,
      keySpan: spanOf(lines, keyRange),
      valueSpan: spanOf(lines, valueRange),
    };
    if (isSeq(value)) entry.itemSpans = value.items.map((item) => spanOf(lines, rangeOf(item as Node) ?? valueRange));
    fields[String(key.value)] = entry;
  }
  return fields;
}

/** Undefined when the root has no registry. Never throws: a broken file comes back with a `problem`. */
export async function readRegistry(root: string, displayPath: string, linted: boolean, overrides?: Overrides): Promise<RegistryFile | undefined> {
  const file = registryPath(root);
  // one that is there but not a regular file (a named pipe) is read, and the reader says why it cannot be
  if (!overrides?.has(file) && !(await stat(file).catch(() => undefined))) return undefined;
  const base = { path: file, displayPath, linted, root, plans: [] as RegistryPlan[] };
  const read = readSource(file, root, overrides);
  if (!read.ok) {
    const line = read.line ?? 1;
    const column = read.column ?? 1;
    return { ...base, problem: { message: read.message, span: { line, column, endLine: line, endColumn: column } } };
  }
  const text = read.text;
  const lines = new LineIndex(text);
  const at = (start: number, end = start) => spanOf(lines, { start, end });
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  try {
    JSON.parse(text.slice(bom));
  } catch {
    const found = findJsonError(text.slice(bom)) ?? { offset: 0, message: "it does not parse" };
    return { ...base, problem: { message: `registry.json is not valid JSON: ${found.message}.`, span: at(found.offset + bom) } };
  }
  // yaml reads a leading BOM as part of the stream, so its ranges are offsets into `text`
  let doc;
  try {
    // duplicate keys are found below, in one pass (yaml's own check is quadratic)
    doc = parseDocument(text, { uniqueKeys: false });
  } catch {
    return { ...base, problem: { message: "registry.json could not be read (it is nested too deeply).", span: at(bom) } };
  }
  const contents = doc.contents as Node | null;
  // a key given twice: every JSON reader keeps the last, and so is it judged here
  const duplicates = duplicateKeys(doc).map(({ key, first }) => {
    const r = rangeOf(key) ?? { start: bom, end: bom };
    return { name: String(key.value), span: at(r.start, r.end), firstLine: at(rangeOf(first)?.start ?? bom).line };
  });
  const plansPair = isMap(contents) ? [...contents.items].reverse().find((p) => isScalar(p.key) && p.key.value === "plans") : undefined;
  const plans = plansPair?.value as Node | null | undefined;
  if (!isSeq(plans)) {
    const where = rangeOf(plans) ?? rangeOf(contents) ?? { start: bom, end: bom };
    return {
      ...base,
      problem: {
        message: plansPair
          ? 'registry.json has a `plans` key that is not a list; expected `"plans": [ {…}, … ]`.'
          : 'registry.json has no `plans` list; expected `{"schema_version": 1, "plans": [ {…}, … ]}`.',
        span: at(where.start),
      },
    };
  }
  const plansKey = rangeOf(plansPair?.key as Node | null);
  return {
    ...base,
    ...(plansKey ? { plansKey: at(plansKey.start, plansKey.end) } : {}),
    ...(duplicates.length > 0 ? { duplicateKeys: duplicates } : {}),
    plans: plans.items.map((item) => {
      const node = item as Node;
      const r = rangeOf(node) ?? { start: bom, end: bom };
      return { span: at(r.start, r.end), fields: fieldsOf(node, lines) };
    }),
  };
}

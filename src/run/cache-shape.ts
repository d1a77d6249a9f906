/**
 * The cache file is data anyone may have edited: every stored entry is checked, to
 * the last field, before a run uses it, and what is stored is checked to come back
 * from JSON exactly as it went in.
 */
import type { BodySummary, Diagnostic, Fix, IndexedKey, IndexedLocalPath, IndexedReference, Span } from "../shared/types.js";
import type { Directive } from "./suppressions.js";

type Shape = Record<string, unknown>;

const isObject = (v: unknown): v is Shape => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isPosition = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1;
const isString = (v: unknown): v is string => typeof v === "string";
const isOptional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);
const isListOf = (v: unknown, check: (v: unknown) => boolean) => Array.isArray(v) && v.every(check);

const hasSpan = (v: unknown): v is Shape => isObject(v) && isPosition(v.line) && isPosition(v.column) && isPosition(v.endLine) && isPosition(v.endColumn);

export function isSpan(v: unknown): v is Span {
  return hasSpan(v);
}

function isFix(v: unknown): v is Fix {
  if (!isObject(v) || !isString(v.text) || !Array.isArray(v.range) || v.range.length !== 2) return false;
  const [start, end] = v.range as unknown[];
  return isCount(start) && isCount(end) && start <= end;
}

/** A stored diagnostic: a Diagnostic without its `file`. */
export function isStoredDiagnostic(v: unknown): v is Omit<Diagnostic, "file"> {
  return (
    hasSpan(v) &&
    isString(v.ruleId) && v.ruleId !== "" &&
    (v.severity === "error" || v.severity === "warn") &&
    isString(v.message) &&
    isOptional(v.fix, isFix) &&
    isOptional(v.suggestion, isString)
  );
}

const DIRECTIVE_KINDS = new Set(["disable", "enable", "disable-next-line", "disable-file"]);

export function isDirective(v: unknown): v is Directive {
  return hasSpan(v) && DIRECTIVE_KINDS.has(v.kind as string) && isListOf(v.ruleIds, isString);
}

/** A span as the cache keeps it: four numbers, not an object of four named fields. */
type PackedSpan = [line: number, column: number, endLine: number, endColumn: number];

/**
 * A front matter key as the cache keeps it: `[...keySpan, ...valueSpan, more, value]`,
 * `more` the spans of a list's items (flat), of a map's values, or null; the value
 * left out when there is none (a front matter YAML cannot read still has its keys).
 * The index of a large tree is most of the cache, and JSON of named spans was three
 * times the size and the time to parse.
 */
export type PackedKey = unknown[];

const packSpan = (s: Span): PackedSpan => [s.line, s.column, s.endLine, s.endColumn];

function unpackSpan(v: unknown[], at: number): Span | undefined {
  const [line, column, endLine, endColumn] = [v[at], v[at + 1], v[at + 2], v[at + 3]];
  return isPosition(line) && isPosition(column) && isPosition(endLine) && isPosition(endColumn) ? { line, column, endLine, endColumn } : undefined;
}

export function packKeys(keys: Record<string, IndexedKey>): Record<string, PackedKey> {
  const packed: Record<string, PackedKey> = Object.create(null);
  for (const [name, k] of Object.entries(keys)) {
    const more = k.itemSpans ? k.itemSpans.flatMap(packSpan) : k.fieldSpans ? Object.fromEntries(Object.entries(k.fieldSpans).map(([f, s]) => [f, packSpan(s)])) : null;
    packed[name] = [...packSpan(k.keySpan), ...packSpan(k.valueSpan), more, ...(k.value === undefined ? [] : [k.value])];
  }
  return packed;
}

function unpackKey(v: unknown): IndexedKey | undefined {
  if (!Array.isArray(v) || (v.length !== 9 && v.length !== 10) || (v.length === 10 && !isJsonExact(v[9]))) return undefined;
  const keySpan = unpackSpan(v, 0);
  const valueSpan = unpackSpan(v, 4);
  if (!keySpan || !valueSpan) return undefined;
  const key: IndexedKey = { value: v[9], keySpan, valueSpan };
  const more: unknown = v[8];
  if (Array.isArray(more)) {
    if (more.length % 4 !== 0) return undefined;
    const items: Span[] = [];
    for (let at = 0; at < more.length; at += 4) {
      const span = unpackSpan(more, at);
      if (!span) return undefined;
      items.push(span);
    }
    key.itemSpans = items;
  } else if (isObject(more)) {
    const fields: Record<string, Span> = Object.create(null);
    for (const [name, s] of Object.entries(more)) {
      const span = Array.isArray(s) && s.length === 4 ? unpackSpan(s, 0) : undefined;
      if (!span) return undefined;
      fields[name] = span;
    }
    key.fieldSpans = fields;
  } else if (more !== null) return undefined;
  return key;
}

/** The front matter keys kept for the whole-tree index, or undefined when `v` is not what packKeys writes. */
export function unpackKeys(v: unknown): Record<string, IndexedKey> | undefined {
  if (!isObject(v)) return undefined;
  const keys: Record<string, IndexedKey> = Object.create(null);
  for (const [name, packed] of Object.entries(v)) {
    const key = unpackKey(packed);
    if (!key) return undefined;
    keys[name] = key;
  }
  return keys;
}

/** What the board shows of a file's body. */
export function isBodySummary(v: unknown): v is BodySummary {
  if (!isObject(v) || !isObject(v.tasks) || !isCount(v.tasks.done) || !isCount(v.tasks.total)) return false;
  const { health } = v;
  const healthOk = health === undefined || (isObject(health) && isListOf(health.columns, isString) && isListOf(health.rows, (row) => isListOf(row, isString)));
  return healthOk && isOptional(v.plan, isPlanBodySummary);
}

const OUTCOMES = new Set(["written", "empty", "to come"]);
const STATUS_FROM = new Set(["front matter", "status line"]);

/** What the board shows of a plan of the PLANS.md practice. */
function isPlanBodySummary(v: unknown): boolean {
  if (!isObject(v)) return false;
  const { status, progress } = v;
  return (
    isOptional(v.title, isString) &&
    isOptional(status, (s) => isObject(s) && isString(s.value) && STATUS_FROM.has(s.from as string) && typeof s.done === "boolean") &&
    isOptional(progress, (p) => isObject(p) && isCount(p.done) && isCount(p.total) && p.done <= p.total) &&
    isOptional(v.lastActivity, (d) => isString(d) && /^\d{4}-\d{2}-\d{2}$/.test(d)) &&
    isOptional(v.outcomes, (o) => OUTCOMES.has(o as string))
  );
}

const isRange = (v: unknown) => isObject(v) && isCount(v.start) && isCount(v.end) && v.start <= v.end;

/** The paths a plan refers to. */
export function isIndexedReferences(v: unknown): v is IndexedReference[] {
  return isListOf(v, (r) => isObject(r) && isString(r.path) && isSpan(r.span) && isRange(r.range) && (r.kind === "link" || r.kind === "code"));
}

/** The local paths written in a plan. */
export function isIndexedLocalPaths(v: unknown): v is IndexedLocalPath[] {
  return isListOf(
    v,
    (l) => isObject(l) && isString(l.token) && isSpan(l.span) && isRange(l.range) && typeof l.strong === "boolean" && isListOf(l.tail, isString) && isOptional(l.inCheckout, isString),
  );
}

/** Whether the list holds stored diagnostics and the other directives. */
export function areStoredResults(diagnostics: unknown, directives: unknown): boolean {
  return isListOf(diagnostics, isStoredDiagnostic) && isListOf(directives, isDirective);
}

/**
 * Whether `value` survives JSON unchanged: plain objects and arrays of strings,
 * finite numbers, booleans and null, without cycles. A YAML alias can make a front
 * matter value that refers to itself, and `.inf` is a number JSON has not.
 */
export function isJsonExact(value: unknown, seen = new Set<object>()): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== "object" || seen.has(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return false;
  seen.add(value);
  // for…of, not every(): a hole in an array is no value, and JSON would write null
  const items = Array.isArray(value) ? value : Object.values(value);
  let ok = true;
  for (const item of items) if (!(ok = isJsonExact(item, seen))) break;
  seen.delete(value);
  return ok;
}

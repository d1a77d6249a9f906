/**
 * The `pattern`s of a team's own JSON Schemas (and `patternProperties`), run with
 * re2js, RE2 in pure JavaScript: linear in the length of the text whatever the
 * pattern, where JavaScript's backtracking engine takes exponential time on
 * `^(a+)+$` and the like, and one front matter value would hold the run. Loaded only
 * when such a schema is compiled (≈ 7 ms). The patterns of the bundled schemas are
 * ours, written to run in linear time with JavaScript's engine (one needs a
 * lookahead, which RE2 has not): they run as written, in a schema extended by a
 * team's too.
 */
import { createRequire } from "node:module";

interface RegExpLike {
  test(text: string): boolean;
  toString(): string;
}

let re2js: typeof import("re2js") | undefined;

/** The patterns of `schemas`, anywhere in them: `pattern` values and `patternProperties` keys. */
export function patternsOf(schemas: readonly unknown[]): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "pattern" && typeof value === "string") found.add(value);
      if (key === "patternProperties" && value !== null && typeof value === "object") for (const p of Object.keys(value)) found.add(p);
      visit(value);
    }
  };
  schemas.forEach(visit);
  return found;
}

/**
 * ajv's `code.regExp`: a pattern of `ours` as JavaScript's RegExp, any other
 * compiled with RE2, or a sentence saying why it cannot be (RE2 has no lookaround
 * and no backreferences).
 */
export function safeRegExp(ours: ReadonlySet<string>): ((pattern: string, flags: string) => RegExpLike) & { code: string } {
  const compile = (pattern: string, flags: string): RegExpLike => {
    if (ours.has(pattern)) return new RegExp(pattern, flags);
    // loaded from node_modules, not bundled: most runs never need it
    re2js ??= createRequire(import.meta.url)("re2js") as typeof import("re2js");
    try {
      return re2js.RE2JS.compile(pattern);
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).replace(/^error parsing regexp: /, "");
      throw new Error(`pattern ${JSON.stringify(pattern)} is not one RE2 runs (${reason}): the patterns of your schemas run with RE2, in time linear in the text, which has no lookaround and no backreferences`);
    }
  };
  // ajv writes this into code it generates, which it does only for a standalone build (never here)
  return Object.assign(compile, { code: "safeRegExp" });
}

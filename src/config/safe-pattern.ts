/**
 * The `pattern`s of a team's own JSON Schemas (and `patternProperties`), run with
 * re2js, RE2 in pure JavaScript: linear in the length of the text whatever the
 * pattern, where JavaScript's backtracking engine takes exponential time on
 * `^(a+)+$` and the like, and one front matter value would hold the run. Loaded only
 * when such a schema is compiled (≈ 7 ms); the bundled schemas are compiled ahead of
 * time with patterns of our own.
 */
import { createRequire } from "node:module";

interface LinearRegExp {
  test(text: string): boolean;
  toString(): string;
}

let re2js: typeof import("re2js") | undefined;

/** ajv's `code.regExp`: compiles `pattern` with RE2, or says why it cannot (RE2 has no lookaround and no backreferences). */
export function linearRegExp(pattern: string): LinearRegExp {
  // loaded from node_modules, not bundled: most runs never need it
  re2js ??= createRequire(import.meta.url)("re2js") as typeof import("re2js");
  try {
    return re2js.RE2JS.compile(pattern);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/^error parsing regexp: /, "");
    throw new Error(`pattern ${JSON.stringify(pattern)} is not one RE2 runs (${reason}): the patterns of your schemas run with RE2, in time linear in the text, which has no lookaround and no backreferences`);
  }
}
// ajv writes this into code it generates; it generates none here (no standalone build of these schemas)
linearRegExp.code = 'require("re2js").RE2JS.compile';

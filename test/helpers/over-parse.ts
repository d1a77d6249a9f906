/** How long rules take on a file beyond the Markdown parse they share and do not control: the parse is timed alone first. */
import { lintSource, type ActiveRule, type FileOutcome } from "../../src/run/lint-file.js";
import type { FilePlace, FileRule, SourceFile } from "../../src/shared/types.js";
import { FIXTURE_TODAY } from "./fixtures.js";

type AnyRule = FileRule<Record<string, unknown>, FilePlace>;

/** The milliseconds `rules` take on `source` on top of its parse, and their outcome. */
export function timeOverParse(source: SourceFile, rules: ActiveRule<AnyRule>[]): { ms: number; outcome: FileOutcome } {
  const parseOnly: ActiveRule<AnyRule> = {
    rule: { meta: { id: "parse-only", description: "", severity: "error", appliesTo: [source.place.kind], docsUrl: "" }, check: (context) => void context.ast() },
    severity: "error",
    options: {},
  };
  let started = performance.now();
  lintSource(source, [parseOnly], FIXTURE_TODAY);
  const parse = performance.now() - started;
  started = performance.now();
  const outcome = lintSource(source, rules, FIXTURE_TODAY);
  return { ms: performance.now() - started - parse, outcome };
}

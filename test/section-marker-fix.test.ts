/**
 * `--fix` for section-marker-required, through lintSource: the missing markers are
 * inserted above their headings with the file's own line ending, the result is the
 * expected file, and fixing again changes nothing.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sectionMarkerRequired } from "../rules/section-marker-required.js";
import { lintSource, type ActiveRule } from "../src/run/lint-file.js";
import { classify } from "../src/tree/place.js";
import type { FileRule, SourceFile } from "../src/shared/types.js";
import { FIXTURES, FIXTURE_TODAY } from "./helpers/fixtures.js";

const FILE = ".agent/exec_plans/search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md";
const RULES: ActiveRule<FileRule>[] = [
  { rule: sectionMarkerRequired as FileRule, severity: "error", options: { ...sectionMarkerRequired.meta.defaultOptions } },
];

function source(caseName: string, text?: string): SourceFile {
  const abs = path.join(FIXTURES, "rules", "section-marker-required", caseName, FILE);
  const place = classify(abs);
  if (!place) throw new Error(`${abs} is not a milestone path`);
  return { path: abs, displayPath: FILE, text: text ?? readFileSync(abs, "utf8"), place };
}

describe("section-marker-required --fix", () => {
  it.each(["heading-without-marker", "heading-without-marker-crlf"])("%s: inserts the markers above their headings", (name) => {
    const before = source(name);
    const expected = readFileSync(path.join(FIXTURES, "fix", "section-marker-required", `${name}.expected.md`), "utf8");
    const once = lintSource(before, RULES, FIXTURE_TODAY, true);
    expect(once.fixedText).toBe(expected);
    expect(once.diagnostics).toEqual([]);
    const twice = lintSource({ ...before, text: expected }, RULES, FIXTURE_TODAY, true);
    expect(twice.fixedText).toBeUndefined();
    expect(twice.diagnostics).toEqual([]);
  });

  it("turns a file with headings but no markers into the valid fixture", () => {
    const before = source("no-markers");
    const expected = readFileSync(path.join(FIXTURES, "valid", FILE), "utf8");
    expect(before.text).not.toBe(expected);
    const fixed = lintSource(before, RULES, FIXTURE_TODAY, true);
    expect(fixed.fixedText).toBe(expected);
    expect(fixed.diagnostics).toEqual([]);
  });

  it("offers no fix when the heading already follows another section's marker", () => {
    const valid = source("valid");
    const text = valid.text.replace("<!-- SECTION: Objective -->\n", "<!-- SECTION: Scope -->\n");
    expect(text).not.toBe(valid.text);
    const result = lintSource({ ...valid, text }, RULES, FIXTURE_TODAY, true);
    expect(result.fixedText).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.line, d.column, d.message, d.fix])).toEqual([
      [
        27,
        1,
        'Section marker "<!-- SECTION: Objective -->" is missing above the heading "## Objective", which follows "<!-- SECTION: Scope -->" instead; put "<!-- SECTION: Objective -->" on its own line directly before the heading.',
        undefined,
      ],
    ]);
  });
});

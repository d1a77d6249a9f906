/**
 * Property-based tests at the `lintSource` level (fast-check). For mutated valid
 * files and arbitrary YAML front matter: the linter never throws, every position
 * lies inside the file, two runs agree. For the hostile shapes of issue 12 (long
 * delimiter runs, HTML openers, deep containers, duplicate keys, lone CR, hostile
 * file names): no rule crashes, every suggestion stays one line, and the report
 * prints no raw control character. For every fixable diagnostic: the fix
 * stays in its range, the fixed text re-lints without that diagnostic, and a
 * second `--fix` changes nothing.
 *
 * FUZZ_RUNS sets the number of cases per property (default 200; `npm run fuzz`
 * runs 100 000). A failure prints the seed and the shrunk counterexample.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { applyFixes } from "../src/fix/fix.js";
import { LineIndex } from "../src/source/line-index.js";
import { lintSource } from "../src/run/lint-file.js";
import { summarize } from "../src/run/engine.js";
import { stylish } from "../src/report/stylish.js";
import { parseGitMv } from "../src/tree/git-mv.js";
import { classify } from "../src/tree/place.js";
import type { Diagnostic, SourceFile } from "../src/shared/types.js";
import { FIXTURES, FIXTURE_TODAY } from "./helpers/fixtures.js";
import { ALL_FILE_RULES } from "./helpers/rules.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
/** Room for the long run: a case takes 5–20 ms on a busy 2-core machine. */
const TIMEOUT = Math.max(30_000, RUNS * 50);

const BASES = [
  ".agent/exec_plans/search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md",
  ".agent/exec_plans/search-index/milestones/archive/2026/03/02/EP-20260210-003_MS001_tsvector-column.md",
  ".agent/exec_plans/search-index/EP-20260210-003_search-index.md",
].map((rel): SourceFile => {
  const abs = path.join(FIXTURES, "valid", rel);
  return { path: abs, displayPath: rel, place: classify(abs)!, text: readFileSync(abs, "utf8") };
});
/** Plans of the PLANS.md practice, with and without front matter, one with a mistake for every fixable rule. */
for (const [repo, rel] of [
  ["docs-layout-broken", "docs/exec-plans/active/billing-retries.md"],
  ["docs-layout-broken", "docs/exec-plans/active/rate-limits.md"],
  ["agents-bilingual-broken", ".agents/plans/search-ranking/plan.md"],
] as const) {
  const root = path.join(FIXTURES, "execplan", repo);
  const abs = path.join(root, rel);
  BASES.push({ path: abs, displayPath: rel, place: { kind: "plan", root, fileName: path.basename(rel), state: "active" }, text: readFileSync(abs, "utf8") });
}

/** Pieces that matter to a front matter and Markdown reader, to mix with arbitrary characters. */
const TOKENS = [
  "---", "---\n", "\n", "\r\n", "\r", "\uFEFF", "\t", " ", ": ", "- ", "? ", "#", "##", "|", "<!--", "-->", "`", "```",
  '"', "'", "[", "]", "{", "}", "&a", "*a", "!!str", "~", "null", "2026-02-30", "EP-20260210-003/MS002", "\0", "\uD800", "é", "🙂",
];
const piece = fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 }), fc.string({ unit: "binary", maxLength: 4 }));
const snippet = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(""));

type Mutation = (text: string) => string;
const at = (text: string, f: number) => Math.floor(f * (text.length + 1));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), snippet).map(([f, s]): Mutation => (t) => t.slice(0, at(t, f)) + s + t.slice(at(t, f))),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(40)).map(([f, n]): Mutation => (t) => t.slice(0, at(t, f)) + t.slice(at(t, f) + n)),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(20), snippet).map(([f, n, s]): Mutation => (t) => t.slice(0, at(t, f)) + s + t.slice(at(t, f) + n)),
  fc.constantFrom<Mutation>(
    (t) => `\uFEFF${t}`,
    (t) => `\n\n${t}`,
    (t) => t.replace(/\n/g, "\r\n"),
    (t) => t.replace(/\n/g, "\r"),
    (t) => t.replace("\n---\n", "\n"),
  ),
);

const mutatedFile = fc
  .tuple(fc.constantFrom(...BASES), fc.array(mutation, { minLength: 1, maxLength: 5 }))
  .map(([base, ms]): SourceFile => ({ ...base, text: ms.reduce((t, m) => m(t), base.text) }));

const yamlValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.date({ noInvalidDate: true }));
const arbitraryFrontMatter = fc
  .tuple(
    fc.constantFrom(...BASES),
    fc.oneof(
      fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom("__proto__", "constructor", "id", "ms", "status", "title")), yamlValue, { maxKeys: 8 }).map((o) => stringify(o)),
      fc.array(piece, { maxLength: 30 }).map((parts) => parts.join("")),
    ),
  )
  .map(([base, yaml]): SourceFile => {
    const body = base.text.slice(base.text.indexOf("\n---\n", 4) + 5);
    return { ...base, text: `---\n${yaml}${yaml.endsWith("\n") ? "" : "\n"}---\n${body}` };
  });

const anyFile = fc.oneof(mutatedFile, arbitraryFrontMatter);
/** Files that often need fixing: a BOM or blank lines put before any of them. */
const fixableFile = fc
  .tuple(anyFile, fc.constantFrom("", "\uFEFF", "\n", "\r\n\r\n", "\uFEFF\n \t\n", "\r"))
  .map(([source, prefix]): SourceFile => ({ ...source, text: prefix + source.text }));

/**
 * The shapes of the second audit (issue 12), at sizes that reach the guards: long
 * runs of delimiters, HTML openers that never close, deep containers, a front
 * matter line repeated, thousands of lines, any line ending (lone CR included),
 * and file names with controls, quotes, `-` and bidirectional marks.
 */
const NAME_PIECES = ["\x1b[2J", "\x1b]52;c;eA==\x07", "\u009b", "\u202e", "\n", "\r", "\t", "'", '"', " ", "-", "$", "`", "\\", "é"];
const hostileName = fc
  .array(fc.oneof(fc.constantFrom(...NAME_PIECES), fc.string({ maxLength: 4 })), { maxLength: 6 })
  .map((parts) => parts.join("").replace(/[/\0]/g, ""));
const size = fc.integer({ min: 1, max: 800 });
const hostileInsert = fc.oneof(
  fc.tuple(fc.constantFrom("*", "_", "`", "~", "*_", "**"), size, fc.constantFrom("a", " ", "")).map(([m, n, mid]) => `${m.repeat(n)}${mid}${m.repeat(n)}`),
  fc.tuple(fc.constantFrom("<!", "<!a ", "<![CDATA[ ", "<!-- ", "<? ", "<a ", "<!-- milestone-lint-disable "), size).map(([o, n]) => o.repeat(n)),
  fc.tuple(fc.constantFrom("> ", "- ", "1. ", "  - ", "* "), fc.integer({ min: 1, max: 200 })).map(([m, n]) => `${m.repeat(n)}x`),
  // past the 10 000 lines of a body, or not
  fc.tuple(fc.constantFrom("- a\n", "<!-- SECTION: Scope -->\n", "| a | **b** |\n"), fc.oneof({ arbitrary: fc.integer({ min: 1, max: 300 }), weight: 9 }, { arbitrary: fc.constant(10_001), weight: 1 })).map(([line, n]) => line.repeat(n)),
);
type Shape = (text: string, at: number) => string;
const hostileShape: fc.Arbitrary<Shape> = fc.oneof(
  hostileInsert.map((insert): Shape => (t, f) => t.slice(0, at(t, f)) + insert + t.slice(at(t, f))),
  // a front matter line given again and again (duplicate keys)
  fc.integer({ min: 1, max: 300 }).map((n): Shape => (t, f) => {
    const close = t.indexOf("\n---", 4);
    const lines = t.slice(4, close).split("\n");
    const line = lines[Math.floor(f * lines.length)] ?? "id: x";
    return `---\n${`${line}\n`.repeat(n)}${t.slice(4)}`;
  }),
);
const hostileFile = fc
  .tuple(fc.constantFrom(...BASES), hostileShape, fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom("\n", "\r\n", "\r"), hostileName)
  .map(([base, shape, f, eol, name]): SourceFile => {
    const text = shape(base.text, f).replace(/\r\n|\r|\n/g, eol);
    const renamed = path.join(path.dirname(base.path), `${base.place.kind === "milestone" ? "EP-20260210-003_MS002_" : "EP-20260210-003_"}${name}.md`);
    const place = classify(renamed);
    return place ? { path: renamed, displayPath: path.join(path.dirname(base.displayPath), path.basename(renamed)), place, text } : { ...base, text };
  });

function lint(source: SourceFile, fix = false) {
  return lintSource(source, ALL_FILE_RULES, FIXTURE_TODAY, fix);
}

function expectInside(text: string | LineIndex, d: Diagnostic): void {
  const lines = typeof text === "string" ? new LineIndex(text) : text;
  const lineLength = (line: number) => lines.lineEnd(line) - lines.lineStart(line);
  const where = `${d.ruleId} ${d.line}:${d.column}-${d.endLine}:${d.endColumn}`;
  expect(d.line >= 1 && d.line <= lines.lineCount, where).toBe(true);
  expect(d.endLine >= d.line && d.endLine <= lines.lineCount, where).toBe(true);
  expect(d.column >= 1 && d.column <= lineLength(d.line) + 1, where).toBe(true);
  expect(d.endColumn >= 1 && d.endColumn <= lineLength(d.endLine) + 1, where).toBe(true);
  if (d.endLine === d.line) expect(d.endColumn >= d.column, where).toBe(true);
}

const key = (d: Diagnostic) => `${d.ruleId}\u0000${d.message}`;
const count = (list: Diagnostic[], k: string) => list.filter((d) => key(d) === k).length;

describe("properties of a lint (fast-check)", () => {
  it(
    "never throws, no rule crashes, every position lies inside the file, two runs agree",
    () => {
      fc.assert(
        fc.property(anyFile, (source) => {
          const first = lint(source);
          expect(first.internalErrors).toBe(0);
          for (const d of first.diagnostics) expectInside(source.text, d);
          expect(lint(source)).toEqual(first);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "on the audit's hostile shapes: no rule crashes, positions inside, every suggestion one line, nothing raw in the report",
    () => {
      fc.assert(
        fc.property(hostileFile, (source) => {
          const first = lint(source);
          expect(first.internalErrors).toBe(0);
          const lines = new LineIndex(source.text);
          for (const d of first.diagnostics) {
            expectInside(lines, d);
            if (d.suggestion === undefined) continue;
            expect(d.suggestion, d.ruleId).not.toMatch(/[\n\r]/);
            const move = parseGitMv(d.suggestion);
            if (d.suggestion.includes("git mv")) expect(move, d.suggestion).toBeDefined();
          }
          const report = stylish(summarize(new Map([[source.displayPath, first.diagnostics]]), 0), { cwd: "/", color: false, rules: {}, version: "0" });
          expect(report).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        }),
        { numRuns: RUNS },
      );
      // every piece of a hostile name (but `-`, which a slug may hold) reaches a suggested rename, one line that reads back
      const [base] = BASES as [SourceFile];
      for (const piece of NAME_PIECES.filter((p) => p !== "-")) {
        const renamed = path.join(path.dirname(base.path), `EP-20260210-003_MS002_a${piece}b.md`);
        const suggestion = lint({ ...base, path: renamed, displayPath: renamed, place: classify(renamed)! }).diagnostics.find((d) => d.suggestion)?.suggestion;
        expect(suggestion, JSON.stringify(piece)).toMatch(/^git mv -- /);
        expect(suggestion).not.toMatch(/[\n\r]/);
        expect(parseGitMv(suggestion as string)?.from).toBe(renamed);
      }
    },
    TIMEOUT,
  );

  it(
    "every fix stays in its range and removes its diagnostic; --fix is done in one go",
    () => {
      let fixable = 0;
      fc.assert(
        fc.property(fixableFile, (source) => {
          const before = lint(source).diagnostics;
          for (const d of before) {
            if (!d.fix) continue;
            fixable++;
            const [start, end] = d.fix.range;
            expect(0 <= start && start <= end && end <= source.text.length, `${d.ruleId} fix range`).toBe(true);
            const fixed = applyFixes(source.text, [d.fix]);
            // every byte outside the fix's range is unchanged
            expect(fixed.slice(0, start)).toBe(source.text.slice(0, start));
            expect(fixed.slice(start + d.fix.text.length)).toBe(source.text.slice(end));
            const after = lint({ ...source, text: fixed }).diagnostics;
            expect(count(after, key(d)), `${d.ruleId} after its fix`).toBeLessThan(count(before, key(d)));
          }
          const once = lint(source, true);
          if (once.fixedText === undefined) return;
          expect(once.diagnostics.filter((d) => d.fix)).toEqual([]);
          expect(lint({ ...source, text: once.fixedText }, true).fixedText).toBeUndefined();
        }),
        { numRuns: RUNS },
      );
      // the generators must reach the fixes, or this property proves nothing
      expect(fixable).toBeGreaterThan(RUNS / 4);
    },
    TIMEOUT,
  );
});

/**
 * No regular expression applied to file content can be driven into catastrophic
 * backtracking: long adversarial lines, in the body, in every front matter value
 * and as a key, go through every built-in rule (file and project rules, whatever
 * their default severity), and each file is linted well under a second (less
 * remark's own Markdown parse, which is bounded by the file size limit).
 *
 * A quadratic pattern on 50 000 characters takes seconds (the title pattern this
 * test caught took 1.3 s on 40 000), so the limit separates them clearly.
 */
import { describe, expect, it } from "vitest";
import path from "node:path";
import { builtinRules } from "../rules/index.js";
import { readFrontMatter } from "../src/source/front-matter.js";
import { lintSource } from "../src/run/lint-file.js";
import { BodyNotParsed, parseMarkdown } from "../src/source/markdown.js";
import { classify } from "../src/tree/place.js";
import { runProjectRules } from "../src/run/project.js";
import { FIXTURES, FIXTURE_TODAY } from "./helpers/fixtures.js";
import { ALL_FILE_RULES, ALL_PROJECT_RULES } from "./helpers/rules.js";
import { VALID_MILESTONE, validMilestoneText } from "./helpers/hostile-tree.js";

const N = 50_000;
const BODY_N = 20_000;
const LIMIT_MS = 1000;

const ADVERSARIAL: Record<string, string> = {
  spaces: " ".repeat(N),
  tabs: "\t".repeat(N),
  "comment openers": "<!--".repeat(N / 4),
  "list markers": "- ".repeat(N / 2),
  pipes: "|".repeat(N),
  "unclosed double quote": `"${"a ".repeat(N / 2)}`,
  "unclosed single quote": `'${"a ".repeat(N / 2)}`,
  "unclosed backticks": `\`${"a ".repeat(N / 2)}`,
  hashes: "#".repeat(N),
  brackets: "[".repeat(N),
  "words and spaces": "x ".repeat(N / 2),
  "id prefixes": "EP-20260210-003/MS".repeat(N / 18),
  "date prefixes": "2026-11-2".repeat(N / 9),
  handles: "@a/".repeat(N / 3),
  backslashes: "\\".repeat(N),
};

const FILE_RULES = ALL_FILE_RULES;
const PROJECT_RULES = ALL_PROJECT_RULES;

const valid = validMilestoneText();
const absPath = path.join(FIXTURES, "valid", VALID_MILESTONE);
const place = classify(absPath)!;
const PLAN = ".agent/exec_plans/search-index/EP-20260210-003_search-index.md";
const planPath = path.join(FIXTURES, "valid", PLAN);
const planPlace = classify(planPath)!;

const FRONT_MATTER_KEYS = [...valid.slice(4, valid.indexOf("\n---\n")).matchAll(/^([a-z_]+):/gm)].map((m) => m[1]!);

/**
 * The title (free text, the likeliest target of a pattern) and three more keys,
 * a different three for each line: every key meets several lines, and the run stays short.
 */
function keysFor(a: string): string[] {
  const i = Object.values(ADVERSARIAL).indexOf(a);
  const others = FRONT_MATTER_KEYS.filter((k) => k !== "title");
  return ["title", ...[0, 1, 2].map((j) => others[(3 * i + j) % others.length]!)];
}

/** The places a line goes: the body, each front matter value in turn (the string `a` and a newline), a key. */
function variants(a: string): [string, string][] {
  const value = JSON.stringify(`${a}\n`);
  // remark's parse of long odd lines takes seconds (backslashes: 3 s for 300 000); a shorter body line keeps the run short
  const b = a.slice(0, BODY_N);
  return [
    ["body lines", `${valid}\n${b}\n\n## ${b}\n\n| ${b} |\n| --- |\n\n<!-- ${b}\n\n- ${b}\n`],
    ...keysFor(a).map((key): [string, string] => [`value of ${key}`, valid.replace(new RegExp(`^${key}:.*$`, "m"), `${key}: ${value}`)]),
    ["a key", valid.replace("---\n\n", `${JSON.stringify(a)}: 1\n---\n\n`)],
  ];
}

function timeLint(text: string, plan: boolean) {
  const source = plan
    ? { path: planPath, displayPath: PLAN, text, place: planPlace }
    : { path: absPath, displayPath: VALID_MILESTONE, text, place };
  // remark's own parse (what `ast()` costs) is not a pattern of ours: it is bounded by the
  // size limit, not here. Timed first, cold, so that it is not under-counted.
  let started = performance.now();
  try {
    parseMarkdown(text, readFrontMatter(text));
  } catch (error) {
    // a line of thousands of list markers nests too deeply to parse: refused at once
    if (!(error instanceof BodyNotParsed)) throw error;
  }
  const parse = performance.now() - started;
  started = performance.now();
  const outcome = lintSource(source, FILE_RULES, FIXTURE_TODAY);
  runProjectRules({ roots: [place.root], entries: [outcome.entry], registries: [] }, PROJECT_RULES, FIXTURE_TODAY);
  return { ms: performance.now() - started - parse, outcome };
}

describe("long adversarial lines through every built-in rule", () => {
  it("the rules under test include every built-in rule, and every front matter key is a place", () => {
    expect(FILE_RULES.length + PROJECT_RULES.length).toBe(builtinRules.length);
    expect(FRONT_MATTER_KEYS).toEqual(["id", "execplan_id", "ms", "title", "status", "domain", "owner", "created", "updated", "tags", "risk", "links"]);
  });

  for (const [name, a] of Object.entries(ADVERSARIAL)) {
    it(`${name}: each file linted in under ${LIMIT_MS} ms, no rule crashing`, () => {
      for (const [where, text] of variants(a)) {
        // the plan rules see the same lines too: a milestone-shaped file under a plan's path
        for (const plan of where === "value of title" ? [false, true] : [false]) {
          const { ms, outcome } = timeLint(text, plan);
          const label = `${where} (${plan ? "plan" : "milestone"})`;
          expect(outcome.internalErrors, label).toBe(0);
          expect(ms, label).toBeLessThan(LIMIT_MS);
        }
      }
    });
  }
});

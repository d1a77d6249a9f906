/**
 * The body rules on long hostile lines: they do not crash, and their time on top
 * of the Markdown parse (which they share and do not control) stays small: no
 * backtracking regular expression, no quadratic scan.
 */
import { describe, expect, it } from "vitest";
import { builtinRules } from "../rules/index.js";
import { readFrontMatter } from "../src/source/front-matter.js";
import { lintSource, type ActiveRule } from "../src/run/lint-file.js";
import { parseMarkdown } from "../src/source/markdown.js";
import { classify } from "../src/tree/place.js";
import type { FileRule } from "../src/shared/types.js";
import { FIXTURE_TODAY } from "./helpers/fixtures.js";
import { timeOverParse } from "./helpers/over-parse.js";
import { severityOn } from "./helpers/rules.js";

const BODY_RULES = new Set([
  "section-marker-required",
  "section-marker-unknown",
  "section-marker-duplicate",
  "section-order",
  "section-heading",
  "section-marker-in-code",
  "title-matches-heading",
  "no-template-placeholder",
  "changelog-entry",
]);
const rules: ActiveRule<FileRule>[] = builtinRules
  .filter((r) => BODY_RULES.has(r.meta.id))
  .map((r) => ({ rule: r as FileRule, severity: severityOn(r.meta), options: { ...r.meta.defaultOptions } }));

const PATH = "/repo/.agent/exec_plans/p/milestones/active/EP-20260117-014_MS003_x.md";
const HEAD = "---\nid: EP-20260117-014/MS003\ntitle: x\nupdated: 2026-01-20\n---\n\n";
const N = 5_000;

const hostile: Record<string, string> = {
  "many comment openers on one line": "<!--".repeat(N),
  "comment openers in a code block": `\`\`\`\n${"<!-- SECTION".repeat(N)}\n\`\`\`\n`,
  "a long table row": `| a | b |\n| --- | --- |\n${"| \\".repeat(N)}\n`,
  "a long changelog entry": `## Changelog\n\n- ${"2026-".repeat(N)} — x\n- 2026-01-01 ${"—".repeat(N)}\n`,
  "many headings with placeholders": "### Workstream <Name>\n".repeat(N / 10),
  "a long near-miss marker": `<!-- SECTON: ${"Objective ".repeat(N / 10)}-->\n`,
  "many markers, headings and misspellings": "<!-- SECTION: Scope -->\n## Scope\n<!-- SECTON: Scope -->\n## Risks\n".repeat(N / 8),
  "placeholders everywhere": "YYYY-MM-DD MS### … ".repeat(N / 10),
};

describe("body rules on hostile input", () => {
  it.each(Object.entries(hostile))("%s", (_name, body) => {
    const place = classify(PATH);
    if (!place) throw new Error("not a milestone path");
    const { ms, outcome } = timeOverParse({ path: PATH, displayPath: "x.md", text: HEAD + body, place }, rules);
    expect(outcome.internalErrors).toBe(0);
    expect(ms).toBeLessThan(1500);
  }, 30_000); // the machine may be busy: the bound that matters is the one above
});

describe("a body nested too deeply to parse", () => {
  const lint = (body: string, head = HEAD) => {
    const place = classify(PATH);
    if (!place) throw new Error("not a milestone path");
    return lintSource({ path: PATH, displayPath: "x.md", text: head + body, place }, rules, FIXTURE_TODAY);
  };
  const unreadable = (r: ReturnType<typeof lint>) => r.diagnostics.filter((d) => d.ruleId === "unreadable-file").map((d) => [d.line, d.column]);
  const bodyLine = HEAD.split("\n").length; // the first line of the body

  it("is refused before parsing: one error at its line, no rule crashes", () => {
    const stairs = Array.from({ length: 120 }, (_, i) => `${"  ".repeat(i)}- level ${i + 1}`).join("\n");
    const cases: [string, number][] = [
      // 100 000 `> ` on one line took remark 90 s, and the tree overflowed every recursive walk
      ["> ".repeat(100_000), 0],
      ["- ".repeat(100_000), 0],
      ["1. ".repeat(60_000), 0],
      ["> - ".repeat(60), 0],
      // the 101st level of a list nested one level a line
      [stairs, 100],
    ];
    for (const [body, line] of cases) {
      const r = lint(`Intro.\n\n${body}\n`);
      expect(unreadable(r)).toEqual([[bodyLine + 2 + line, 1]]);
      expect(r.internalErrors).toBe(0);
      expect(r.diagnostics).toHaveLength(1);
      expect(r.diagnostics[0]?.message).toContain("more than 100 levels deep");
    }
  });

  it("is parsed when the nesting stays within 100 levels, however deep the indentation", () => {
    const nested = Array.from({ length: 90 }, (_, i) => `${"  ".repeat(i)}- level ${i + 1}`).join("\n");
    const lazy = `${"> ".repeat(60)}x\nlazy line\n${"> ".repeat(60)}y`;
    const indentedCode = `\`\`\`\n${" ".repeat(400)}deep\n\`\`\`\n\n${" ".repeat(400)}indented code`;
    for (const body of [`${"> ".repeat(99)}x`, nested, lazy, indentedCode, `- a\n\n${" ".repeat(300)}- b`]) {
      expect(unreadable(lint(`${body}\n`))).toEqual([]);
    }
  });

  it("and a body of more than 10 000 lines, is refused at its 10 001st line (remark took 25 s for 120 000 list items)", () => {
    const closing = HEAD.split("\n").indexOf("---", 1) + 1; // the line of the closing `---`
    const r = lint("- a\n".repeat(12_000));
    expect(unreadable(r)).toEqual([[closing + 10_000, 1]]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]?.message).toContain("more than 10000 lines");
    expect(unreadable(lint("a\n".repeat(9_990)))).toEqual([]);
  });

  it("does not count the front matter, which YAML may indent as deeply as it likes", () => {
    const head = `---\nid: EP-20260117-014/MS003\ntitle: x\nupdated: 2026-01-20\nnotes: |\n${" ".repeat(300)}deep\n---\n\n`;
    expect(unreadable(lint("Body.\n", head))).toEqual([]);
  });
});

/** How many nodes of these types the parse of HEAD + `body` has. */
function countNodes(body: string, types: string[]): number {
  const text = `${HEAD}${body}\n`;
  let count = 0;
  const walk = (node: { type: string; children?: unknown[] }): void => {
    if (types.includes(node.type)) count++;
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(parseMarkdown(text, readFrontMatter(text)));
  return count;
}

describe("emphasis micromark would take too long to pair", () => {
  // micromark's pairing grows with the square of the nesting: a pair of 10 000-long runs took 13 s
  const emphasisNodes = (body: string) => countNodes(body, ["emphasis", "strong"]);

  it("is parsed with `*` and `_` read as text", () => {
    expect(emphasisNodes(`${"*".repeat(4_000)}a${"*".repeat(4_000)}`)).toBe(0);
    expect(emphasisNodes(`${"_".repeat(4_000)}a${"_".repeat(4_000)}`)).toBe(0);
    expect(emphasisNodes(`${"*_".repeat(2_000)}a${"_*".repeat(2_000)}`)).toBe(0);
    // each paragraph a little, the file too much: 170 paragraphs of 480 runs took 5 s
    expect(emphasisNodes(`## **Scope**\n\n${`${"*a ".repeat(240)}b${" a*".repeat(240)}\n\n`.repeat(170)}`)).toBe(0);
  });

  it("leaves emphasis alone where pairs close at once, however many", () => {
    expect(emphasisNodes(`## **Scope**\n\n${"*a* ".repeat(100)}`)).toBe(101);
    // a table of 2 000 bold cells is one paragraph, cheap to pair
    expect(emphasisNodes(`| a | b |\n| --- | --- |\n${"| **x** | *y* |\n".repeat(2_000)}`)).toBe(4_000);
    expect(emphasisNodes(`${"*a* ".repeat(600)}\n\n${"*a* ".repeat(600)}`)).toBe(1_200);
    // a pair of runs 1 000 long nests 500 deep, too deep for the rules' walks: its emphasis is read as text
    expect(emphasisNodes(`${"*".repeat(1_000)}a${"*".repeat(1_000)}`)).toBe(0);
    expect(emphasisNodes(`${"*".repeat(100)}a${"*".repeat(100)}`)).toBe(50);
  });
});

describe("code spans micromark would scan too far for", () => {
  // each run that never closes is looked for to the end of its paragraph: 450 KB of a ladder took 13.5 s
  const ladder = (runs: number) => Array.from({ length: runs }, (_, i) => `${"`".repeat(i + 1)}a`).join("");
  const codeSpans = (body: string) => countNodes(body, ["inlineCode"]);

  it("are read as text past 10 million characters of scanning", () => {
    expect(codeSpans(`Intro with \`code\`.\n\n${ladder(450)}`)).toBe(0);
  });

  it("are parsed when they close, however many, and a short ladder still is", () => {
    const table = Array.from({ length: 400 }, (_, i) => `| \`key-${i}\` | \`value\` | \`\`a \` b\`\` |`).join("\n");
    expect(codeSpans(table)).toBe(1200);
    // 100 runs that never close, ≈ 5 KB: a small scan
    expect(codeSpans(`${ladder(100)}\n\n\`one\``)).toBe(1);
  });
});

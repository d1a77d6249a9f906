/**
 * The rule docs are the rule tests: every example of the doc block at the top of
 * each rules/*.ts is written into a fresh tree and linted with that rule alone; a
 * valid example must give nothing, an invalid one exactly its `output` block. The
 * pages of docs/rules/ are generated from the same blocks and must be up to date.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRules } from "../rules/index.js";
import {
  docBlock,
  DOCS_DIR,
  outputLines,
  parseRuleDoc,
  REGENERATE,
  renderIndex,
  renderPage,
  readRuleDocs,
  type Example,
  type RuleDoc,
} from "../scripts/rule-docs.mjs";
import { lint } from "../src/index.js";
import { HOMEPAGE } from "../src/shared/docs-url.js";
import type { Rule } from "../src/shared/types.js";
import { classify } from "../src/tree/place.js";
import { classifyPlan } from "../src/tree/plan-place.js";
import { resolveConfig } from "../src/config/config.js";
import { FIXTURE_TODAY, REPO } from "./helpers/fixtures.js";

const modules = readRuleDocs();
const docs = modules.flatMap((m) => (m.doc ? [m.doc] : []));
const docOf = new Map(docs.map((d) => [d.id, d]));

const label = (file: string, section: string, ex: Example) => `${file}:${ex.line}: the ${section} example${ex.caption ? ` "${ex.caption}"` : ""}`;

/** Lints the example's files, in a fresh `.agent/exec_plans/`, with `rule` alone; returns its output block as it should read. */
async function run(rule: Rule, ex: Example, where: string): Promise<string> {
  const id = rule.meta.id;
  const { rules: own = {}, ...config } = ex.config ?? {};
  const strangers = Object.keys(own).filter((key) => key !== id);
  if (strangers.length > 0) throw new Error(`${where}: its config may set "${id}" only, not ${strangers.join(", ")}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-doc-"));
  try {
    const root = path.join(dir, ".agent", "exec_plans");
    for (const file of ex.files) {
      mkdirSync(path.dirname(path.join(root, file.path)), { recursive: true });
      writeFileSync(path.join(root, file.path), file.text);
    }
    const off = Object.fromEntries(builtinRules.filter((r) => r.meta.id !== id).map((r) => [r.meta.id, "off" as const]));
    const result = await lint({
      cwd: root,
      patterns: ["."],
      now: FIXTURE_TODAY,
      concurrency: "off",
      config: { ...config, rules: { ...off, ...own } },
    });
    expect(result.internalErrors, `${where}: the rule crashed`).toBe(0);
    const files = [...result.files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return files.flatMap((f) => f.diagnostics.flatMap((d) => outputLines(d, ex.files.length > 1))).join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The output block, as it is to be pasted into the doc comment. */
const pasteable = (output: string) => ["```text output", ...output.split("\n"), "```"].map((line) => ` * ${line}`.trimEnd()).join("\n");

describe("the doc blocks", () => {
  it("are found: one a rule module, each a built-in rule, with examples", () => {
    expect(modules.length).toBeGreaterThan(0);
    expect(modules.map((m) => m.file)).toEqual(builtinRules.map((r) => `rules/${r.meta.id}.ts`).sort());
    const examples = docs.reduce((n, d) => n + d.examples.valid.length + d.examples.invalid.length, 0);
    expect(examples).toBeGreaterThanOrEqual(2 * builtinRules.length);
  });

  it.each(modules.map((m) => [m.file, m] as const))("%s follows the format and is titled with its rule id", (file, { doc, error }) => {
    expect(error?.message, `${file}: the doc block (format: README, "Writing a rule")`).toBeUndefined();
    expect(`rules/${doc?.id}.ts`, `${file}: the doc block opens with \`# <rule id>\``).toBe(file);
  });
});

describe.each(builtinRules.map((rule) => [rule.meta.id, rule] as const))("%s", (id, rule) => {
  const doc = docOf.get(id);
  const file = `rules/${id}.ts`;

  it("has a valid and an invalid example", () => {
    expect(doc?.examples.valid.length ?? 0, `${file}: a \`## Valid\` example`).toBeGreaterThan(0);
    expect(doc?.examples.invalid.length ?? 0, `${file}: a \`## Invalid\` example with its \`\`\`text output block`).toBeGreaterThan(0);
  });

  const examples = (doc?: RuleDoc) =>
    doc ? [...doc.examples.valid.map((ex) => ["valid", ex] as const), ...doc.examples.invalid.map((ex) => ["invalid", ex] as const)] : [];
  it.each(examples(doc).map(([section, ex]) => [`${section}${ex.caption ? `: ${ex.caption}` : ""} (line ${ex.line})`, section, ex] as const))(
    "%s",
    async (_name, section, ex) => {
      const where = label(file, section, ex);
      const root = path.join(REPO, "x", ".agent", "exec_plans");
      // a plan of the PLANS.md practice is one because the example's config says so
      const plans = ex.config?.plans && resolveConfig({ plans: ex.config.plans }, { name: where, dir: root }, builtinRules).plans;
      const kinds = ex.files.map((f) => ((plans && classifyPlan(path.join(root, f.path), plans)) || classify(path.join(root, f.path)))?.kind);
      expect(
        kinds.some((kind) => kind !== undefined && rule.meta.appliesTo.includes(kind)),
        `${where}: no file of it is one the rule looks at (${rule.meta.appliesTo.join(", ")}); give the path after the language`,
      ).toBe(true);
      const output = await run(rule, ex, where);
      if (section === "valid") {
        expect(output, `${where} must give nothing, but gives the lines below: mend the example (or the rule, if this is a false report), then run \`${REGENERATE}\``).toBe("");
      } else {
        expect(
          output,
          `${where}: its output block is not what the rule reports. If the new output is right, make the block read\n\n${pasteable(output)}\n\nthen run \`${REGENERATE}\``,
        ).toBe(ex.output);
      }
    },
  );
});

describe("docs/rules/", () => {
  const stale = (name: string, expected: string) => {
    const file = path.join(DOCS_DIR, name);
    const text = existsSync(file) ? readFileSync(file, "utf8") : "(missing)";
    expect(text, `docs/rules/${name} is stale: run \`${REGENERATE}\` and commit the result`).toBe(expected);
  };

  it.each(builtinRules.map((rule) => [rule.meta.id, rule] as const))("%s.md is up to date", (id, rule) => {
    const doc = docOf.get(id);
    expect(doc, `rules/${id}.ts has a doc block`).toBeDefined();
    if (doc) stale(`${id}.md`, renderPage(rule.meta, doc));
  });

  it("README.md, the index, is up to date", () => stale("README.md", renderIndex(builtinRules)));

  it("holds no page of a rule that is gone", () => {
    const pages = new Set(["README.md", ...builtinRules.map((r) => `${r.meta.id}.md`)]);
    expect((existsSync(DOCS_DIR) ? readdirSync(DOCS_DIR) : []).filter((name) => !pages.has(name)), `run \`${REGENERATE}\``).toEqual([]);
  });

  it("is where every rule's docsUrl points, and the README's rules table links every page", () => {
    const readme = readFileSync(path.join(REPO, "README.md"), "utf8");
    for (const { meta } of builtinRules) {
      expect(meta.docsUrl).toBe(`${HOMEPAGE}/blob/main/docs/rules/${meta.id}.md`);
      expect(readme, `README.md links \`${meta.id}\` to its page`).toContain(`[\`${meta.id}\`](docs/rules/${meta.id}.md)`);
    }
  });
});

describe("the doc block reader", () => {
  const block = (body: string) => `/**\n${body.split("\n").map((l) => ` * ${l}`.trimEnd()).join("\n")}\n */\nexport const x = 1;\n`;
  const parse = (body: string) => parseRuleDoc(docBlock(block(body), "rules/x.ts"), "rules/x.ts");
  const sample = [
    "# some-rule",
    "",
    "What it checks, and why.",
    "",
    "## Valid",
    "",
    "```md",
    "---",
    "glob: docs/**\\/*.md",
    "---",
    "```",
    "",
    "## Invalid",
    "",
    "### Two files",
    "",
    "```json milestone-lint.config.json",
    '{ "layout": "upstream" }',
    "```",
    "",
    "```md active/a/EP-20260210-003_a.md",
    "x",
    "```",
    "",
    "```json registry.json",
    "{}",
    "```",
    "",
    "```text output",
    "registry.json:1:1  error  Bad.",
    "```",
    "",
    "### One file",
    "",
    "```md",
    "y",
    "```",
    "",
    "```text output",
    "1:1  warning  Bad.",
    "  → git mv a b",
    "```",
  ].join("\n");

  it("reads files, their paths, a config and the expected output", () => {
    const doc = parse(sample);
    expect(doc.id).toBe("some-rule");
    expect(doc.prose).toBe("What it checks, and why.");
    expect(doc.examples.valid).toHaveLength(1);
    expect(doc.examples.valid[0]?.files).toEqual([
      { path: "search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md", lang: "md", text: "---\nglob: docs/**/*.md\n---\n", explicit: false },
    ]);
    const [two, one] = doc.examples.invalid;
    expect(two?.caption).toBe("Two files");
    expect(two?.config).toEqual({ layout: "upstream" });
    expect(two?.files.map((f) => f.path)).toEqual(["active/a/EP-20260210-003_a.md", "registry.json"]);
    expect(two?.output).toBe("registry.json:1:1  error  Bad.");
    expect(one?.output).toBe("1:1  warning  Bad.\n  → git mv a b");
  });

  it.each([
    ["an invalid example without its output", sample.replace(/```text output\n1:1[^`]*```/, ""), "ends without its ```text output block"],
    ["a valid example with an output", sample.replace("## Invalid", "```text output\n1:1  error  x\n```\n\n## Invalid"), "a valid example has no `output` block"],
    ["an empty output", sample.replace("registry.json:1:1  error  Bad.\n", ""), "has an empty `output` block"],
    ["a block after the output", sample.replace("\n### One file\n", ""), "the `output` block ends an example"],
    ["another `##` heading", sample.replace("### Two files", "## Notes"), "not `## Notes`"],
    ["a second `## Valid`", sample.replace("### Two files", "## Valid"), "a second `## Valid`"],
    ["no title", sample.replace("# some-rule\n", ""), "must open with `# <rule id>`"],
    ["a json file without a path", sample.replace("```json registry.json", "```json"), "needs its path"],
    ["a path outside the tree", sample.replace("active/a/", "../a/"), "inside it"],
    ["a config that is not JSON", sample.replace('{ "layout": "upstream" }', "{ layout }"), "is not JSON"],
    ["an example of notes only", sample.replace(/```md\n---[^`]*```/, "Nothing here."), "has no file"],
  ])("rejects %s", (_name, body, message) => {
    expect(() => parse(body)).toThrow(message);
  });

  it("rejects a module without a doc block", () => {
    expect(() => docBlock("export const x = 1;\n", "rules/x.ts")).toThrow("rules/x.ts: the file does not open with a /** … */ doc block");
  });
});

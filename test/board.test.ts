/**
 * The board: `result.tree` (every plan and milestone, from the index and phase one),
 * `--format html` (valid, self-contained, escaped) and `--format markdown`
 * (snapshot, escaping, size). The page in a real browser is test/browser/.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, unlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import { builtinRules, lint } from "../src/index.js";
import { buildBoard } from "../src/report/board.js";
import { htmlFormat } from "../src/report/html.js";
import { markdown } from "../src/report/markdown.js";
import type { FormatterContext } from "../src/report/types.js";
import type { FileRule, LintResult, Rule, RuleMeta } from "../src/shared/types.js";
import { VERSION } from "../src/shared/version.js";
import { BOARD_TODAY, generateBoardTree } from "./helpers/board-tree.js";
import { runCli } from "./helpers/cli.js";
import { REPO } from "./helpers/fixtures.js";
import { ARCHIVED, EXECPLAN, MILESTONE, edit, removeTrees, tree, write } from "./helpers/tree.js";

/** The day the example board is drawn on (docs/board.png): one plan idle, one not. */
const EXAMPLE_NOW = "2026-05-25";
const EXAMPLE_PLANS = "examples/.agent/exec_plans";

const temps: string[] = [];
afterAll(() => {
  removeTrees();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function contextFor(rules: readonly Rule[] = builtinRules): FormatterContext {
  const meta: Record<string, RuleMeta> = {};
  for (const r of rules) meta[r.meta.id] = r.meta;
  return { cwd: REPO, color: false, rules: meta, version: VERSION };
}

const lintExample = () => lint({ cwd: REPO, patterns: ["examples/.agent"], now: EXAMPLE_NOW });

const validator = new HtmlValidate({ extends: ["html-validate:recommended", "html-validate:document"] });

async function htmlProblems(page: string): Promise<string[]> {
  const report = await validator.validateString(page, "board.html");
  return report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
}

/** The tags of a page and their attribute names, read with the page's own escaping in mind (values never hold `"`). */
function tagsOf(page: string): { name: string; attributes: string[] }[] {
  const body = page.replace(/<style>[^]*?<\/style>|<script>[^]*?<\/script>/g, "");
  return [...body.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[\w-]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    name: (m[1] as string).toLowerCase(),
    attributes: [...(m[2] as string).matchAll(/\s+([\w-]+)(?:="[^"]*")?/g)].map((a) => (a[1] as string).toLowerCase()),
  }));
}

describe("result.tree", () => {
  it("holds every plan with its milestones in order: front matter, place, checklist counts and health table", async () => {
    const result = await lintExample();
    expect(result.tree?.today).toBe(EXAMPLE_NOW);
    expect(result.tree?.roots).toEqual([EXAMPLE_PLANS]);
    const [search, billing] = result.tree?.plans ?? [];
    expect(search).toMatchObject({
      file: `${EXAMPLE_PLANS}/active/console-search/EP-20260512-002_console-search.md`,
      folder: `${EXAMPLE_PLANS}/active/console-search`,
      layout: "upstream",
      planFolder: "active",
      id: "EP-20260512-002",
      title: "Search box in the console",
      status: "active",
      owner: "@lea",
      body: { tasks: { done: 0, total: 0 } },
    });
    expect(search?.milestones.map((m) => [m.id, m.status, m.body?.tasks])).toEqual([["EP-20260512-002/MS001", "planned", { done: 1, total: 2 }]]);
    expect(billing).toMatchObject({ id: "EP-20260301-007", layout: "template", status: "active", created: "2026-03-01", updated: "2026-04-20", kind: "feature" });
    expect(billing?.milestones.map((m) => ({ ms: m.ms, status: m.status, folder: m.folder, subfolders: m.subfolders, tasks: m.body?.tasks }))).toEqual([
      { ms: 1, status: "completed", folder: "archive", subfolders: ["2026", "04", "02"], tasks: { done: 3, total: 3 } },
      // a status the schema rejects is still what the file says
      { ms: 2, status: "in-progress", folder: "active", subfolders: undefined, tasks: { done: 1, total: 2 } },
      // the file is misnamed `MS3`: the number comes from its `id`
      { ms: 3, status: "blocked", folder: "active", subfolders: undefined, tasks: { done: 0, total: 2 } },
    ]);
    expect(billing?.milestones[1]?.body?.health).toEqual({
      columns: ["Area", "Status", "Notes"],
      rows: [
        ["Architecture/design", "✅ / ⚠️ / ⏳", "…"],
        ["Implementation", "⏳", "Scheduler written"],
      ],
    });
    // ms: "2" is a string, not a number: the number is read from the id
    expect(billing?.milestones[1]?.ms).toBe(2);
  });

  it("counts task items as GFM does: `[ ]`, `[x]` or `[X]` and a space, at the start of an item, outside code", async () => {
    const dir = tree();
    edit(dir, MILESTONE, (t) =>
      t.replace(
        "## Definition of Done\n",
        [
          "## Definition of Done",
          "",
          "- [x] ticked",
          "- [X] ticked, capital",
          "- [ ] open",
          "  - [ ] nested, open",
          "* [x] another marker",
          "1. [ ] ordered",
          "- [ ]no space: text",
          "- text with [x] inside",
          "- [-] not a task",
          "",
          "```md",
          "- [ ] in a code block",
          "```",
          "",
        ].join("\n"),
      ),
    );
    const result = await lint({ cwd: dir, now: BOARD_TODAY });
    const ms = result.tree?.plans[0]?.milestones.find((m) => m.file === MILESTONE);
    expect(ms?.body?.tasks).toEqual({ done: 3, total: 6 });
  });

  it("reads the health table up to the next section, at most 20 rows of cells cut at 200 characters", async () => {
    const dir = tree();
    const rows = Array.from({ length: 25 }, (_, i) => `| Area ${i + 1} | ✅ | ${"n".repeat(i === 0 ? 300 : 3)} |`);
    edit(dir, MILESTONE, (t) =>
      t.replace(/## Current Health Snapshot\n[^]*?\n(?=---\n)/, `## Current Health Snapshot\n\nSome words first.\n\n| Area | Status | Notes |\n| --- | --- | --- |\n${rows.join("\n")}\n\n`),
    );
    // a table of the next section is not the health table
    edit(dir, ARCHIVED, (t) => t.replace(/## Current Health Snapshot\n[^]*?\n(?=---\n)/, "## Current Health Snapshot\n\nAll green.\n\n"));
    const result = await lint({ cwd: dir, now: BOARD_TODAY });
    const [archived, active] = result.tree?.plans[0]?.milestones ?? [];
    expect(active?.body?.health?.rows).toHaveLength(20);
    expect(active?.body?.health?.rows[0]?.[2]).toBe(`${"n".repeat(199)}…`);
    expect(archived?.file).toBe(ARCHIVED);
    expect(archived?.body).toEqual({ tasks: { done: 0, total: 0 } });
  });

  it("groups milestones whose folder holds no plan file under the plan they name", async () => {
    const dir = tree();
    unlinkSync(path.join(dir, EXECPLAN));
    const result = await lint({ cwd: dir, now: BOARD_TODAY });
    expect(result.tree?.plans).toHaveLength(1);
    const [plan] = result.tree?.plans ?? [];
    expect(plan?.file).toBeUndefined();
    expect(plan?.id).toBe("EP-20260210-003");
    expect(plan?.milestones.map((m) => m.file)).toEqual([ARCHIVED, MILESTONE]);
  });

  it("has no body for files a run on some files read for their front matter only, and says so on the board", async () => {
    const dir = tree();
    const result = await lint({ cwd: dir, patterns: [MILESTONE], now: BOARD_TODAY });
    const [plan] = result.tree?.plans ?? [];
    expect(plan?.body).toBeUndefined();
    expect(plan?.milestones.map((m) => [m.file, m.body !== undefined])).toEqual([
      [ARCHIVED, false],
      [MILESTONE, true],
    ]);
    expect(plan?.milestones[0]?.status).toBe("completed");
    const page = htmlFormat(result, contextFor());
    expect(page).toContain("2 files were read for their front matter only");
    expect(page).toContain('title="body not read in this run">not read<');
    expect(markdown(result, contextFor())).toContain("| completed | @&#8203;ines | not read |");
  });

  it("is the same with workers and from the cache, byte for byte in --format json", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-board-"));
    temps.push(dir);
    generateBoardTree(dir, 30);
    const run = (...flags: string[]) => runCli(["--now", BOARD_TODAY, "--format", "json", ...flags], { cwd: dir });
    const single = run("--concurrency", "off");
    expect(single.stderr).toBe("");
    const reference = JSON.parse(single.stdout) as LintResult;
    const tasks = reference.tree?.plans.flatMap((p) => p.milestones.map((m) => m.body?.tasks.total ?? 0)) ?? [];
    expect(tasks.filter((n) => n > 0).length).toBeGreaterThan(50);
    const cache = path.join(dir, "cache.json");
    for (const flags of [["--concurrency", "2"], ["--cache", "--cache-location", cache], ["--cache", "--cache-location", cache, "--concurrency", "2"]]) {
      expect(run(...flags).stdout).toBe(single.stdout);
    }
  });
});

describe("--format json", () => {
  it("adds the tree under `tree` and leaves the rest of its shape (schemaVersion 1) as it was", () => {
    const out = JSON.parse(runCli(["--now", EXAMPLE_NOW, "--format", "json", "examples/.agent"]).stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["schemaVersion", "tool", "errorCount", "warningCount", "fixableCount", "files", "tree"]);
    expect(out.schemaVersion).toBe(1);
    expect((out.tree as LintResult["tree"])?.plans.map((p) => p.id)).toEqual(["EP-20260512-002", "EP-20260301-007"]);
  });
});

describe("the board", () => {
  it("needs attention for errors, blocked milestones, lifecycle problems (by the rule's meta) and plans idle for 30 days as of --now", async () => {
    const dir = tree();
    // an archived milestone still in active/: status-matches-folder, whose meta says `lifecycle: "place"`
    edit(dir, MILESTONE, (t) => t.replace("status: in_progress", "status: archived"));
    const other = readFileSync(path.join(dir, EXECPLAN), "utf8").replace("EP-20260210-003", "EP-20260301-005").replace("updated: 2026-03-20", "updated: 2026-04-01");
    write(dir, ".agent/exec_plans/other/EP-20260301-005_other.md", other);
    const boardOn = async (now: string) => buildBoard(await lint({ cwd: dir, now }), contextFor().rules);

    const board = await boardOn("2026-04-25");
    expect(board.attention.errors.map((f) => [f.file, f.problems.map((d) => d.ruleId)])).toEqual([[MILESTONE, ["status-matches-folder"]]]);
    // and its Workstreams table still has ⏳ tasks: finished-work-ticked, `lifecycle: "checklist"`
    expect(board.attention.lifecycle.map((g) => [g.kind, g.problems.map((d) => d.file)])).toEqual([
      ["place", [MILESTONE]],
      ["checklist", [MILESTONE]],
    ]);
    // search-index was last updated on 2026-03-20 (36 days before), the other plan on 2026-04-01 (24 days)
    expect(board.attention.idle.map((p) => [p.label, p.lastUpdate, p.idleDays])).toEqual([["EP-20260210-003", "2026-03-20", 36]]);
    expect(board.attention.blocked).toEqual([]);
    expect((await boardOn("2026-04-18")).attention.idle).toEqual([]);
    expect((await boardOn("2026-04-19")).attention.idle.map((p) => p.idleDays)).toEqual([30]);

    // a blocked milestone; a done plan is not idle, however old
    edit(dir, MILESTONE, (t) => t.replace("status: archived", "status: blocked"));
    edit(dir, EXECPLAN, (t) => t.replace("status: active", "status: done"));
    const later = await boardOn("2026-04-25");
    // a done plan with a milestone still open (blocked) is a stale status: plan-status-milestones, `lifecycle: "status"`
    expect(later.attention.lifecycle.map((g) => [g.kind, g.problems.map((d) => d.file)])).toEqual([["status", [EXECPLAN]]]);
    expect(later.attention.idle).toEqual([]);
    expect(later.attention.blocked.map((b) => b.milestone.summary.file)).toEqual([MILESTONE]);
    const page = htmlFormat(await lint({ cwd: dir, now: "2026-04-25" }), contextFor());
    expect(page).toContain("1 milestone blocked</h3>");

    // a file that is no plan or milestone has its problems shown on its own
    write(dir, ".agent/exec_plans/registry.json", "{ nope");
    const withRegistry = await lint({ cwd: dir, now: "2026-04-25" });
    const registry = buildBoard(withRegistry, contextFor().rules);
    expect(registry.otherFiles.map((f) => [f.file, f.problems.map((d) => d.ruleId)])).toEqual([[".agent/exec_plans/registry.json", ["registry-in-sync"]]]);
    // the plan's stale status (above) is an error too
    expect(registry.attention.errors.map((f) => f.file)).toEqual([EXECPLAN, ".agent/exec_plans/registry.json"]);
    expect(htmlFormat(withRegistry, contextFor())).toContain('<section id="other-files"><h2>Other files</h2><h3 class="mono">.agent/exec_plans/registry.json</h3>');
  });
});

describe("the board's notes on the run", () => {
  it("shows what the run says about itself (an argument that matched nothing), escaped", async () => {
    const dir = tree();
    const result = await lint({ cwd: dir, patterns: [".agent", "<b>nope</b>/*.md"], now: BOARD_TODAY });
    expect(result.warnings).toEqual(['no files match "<b>nope</b>/*.md"']);
    expect(htmlFormat(result, contextFor())).toContain('<section id="run-notes"><h2>About this run</h2><ul class="notes"><li>no files match &quot;&lt;b&gt;nope&lt;/b&gt;/*.md&quot;</li></ul></section>');
    expect(markdown(result, contextFor())).toContain('> ⚠️ no files match "&lt;b&gt;nope&lt;/b&gt;/\\*.md"\n');
  });
});

describe("--format html", () => {
  it("is one valid HTML document for the example and for a generated tree of every state", async () => {
    const example = runCli(["--now", EXAMPLE_NOW, "--format", "html", "examples/.agent"]);
    expect(example.status).toBe(1);
    expect(await htmlProblems(example.stdout)).toEqual([]);
    const dir = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-board-"));
    temps.push(dir);
    generateBoardTree(dir, 20);
    const generated = runCli(["--now", BOARD_TODAY, "--format", "html"], { cwd: dir });
    expect(generated.stderr).toBe("");
    expect(await htmlProblems(generated.stdout)).toEqual([]);
    // it shows what it is about
    for (const text of ["Needs attention", "In flight", "All problems", "EP-20260301-007", "Reliable billing webhooks", "Verify webhook signatures", "3/3", "1 milestone blocked"]) {
      expect(example.stdout).toContain(text);
    }
  });

  it("loads nothing: no external resources, and a CSP that allows only its own style and script, by hash", () => {
    const page = runCli(["--now", EXAMPLE_NOW, "--format", "html", "examples/.agent"]).stdout;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)?.[1] ?? "";
    const style = /<style>([^]*?)<\/style>/.exec(page)?.[1] ?? "";
    const script = /<script>([^]*?)<\/script>/.exec(page)?.[1] ?? "";
    const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    expect(csp.split("; ")).toEqual([
      "default-src 'none'",
      `style-src ${hash(style)}`,
      `script-src ${hash(script)}`,
      "img-src data:",
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    expect(page.match(/<style\b/g)).toHaveLength(1);
    expect(page.match(/<script\b/g)).toHaveLength(1);
    expect(style).not.toMatch(/url\(|@import|@font-face/);
    expect(script).not.toMatch(/fetch|XMLHttpRequest|import\(|src\s*=|https?:/);
    const tags = tagsOf(page);
    expect(tags.filter((t) => t.attributes.includes("src") || t.attributes.includes("srcset") || ["link", "img", "iframe", "object", "embed"].includes(t.name))).toEqual([]);
    // links leave the page only to the rules' documentation
    const hrefs = [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1] as string);
    const docs = new Set(builtinRules.map((r) => r.meta.docsUrl));
    expect(hrefs.filter((h) => !h.startsWith("#") && !docs.has(h))).toEqual([]);
    expect(hrefs.filter((h) => docs.has(h)).length).toBeGreaterThan(5);
    expect(hrefs.filter((h) => h.startsWith("#")).every((h) => page.includes(`id="${h.slice(1)}"`))).toBe(true);
  });

  it("escapes every text from the files: titles, owners, statuses, folders, table cells, messages", async () => {
    const dir = tree();
    edit(dir, EXECPLAN, (t) => t.replace('title: "Full-text search index for the console"', 'title: "</style><script>alert(\\"plan\\")</script>"'));
    edit(dir, MILESTONE, (t) =>
      t
        .replace('title: "Ranked search API"', "title: \"<img src=x onerror=alert(1)> & 'quotes' \\x01 | pipe @octocat\"")
        .replace('owner: "@ines"', 'owner: "\\" onmouseover=\\"alert(2)"')
        .replace("status: in_progress", 'status: "<b>done</b>"')
        .replace("| Implementation | ⏳ | Handler written, pagination open |", '| <b onclick="alert(3)">Impl</b> | </td></tr><tr><td>x | </textarea><!-- |'),
    );
    // a folder name is text from the tree too
    write(dir, '.agent/exec_plans/a"b<c>/EP-20260301-005_x.md', readFileSync(path.join(dir, EXECPLAN), "utf8").replace(/EP-20260210-003/g, "EP-20260301-005"));
    const hostileRule: FileRule = {
      meta: { id: "hostile-plugin", description: "says <script>", severity: "warn", appliesTo: ["milestone"], docsUrl: "javascript:alert(4)" },
      check: (context) => context.report({ message: "</td><script>alert(5)</script>" }),
    };
    const result = await lint({ cwd: dir, now: BOARD_TODAY, rules: [hostileRule] });
    const page = htmlFormat(result, contextFor([...builtinRules, hostileRule]));
    expect(await htmlProblems(page)).toEqual([]);
    expect(page.match(/<script\b/g)).toHaveLength(1);
    const allowed = new Set(
      "html head meta title style body header div h1 h2 h3 h4 p nav a main section ul ol li span svg rect table tbody thead tr th td details summary article code progress label select option input footer script b small".split(" "),
    );
    const tags = tagsOf(page);
    expect(tags.map((t) => t.name).filter((n) => !allowed.has(n))).toEqual([]);
    expect(tags.flatMap((t) => t.attributes).filter((a) => a.startsWith("on"))).toEqual([]);
    expect(page).not.toContain("javascript:");
    for (const text of [
      "&lt;/style&gt;&lt;script&gt;alert(&quot;plan&quot;)&lt;/script&gt;",
      "&lt;img src=x onerror=alert(1)&gt; &amp; &#39;quotes&#39; \\u0001 | pipe @octocat",
      "&quot; onmouseover=&quot;alert(2)",
      "&lt;b&gt;done&lt;/b&gt;",
      "&lt;b onclick=&quot;alert(3)&quot;&gt;Impl&lt;/b&gt;",
      "a&quot;b&lt;c&gt;",
      "&lt;/td&gt;&lt;script&gt;alert(5)&lt;/script&gt;",
    ]) {
      expect(page).toContain(text);
    }
  });

  it("is written by the CLI with --output-file, with the exit status of the lint", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-board-"));
    temps.push(dir);
    const file = path.join(dir, "out", "board.html");
    const r = runCli(["--now", EXAMPLE_NOW, "--format", "html", "--output-file", file, "examples/.agent"]);
    expect([r.status, r.stdout, r.stderr]).toEqual([1, "", ""]);
    expect(readFileSync(file, "utf8")).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
  });
});

describe("--format markdown", () => {
  it("gives the example's board (snapshot)", async () => {
    const out = runCli(["--now", EXAMPLE_NOW, "--format", "markdown", "examples/.agent"]);
    expect(out.status).toBe(1);
    await expect(out.stdout).toMatchFileSnapshot("__snapshots__/board-example.md");
  });

  it("escapes text from the files: no HTML, no broken table, no @-mentions", async () => {
    const dir = tree();
    edit(dir, MILESTONE, (t) =>
      t
        .replace('title: "Ranked search API"', 'title: "<script>x</script> | cell | [link](https://e.test) *em* `code` @octocat"')
        .replace("status: in_progress", "status: blocked"),
    );
    const md = markdown(await lint({ cwd: dir, now: BOARD_TODAY }), contextFor());
    expect(md).not.toMatch(/<script|@octocat|@ines/);
    expect(md).toContain("&lt;script&gt;x&lt;/script&gt; \\| cell \\| \\[link\\](https://e.test) \\*em\\* \\`code\\` @&#8203;octocat");
    // every table row has as many cells as its header
    const rows = md.split("\n").filter((l) => l.startsWith("| "));
    for (const row of rows) expect(row.replace(/\\\|/g, "").split("|").length).toBeGreaterThan(2);
    const plans = md.split("\n").filter((l) => l.startsWith("| **EP-20260210-003 MS002**"));
    expect(plans).toHaveLength(1);
    expect((plans[0] as string).replace(/\\\|/g, "").split("|")).toHaveLength(8);
  });

  it("stays under GitHub's 65 536 characters on 200 plans, folding long lists and saying what it leaves out", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-board-"));
    temps.push(dir);
    generateBoardTree(dir, 200);
    const out = runCli(["--now", BOARD_TODAY, "--format", "markdown"], { cwd: dir });
    expect(out.stderr).toBe("");
    expect(out.stdout.length).toBeLessThan(65_536);
    expect(out.stdout).toMatch(/^## Plans and milestones: \d+ errors, \d+ warnings\n/);
    expect(out.stdout).toContain("<details><summary>");
    expect(out.stdout).toMatch(/…and \d+ more not shown here/);
    expect(out.stdout).toMatch(/- ⛔ \*\*\d+ milestones blocked\*\*: .*; and \d+ more/);
    // every <details> is closed
    expect(out.stdout.match(/<details>/g)?.length).toBe(out.stdout.match(/<\/details>/g)?.length);
  });
});

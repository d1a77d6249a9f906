/** `<!-- milestone-lint-… -->` comments: each directive, file and project diagnostics, unused ones. */
import { afterAll, describe, expect, it } from "vitest";
import { builtinRules, lint, type ConfigFile } from "../src/index.js";
import { LineIndex } from "../src/source/line-index.js";
import { readDirectives } from "../src/run/suppressions.js";
import type { FileRule, LintResult, ProjectRule } from "../src/shared/types.js";
import { FIXTURE_TODAY } from "./helpers/fixtures.js";
import { ARCHIVED, MILESTONE, badStatus, read, removeTrees, tree, write } from "./helpers/tree.js";

afterAll(removeTrees);

/** Test rule: every `TODO` in the file, at its column. */
const todo: FileRule = {
  meta: { id: "todo-line", description: "no TODO", severity: "error", appliesTo: ["milestone"], docsUrl: "x" },
  check(context) {
    const text = context.file.text;
    for (let at = text.indexOf("TODO"); at >= 0; at = text.indexOf("TODO", at + 4)) {
      context.report({ message: "TODO left", at: { start: at, end: at + 4 } });
    }
  },
};

/** Test rule: a whole-tree report on every milestone's `status`. */
const statusProject: ProjectRule = {
  meta: { id: "status-project", description: "project", severity: "warn", appliesTo: ["milestone"], docsUrl: "x", scope: "project" },
  check(context) {
    for (const entry of context.index.entries) if (entry.place.kind === "milestone") context.report({ entry, message: "seen", key: "status" });
  },
};

/** The milestone's front matter (17 lines) followed by `body`, which starts on line 18. */
function milestoneWith(body: string, change: (t: string) => string = (t) => t): string {
  const dir = tree();
  const head = read(dir, MILESTONE).split("\n").slice(0, 17).join("\n");
  write(dir, MILESTONE, `${change(head)}\n${body}`);
  return dir;
}

const where = (r: LintResult, file = MILESTONE) =>
  r.files.filter((f) => f.file === file).flatMap((f) => f.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`));

/** Only the test rules (and those named) run: the body here is no real milestone body. */
const only = (...on: string[]): ConfigFile => ({
  rules: Object.fromEntries([...builtinRules.map((r) => r.meta.id), "todo-line", "status-project"].map((id) => [id, on.includes(id) ? "error" : "off"])),
});

const run = (cwd: string, reportUnusedDisables = false) =>
  lint({ cwd, now: FIXTURE_TODAY, rules: [todo, statusProject], config: only("todo-line"), reportUnusedDisables });

describe("directives", () => {
  it("disable-next-line, disable/enable by id, disable/enable of every rule; not inside code", async () => {
    const body = [
      "", // 18
      "TODO one", // 19
      "<!-- milestone-lint-disable-next-line todo-line -->", // 20
      "TODO two", // 21
      "TODO three", // 22
      "<!-- milestone-lint-disable todo-line -->", // 23
      "TODO four", // 24
      "<!-- milestone-lint-enable todo-line -->", // 25
      "  TODO five", // 26
      "<!-- milestone-lint-disable -->", // 27
      "TODO six", // 28
      "<!-- milestone-lint-enable -->", // 29
      "```md", // 30
      "<!-- milestone-lint-disable -->", // 31
      "```", // 32
      "TODO seven", // 33
      "",
    ].join("\n");
    expect(where(await run(milestoneWith(body)))).toEqual([
      "19:1 todo-line TODO left",
      "22:1 todo-line TODO left",
      "26:3 todo-line TODO left",
      "33:1 todo-line TODO left",
    ]);
  });

  it("takes several ids separated by commas, and a `-- reason` after them", async () => {
    const body = "\n<!-- milestone-lint-disable-next-line other-rule, todo-line -- generated text -->\nTODO\nTODO\n";
    expect(where(await run(milestoneWith(body)))).toEqual(["21:1 todo-line TODO left"]);
  });

  it("enable of one rule after a disable of every rule re-enables that rule only", async () => {
    const body = "\n<!-- milestone-lint-disable -->\n<!-- milestone-lint-enable front-matter-schema -->\nTODO\n";
    expect(where(await run(milestoneWith(body)))).toEqual([]);
    const again = "\n<!-- milestone-lint-disable -->\n<!-- milestone-lint-enable todo-line -->\nTODO\n";
    expect(where(await run(milestoneWith(again)))).toEqual(["21:1 todo-line TODO left"]);
  });

  it("disable-file covers the front matter and project diagnostics, of that file only", async () => {
    const body = "\nTODO\n\n<!-- milestone-lint-disable-file status-project, front-matter-schema -->\n";
    const dir = milestoneWith(body, badStatus);
    const config = only("todo-line", "status-project", "front-matter-schema");
    const r = await lint({ cwd: dir, now: FIXTURE_TODAY, rules: [todo, statusProject], config });
    expect(where(r)).toEqual(["19:1 todo-line TODO left"]);
    expect(where(r, ARCHIVED)).toEqual(["6:9 status-project seen"]);
  });

  it("a disable of every rule also covers project diagnostics after it", async () => {
    const dir = milestoneWith("\nTODO\n<!-- milestone-lint-disable-file -->\n", badStatus);
    const r = await lint({ cwd: dir, now: FIXTURE_TODAY, rules: [todo, statusProject], config: only("todo-line", "status-project", "front-matter-schema") });
    expect(where(r)).toEqual([]);
  });
});

describe("--report-unused-disables", () => {
  it("reports each directive, or each id of one, that suppressed nothing", async () => {
    const body = [
      "", // 18
      "<!-- milestone-lint-disable-next-line todo-line -->", // 19
      "TODO", // 20
      "<!-- milestone-lint-disable-next-line todo-line -->", // 21
      "nothing here", // 22
      "Text <!-- milestone-lint-disable-file todo-lines -->", // 23
      "<!-- milestone-lint-disable -->", // 24
      "",
    ].join("\n");
    const dir = milestoneWith(body);
    expect(where(await run(dir))).toEqual([]);
    expect(where(await run(dir, true))).toEqual([
      '21:1 unused-disable-directive Unused milestone-lint-disable-next-line directive: no problem from "todo-line" was reported here; remove it.',
      '23:6 unused-disable-directive Unused milestone-lint-disable-file directive: no problem from "todo-lines" was reported here; remove it. "todo-lines" is not a rule. Did you mean "todo-line"?',
      "24:1 unused-disable-directive Unused milestone-lint-disable directive: no problem was reported here; remove it.",
    ]);
    expect((await run(dir, true)).errorCount).toBe(3);
  });
});

describe("cost", () => {
  it("does not parse the Markdown of a file without `milestone-lint-`", () => {
    const text = "---\nid: x\n---\n<!-- SECTION: Metadata -->\n";
    const ast = () => {
      throw new Error("parsed");
    };
    expect(readDirectives(text, ast, new LineIndex(text))).toEqual([]);
  });
});

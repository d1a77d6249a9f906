/**
 * `--fix` for the rules that have one: the text after fixing is exactly the text
 * before with the reported problem mended, and nothing else changed.
 */
import { describe, expect, it } from "vitest";
import { lintSource } from "../src/run/lint-file.js";
import { classify } from "../src/tree/place.js";
import { frontMatterSchema } from "../rules/front-matter-schema.js";
import { frontMatterFirstByte } from "../rules/front-matter-first-byte.js";
import { idValid } from "../rules/id-valid.js";
import type { FileRule } from "../src/shared/types.js";

const MILESTONE = "/repo/.agent/exec_plans/streaming/milestones/active/EP-20260117-014_MS003_prototype-streaming.md";
const PLAN = "/repo/.agent/exec_plans/streaming/EP-20260117-014_streaming.md";

const milestone = (lines: Record<string, string>) =>
  [
    "---",
    `id: ${lines.id ?? "EP-20260117-014/MS003"}`,
    `execplan_id: ${lines.execplan_id ?? "EP-20260117-014"}`,
    `ms: ${lines.ms ?? "3"}`,
    'title: "Prototype streaming"',
    "status: in_progress",
    "domain: backend",
    'owner: "@codex"',
    "created: 2026-01-17",
    "updated: 2026-01-20",
    "---",
    "",
    "# Prototype streaming",
    "",
  ].join("\n");

function fix(rule: FileRule, text: string, file = MILESTONE) {
  const place = classify(file);
  if (!place) throw new Error(`not a plan file: ${file}`);
  const outcome = lintSource({ path: file, displayPath: file, text, place }, [{ rule, severity: "error", options: {} }], "2026-11-25", true);
  return { text: outcome.fixedText ?? text, left: outcome.diagnostics.map((d) => d.message) };
}

describe("front-matter-schema --fix", () => {
  it.each([['"3"'], ["'3'"], ['"003"']])("turns ms: %s into ms: 3", (quoted) => {
    const { text, left } = fix(frontMatterSchema, milestone({ ms: quoted }));
    expect(text).toBe(milestone({ ms: "3" }));
    expect(left).toEqual([]);
  });

  it("keeps a comment after the value", () => {
    expect(fix(frontMatterSchema, milestone({ ms: "'3'  # third" })).text).toBe(milestone({ ms: "3  # third" }));
  });

  it("leaves values that are not a quoted number alone", () => {
    for (const ms of ['"three"', '"3.5"', "three"]) {
      const { text, left } = fix(frontMatterSchema, milestone({ ms }));
      expect(text).toBe(milestone({ ms }));
      expect(left).toHaveLength(1);
    }
  });
});

describe("id-valid --fix", () => {
  it("zero-pads the plan number and MS### in id and execplan_id, keeping quotes", () => {
    const { text, left } = fix(idValid, milestone({ id: '"EP-20260117-14/MS3"', execplan_id: "EP-20260117-14" }));
    expect(text).toBe(milestone({ id: '"EP-20260117-014/MS003"', execplan_id: "EP-20260117-014" }));
    expect(left).toEqual([]);
  });

  it("zero-pads an ExecPlan id", () => {
    const plan = (id: string) => `---\nid: ${id}\ntitle: "Streaming"\n---\n`;
    expect(fix(idValid, plan("'EP-20260117-7'"), PLAN).text).toBe(plan("'EP-20260117-007'"));
  });

  it("does not touch IDs whose meaning is not plain", () => {
    for (const id of ["EP-20260230-14/MS003", "EP-20260117-000/MS3", "EP-20260117-0014/MS003"]) {
      const { text, left } = fix(idValid, milestone({ id }));
      expect(text).toBe(milestone({ id }));
      expect(left).toHaveLength(1);
    }
  });
});

describe("front-matter-first-byte --fix", () => {
  it("removes a BOM and blank lines before the opening ---", () => {
    expect(fix(frontMatterFirstByte, `\uFEFF\n \r\n${milestone({})}`).text).toBe(milestone({}));
  });
});

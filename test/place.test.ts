/** What a path is, in both layouts of docs/format.md §2 and §3 and in trees that mix them. */
import { describe, expect, it } from "vitest";
import path from "node:path";
import { classify } from "../src/tree/place.js";

const ROOT = path.join(path.sep, "repo", ".agent", "exec_plans");
const at = (rel: string) => classify(path.join(ROOT, ...rel.split("/")));

describe("classify", () => {
  it("reads the template layout (§2)", () => {
    expect(at("search/EP-20260210-003_search.md")).toMatchObject({ kind: "execplan", layout: "template", planDir: path.join(ROOT, "search") });
    expect(at("search/milestones/active/EP-20260210-003_MS002_api.md")).toMatchObject({ kind: "milestone", layout: "template", folder: "active", subfolders: [] });
    expect(at("search/milestones/archive/2026/03/02/EP-20260210-003_MS001_col.md")).toMatchObject({
      kind: "milestone",
      layout: "template",
      folder: "archive",
      subfolders: ["2026", "03", "02"],
      planDir: path.join(ROOT, "search"),
    });
  });

  it("reads the upstream layout (§3), with `archive` as the older spelling of `complete`", () => {
    expect(at("active/audit/EP-20260315-002_audit.md")).toMatchObject({ kind: "execplan", layout: "upstream", planFolder: "active", planDir: path.join(ROOT, "active", "audit") });
    expect(at("active/audit/milestones/complete/MS001_schema.md")).toMatchObject({ kind: "milestone", layout: "upstream", folder: "complete" });
    const done = "complete/2026/03/08/EP-20260221-001_contracts";
    expect(at(`${done}/EP-20260221-001_contracts.md`)).toMatchObject({ kind: "execplan", layout: "upstream", planFolder: "complete", planDate: ["2026", "03", "08"] });
    expect(at(`${done}/milestones/complete/MS001_tests.md`)).toMatchObject({ kind: "milestone", planDir: path.join(ROOT, ...done.split("/")) });
    expect(at("archive/2026/03/08/EP-20260221-001_contracts/milestones/archive/MS002_x.md")).toMatchObject({ layout: "upstream", planFolder: "archive", folder: "archive" });
  });

  it("reads `completed` as an older spelling of `complete`, for plans and milestones", () => {
    const done = "completed/2025/12/19/EP-20251201-002_rate-limits";
    expect(at(`${done}/EP-20251201-002_rate-limits.md`)).toMatchObject({ kind: "execplan", layout: "upstream", planFolder: "completed", planDate: ["2025", "12", "19"] });
    expect(at(`${done}/milestones/completed/MS001_bucket.md`)).toMatchObject({ kind: "milestone", layout: "upstream", folder: "completed" });
  });

  it("finds the root of a `.agents/exec_plans` tree as of a `.agent/exec_plans` one", () => {
    const agents = path.join(path.sep, "repo", ".agents", "exec_plans");
    expect(classify(path.join(agents, "active", "audit", "EP-20260315-002_audit.md"))).toMatchObject({ kind: "execplan", root: agents, layout: "upstream" });
  });

  it("classifies each file of a mixed tree by its own path", () => {
    expect(at("search/EP-20260210-003_search.md")?.layout).toBe("template");
    expect(at("active/search/EP-20260210-003_search.md")?.layout).toBe("upstream");
  });

  it("judges a milestone left beside its plan as a misplaced milestone, not as a plan", () => {
    const misplaced = at("search/EP-20260210-003_MS004_ui.md");
    expect(misplaced).toMatchObject({ kind: "milestone", layout: "template", subfolders: [] });
    expect(misplaced?.folder).toBeUndefined();
    expect(at("active/audit/MS003_api.md")).toMatchObject({ kind: "milestone", layout: "upstream" });
  });

  it("skips files outside both layouts", () => {
    expect(at("search/notes.md")).toBeUndefined();
    expect(at("README.md")).toBeUndefined();
    expect(at("complete/last-week/x/y/EP-20260221-001_contracts/EP-20260221-001_contracts.md")).toBeUndefined();
    expect(at("active/2026/03/08/audit/EP-20260315-002_audit.md")).toBeUndefined();
    expect(at("registry.json")).toBeUndefined();
    // what agentrules does not read as a milestone is not one: a README or notes beside the milestones
    expect(at("active/audit/milestones/README.md")).toBeUndefined();
    expect(at("search/milestones/active/notes.md")).toBeUndefined();
  });
});

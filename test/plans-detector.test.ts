/**
 * What `--init` finds in a repository of the PLANS.md practice: the rules document
 * and its skeleton, the plan folders, which files are plans and which are not, the
 * active and completed folders. Each fixture repository's config is exactly what the
 * detectors propose together (test/execplan-repos.test.ts runs `--init` itself).
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inspect } from "../src/detect/inspect.js";
import { detectPlans } from "../src/detect/plans-practice.js";
import { FIXTURES } from "./helpers/fixtures.js";

const ROOT = path.join(FIXTURES, "execplan");

describe.each(readdirSync(ROOT).sort())("%s", (repo) => {
  it("has the config the detectors propose, as --init writes it", async () => {
    const found = await inspect(path.join(ROOT, repo));
    expect(readFileSync(path.join(ROOT, repo, "milestone-lint.config.json"), "utf8")).toBe(`${JSON.stringify(found?.config, null, 2)}\n`);
    expect(found?.config.plans).toEqual(detectPlans(path.join(ROOT, repo))?.config.plans);
  });
});

it("says what it found in two lines", () => {
  expect(detectPlans(path.join(ROOT, "docs-layout"))?.findings).toEqual([
    "PLANS.md prescribes 12 sections, 4 required, with timestamped Progress items (the skeleton in the code block at line 23)",
    "docs/exec-plans holds 4 plans (2 completed, 2 active) and 2 files that are no plans, left out (docs/exec-plans/README.md, docs/exec-plans/tech-debt-tracker.md)",
  ]);
  expect(detectPlans(path.join(ROOT, "both-worlds"))?.findings).toEqual([
    "docs/PLANS.md prescribes 8 sections, 4 required (the sections it explains under its own headings)",
    "plans holds 3 plans (1 completed, 2 active) and 1 file that is no plan, left out (plans/README.md)",
  ]);
});

describe("repositories of other shapes", () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  const repo = (files: Record<string, string>): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ml-detect-"));
    made.push(dir);
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    return dir;
  };
  const plan = (title: string) => `# ${title}\n\n## Progress\n\n- [ ] Start.\n\n## Decision Log\n\n## Outcomes & Retrospective\n`;

  it("follows AGENTS.md to a rules document of another name, and uses the practice's sections when it gives none", () => {
    const dir = repo({
      "AGENTS.md": "Write an execution plan as `docs/how-we-plan.md` says.\n",
      "docs/how-we-plan.md": "# How we plan\n\nPlans go in `.agent/plans/`. Keep them short.\n",
      ".agent/plans/csv.md": plan("CSV"),
      ".agent/plans/pdf.md": plan("PDF"),
    });
    expect(detectPlans(dir)).toEqual({
      config: { extends: ["execplan"], plans: { document: "docs/how-we-plan.md", files: [".agent/plans/**/*.md"] } },
      findings: ["docs/how-we-plan.md gives no skeleton I can read, so the practice's own sections are used, the four living ones required", ".agent/plans holds 2 plans"],
      document: "docs/how-we-plan.md",
    });
  });

  it("finds plans in the usual places without a rules document, and leaves an agentrules tree alone", () => {
    const dir = repo({
      "plans/active/csv.md": plan("CSV"),
      "plans/done/pdf.md": plan("PDF"),
      "plans/templates/plan.md": "# <Title>\n\n## Progress\n",
      ".agent/exec_plans/search/EP-20260210-003_search.md": "---\nid: EP-20260210-003\n---\n",
    });
    expect(detectPlans(dir)?.config).toEqual({
      extends: ["execplan"],
      plans: { files: ["plans/**/*.md"], ignores: ["plans/templates/plan.md"], active: ["plans/active/"], completed: ["plans/done/"] },
    });
  });

  it("names the plan file when every plan has its own folder and the same name", () => {
    const dir = repo({
      "PLANS.md": "Each plan is `docs/plans/<slug>/PLAN.md`, notes beside it.\n",
      "docs/plans/csv/PLAN.md": plan("CSV"),
      "docs/plans/csv/notes.md": "# Notes\n",
      "docs/plans/pdf/PLAN.md": plan("PDF"),
    });
    expect(detectPlans(dir)?.config.plans).toEqual({ document: "PLANS.md", files: ["docs/plans/**/PLAN.md"] });
  });

  it("reads the skeleton from a template kept among the plans when the rules document gives none, and never takes the template for a plan", () => {
    const dir = repo({
      "docs/PLANS.md": "# Roadmap\n\nDetailed plans are in `docs/exec-plans/active/`.\n",
      "docs/exec-plans/TEMPLATE.md": "# Plan template\n\n## Plan: <title>\n\n### Objective\n\n### Progress\n\n- [ ] <step> `YYYY-MM-DD HH:MM`\n\n### Decision Log\n\n### Outcomes & Retrospective\n",
      "docs/exec-plans/active/csv.md": "# CSV\n\n## Plan: export invoices\n\n### Objective\n\nExport.\n\n### Progress\n\n- [ ] Write it.\n\n### Decision Log\n\n### Outcomes & Retrospective\n",
      "docs/exec-plans/completed/pdf.md": plan("PDF"),
    });
    const detected = detectPlans(dir);
    expect(detected?.config.plans).toEqual({
      document: "docs/exec-plans/TEMPLATE.md",
      files: ["docs/exec-plans/**/*.md"],
      active: ["docs/exec-plans/active/"],
      completed: ["docs/exec-plans/completed/"],
      skeleton: {
        level: 3,
        title: true,
        timestamps: false,
        sections: [
          { heading: "Objective", required: false },
          { heading: "Progress", required: true },
          { heading: "Decision Log", required: true },
          { heading: "Outcomes & Retrospective", required: true },
        ],
      },
    });
    expect(detected?.findings[0]).toBe("docs/exec-plans/TEMPLATE.md prescribes 4 sections, 3 required (the template's own headings)");
  });

  it("proposes nothing where no folder holds a plan", () => {
    expect(detectPlans(repo({ "PLANS.md": "```md\n## Progress\n## Decision Log\n```\n", "plans/README.md": "# Plans\n\nNone yet.\n" }))).toBeUndefined();
    expect(detectPlans(repo({ "README.md": "# A project\n" }))).toBeUndefined();
  });
});

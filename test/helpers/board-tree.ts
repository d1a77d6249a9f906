/**
 * A seeded tree of plans in every state, for the board tests: plans `active`,
 * `planned`, `paused`, `done` and `archived` in both layouts; milestones in flight,
 * blocked, closed and moved (or not); Definition of Done checklists part ticked;
 * health tables; some plans idle for months; and a few mistakes of the kinds
 * people make (a misspelt status, a template placeholder, a closed milestone left
 * in `active/`). Small files, so that 200 plans lint in seconds.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prng } from "../../bench/generate.mjs";

/** The day the generated tree is judged on. */
export const BOARD_TODAY = "2026-11-25";

const WORDS = ("billing search export ledger queue webhook console tenant quota audit cache index token session " +
  "report invoice upload import sync alert metric schema retry backfill rollout").split(" ");
const OWNERS = ["@ines", "@codex", "@claude", "@mara", "@team-search", "@ops", "@lea", "@tomas"];
const MARKS = ["✅", "⚠️", "⏳"];

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function milestoneText(f: { id: string; plan: string; ms: number; title: string; status: string; owner: string; created: string; updated: string; ticked: number; items: number; marks: string[] }): string {
  const checklist = Array.from({ length: f.items }, (_, i) => `- [${i < f.ticked ? "x" : " "}] Step ${i + 1} of ${f.title.toLowerCase()} is done`).join("\n");
  return `---
id: ${f.id}
execplan_id: ${f.plan}
ms: ${f.ms}
title: "${f.title}"
status: ${f.status}
domain: backend
owner: "${f.owner}"
created: ${f.created}
updated: '${f.updated}'
tags:
  - board
risk: low
---

<!-- SECTION: Metadata -->
# ${f.title}

This milestone is a living document.

<!-- SECTION: Objective -->
## Objective

${f.title} works end to end.

<!-- SECTION: Definition of Done -->
## Definition of Done

${checklist}

<!-- SECTION: Scope -->
## Scope

### In Scope
- The ${f.title.toLowerCase()} path

### Out of Scope
- Everything else

<!-- SECTION: Current Health Snapshot -->
## Current Health Snapshot

| Area | Status | Notes |
| --- | --- | --- |
| Implementation | ${f.marks[0]} | On track |
| Tests & QA | ${f.marks[1]} | Needs load tests |

<!-- SECTION: Architecture / Design -->
## Architecture / Design Snapshot

- One module.

<!-- SECTION: Workstreams & Tasks -->
## Workstreams & Tasks

- Build it.

<!-- SECTION: Dependencies -->
## Dependencies

- None.

<!-- SECTION: Risks -->
## Risks & Mitigations

- Low.

<!-- SECTION: Validation / QA Plan -->
## Validation / QA Plan

- \`npm test\`

<!-- SECTION: Rollout / Ops Notes -->
## Rollout / Ops Notes

- Behind a flag.

<!-- SECTION: Changelog -->
## Changelog

- ${f.created} — Created.
`;
}

/** Writes `plans` plans under `root/.agent/exec_plans` (replacing what was there); returns the plan folders. */
export function generateBoardTree(root: string, plans: number, seed = 17): string[] {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  rmSync(root, { recursive: true, force: true });
  const exec = path.join(root, ".agent", "exec_plans");
  const folders: string[] = [];
  for (let p = 1; p <= plans; p++) {
    const month = 1 + (p % 10);
    const day = 1 + (p % 27);
    const created = `2026-${pad(month, 2)}-${pad(day, 2)}`;
    const id = `EP-2026${pad(month, 2)}${pad(day, 2)}-${pad(p, 3)}`;
    const slug = `${pick(WORDS)}-${pick(WORDS)}-${p}`;
    const title = `${pick(WORDS)} ${pick(WORDS)} ${pick(["rework", "service", "pipeline", "dashboard", "migration"])}`.replace(/^./, (c) => c.toUpperCase());
    const roll = rand();
    const status = roll < 0.4 ? "active" : roll < 0.6 ? "planned" : roll < 0.7 ? "paused" : roll < 0.9 ? "done" : "archived";
    const upstream = p % 3 === 0;
    const finished = status === "done" || status === "archived";
    // idle plans stopped months ago; the rest moved in the last weeks
    const last = rand() < 0.25 ? `2026-${pad(int(3, 8), 2)}-${pad(int(10, 28), 2)}` : `2026-11-${pad(int(1, 24), 2)}`;
    const updated = last < created ? created : last;
    const dir = upstream
      ? finished
        ? path.join(exec, "complete", "2026", "11", "20", `${id}_${slug}`)
        : path.join(exec, "active", slug)
      : path.join(exec, slug);
    mkdirSync(dir, { recursive: true });
    folders.push(dir);
    writeFileSync(
      path.join(dir, `${id}_${slug}.md`),
      `---\nid: ${id}\ntitle: "${title}"\nstatus: ${status}\nkind: feature\ndomain: backend\nowner: "${pick(OWNERS)}"\ncreated: ${created}\nupdated: ${updated}\n---\n\n# ${id} - ${title}\n\n## Progress\n\n- [x] Plan written\n- [${finished ? "x" : " "}] Work shipped\n`,
    );
    const count = int(1, 8);
    for (let ms = 1; ms <= count; ms++) {
      const items = int(2, 6);
      const msRoll = rand();
      let msStatus = finished ? "completed" : ms <= count / 2 ? "completed" : msRoll < 0.12 ? "blocked" : msRoll < 0.55 ? "in_progress" : "planned";
      if (status === "planned") msStatus = "planned";
      const closed = msStatus === "completed";
      let ticked = closed ? items : msStatus === "planned" ? 0 : int(0, items - 1);
      // closed work left where it was, or closed with work left: the lifecycle mistakes
      const notMoved = closed && rand() < 0.08;
      if (closed && rand() < 0.05) ticked = items - 1;
      const msTitle = `${pick(WORDS)} ${pick(["api", "worker", "ui", "tests", "docs", "schema"])}`.replace(/^./, (c) => c.toUpperCase());
      const msSlug = msTitle.toLowerCase().replace(/\W+/g, "-");
      const broken = rand();
      const msCreated = created;
      const msUpdated = updated;
      const folder = closed && !notMoved ? (upstream ? ["complete"] : ["archive", "2026", "11", "20"]) : ["active"];
      const msDir = path.join(dir, "milestones", ...folder);
      mkdirSync(msDir, { recursive: true });
      const name = upstream ? `MS${pad(ms, 3)}_${msSlug}.md` : `${id}_MS${pad(ms, 3)}_${msSlug}.md`;
      const text = milestoneText({
        id: `${id}/MS${pad(ms, 3)}`,
        plan: id,
        ms,
        title: msTitle,
        status: broken < 0.03 ? "in-progress" : notMoved && !upstream ? "archived" : msStatus,
        owner: broken > 0.97 ? "@handle-or-team" : pick(OWNERS),
        created: msCreated,
        updated: msUpdated,
        ticked,
        items,
        marks: [pick(MARKS), pick(MARKS)],
      });
      writeFileSync(path.join(msDir, name), text);
    }
  }
  return folders;
}

/** The config of a generated repository of the PLANS.md practice: `docs/exec-plans/active|completed/`, timestamped Progress. */
const PRACTICE_CONFIG = {
  extends: ["execplan"],
  plans: {
    files: ["docs/exec-plans/**/*.md"],
    ignores: ["docs/exec-plans/README.md"],
    active: ["docs/exec-plans/active/"],
    completed: ["docs/exec-plans/completed/"],
    skeleton: {
      timestamps: true,
      sections: [
        { heading: "Purpose / Big Picture" },
        { heading: "Progress", required: true },
        { heading: "Surprises & Discoveries", required: true },
        { heading: "Decision Log", required: true },
        { heading: "Outcomes & Retrospective", required: true },
      ],
    },
  },
};

/**
 * Writes a repository of the PLANS.md practice with `plans` plans under `root/docs/exec-plans`
 * (replacing what was there): plans in flight with Progress part ticked, some idle for
 * months, some with a status line; finished plans in `completed/`, most with outcomes
 * written; and the lifecycle mistakes people make (a finished plan left in `active/`,
 * unticked steps or outcomes "Pending." in `completed/`). Returns the plan files.
 */
export function generatePracticeTree(root: string, plans: number, seed = 23): string[] {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, "docs", "exec-plans", "active"), { recursive: true });
  mkdirSync(path.join(root, "docs", "exec-plans", "completed"), { recursive: true });
  writeFileSync(path.join(root, "milestone-lint.config.json"), `${JSON.stringify(PRACTICE_CONFIG, null, 2)}\n`);
  writeFileSync(path.join(root, "docs", "exec-plans", "README.md"), "# Plans\n\nActive plans in `active/`, finished ones in `completed/`.\n");
  const files: string[] = [];
  for (let p = 1; p <= plans; p++) {
    const title = `${pick(WORDS)} ${pick(WORDS)} ${pick(["rework", "service", "pipeline", "dashboard", "migration"])}`.replace(/^./, (c) => c.toUpperCase());
    const slug = `${title.toLowerCase().replace(/\W+/g, "-")}-${p}`;
    const roll = rand();
    const finished = roll < 0.35;
    // a finished plan left among the active ones
    const leftInActive = !finished && roll < 0.42;
    const steps = int(2, 7);
    let ticked = finished || leftInActive ? steps : int(0, steps - 1);
    if (finished && rand() < 0.1) ticked = steps - 1;
    // idle plans stopped months ago; the rest moved in the last weeks
    const month = rand() < 0.25 ? int(3, 8) : 11;
    const first = int(1, 12);
    const progress = Array.from({ length: steps }, (_, i) =>
      i < ticked ? `- [x] (2026-${pad(month, 2)}-${pad(first + i, 2)} ${pad(9 + i, 2)}:30Z) Step ${i + 1} of the ${title.toLowerCase()} done.` : `- [ ] Step ${i + 1} of the ${title.toLowerCase()}.`,
    ).join("\n");
    const outcomes = finished ? (rand() < 0.12 ? "Pending." : `The ${title.toLowerCase()} shipped; the next step is its own plan.`) : "To be written when the work ends.";
    const status = rand() < 0.3 ? `Status: ${finished ? "Done" : pick(["In progress", "Blocked", "Draft"])}\n\n` : "";
    const file = path.join(root, "docs", "exec-plans", finished ? "completed" : "active", `${slug}.md`);
    writeFileSync(
      file,
      `# ${title}\n\n${status}This plan is a living document. It follows PLANS.md.\n\n## Purpose / Big Picture\n\nThe ${title.toLowerCase()} works end to end.\n\n## Progress\n\n${progress}\n\n## Surprises & Discoveries\n\n- Observation: nothing yet.\n  Evidence: the logs.\n\n## Decision Log\n\n- Decision: keep it small.\n  Rationale: it ships sooner.\n  Date/Author: 2026-${pad(month, 2)}-${pad(first, 2)}, ${pick(OWNERS)}\n\n## Outcomes & Retrospective\n\n${outcomes}\n`,
    );
    files.push(file);
  }
  return files;
}

/**
 * # finished-work-moved
 *
 * Finished work is moved to its closed folder (docs/format.md §8), which is what the
 * agentrules commands do; setting the status by hand and stopping there leaves the
 * work listed as active:
 * - a `completed` milestone still in `milestones/active/` belongs in the closed
 *   folder: `agentrules execplan milestone complete EP-… --ms N` moves it
 *   (`milestone archive` in the template layout, the older CLI's name);
 * - a `done` plan still under `active/` (upstream layout, docs/format.md §3) belongs
 *   under `complete/YYYY/MM/DD/`: `agentrules execplan complete EP-…` moves it with
 *   its milestones.
 *
 * A warning: the status may be ahead of a move that is about to happen. An `archived`
 * status in an active folder is an error of `status-matches-folder` and
 * `plan-status-place`; the template layout has no closed folder for plans. The
 * `git mv` that does the same move by hand is suggested.
 *
 * ## Valid
 *
 * ```md active/webhook-intake/milestones/complete/MS001_signature-check.md
 * ---
 * id: EP-20260406-001/MS001
 * execplan_id: EP-20260406-001
 * ms: 1
 * status: completed
 * ---
 * ```
 *
 * ```md active/webhook-intake/EP-20260406-001_webhook-intake.md
 * ---
 * id: EP-20260406-001
 * status: active
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```md active/webhook-intake/milestones/active/MS001_signature-check.md
 * ---
 * id: EP-20260406-001/MS001
 * execplan_id: EP-20260406-001
 * ms: 1
 * status: completed
 * ---
 * ```
 *
 * ```md active/webhook-intake/EP-20260406-001_webhook-intake.md
 * ---
 * id: EP-20260406-001
 * status: done
 * ---
 * ```
 *
 * ```text output
 * active/webhook-intake/EP-20260406-001_webhook-intake.md:3:9  warning  Plan is done but still under `active/`; move it to `complete/YYYY/MM/DD/` with `agentrules execplan complete EP-20260406-001`.
 *   → mkdir -p complete/2026/11/25 && git mv active/webhook-intake complete/2026/11/25/EP-20260406-001_webhook-intake
 * active/webhook-intake/milestones/active/MS001_signature-check.md:5:9  warning  Milestone is completed but still in `milestones/active/`; move it to `milestones/complete/` with `agentrules execplan milestone complete EP-20260406-001 --ms 1`.
 *   → mkdir -p active/webhook-intake/milestones/complete && git mv active/webhook-intake/milestones/active/MS001_signature-check.md active/webhook-intake/milestones/complete/MS001_signature-check.md
 * ```
 */
import path from "node:path";
import type { FileContext, FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { integerValue, stringValue, type Located } from "../src/source/front-matter-values.js";
import { gitMv, gitMvPath } from "../src/tree/git-mv.js";
import { isPlanId, milestoneIdParts, splitPlanFileName } from "../src/tree/identity.js";
import { milestoneCloseCommand, planCompleteCommand } from "../src/tree/lifecycle.js";
import { completedPlanDir } from "../src/tree/relocate.js";

/** The milestone's plan and number, from `id`, else `execplan_id` and `ms`. */
function milestoneIdentity(context: FileContext): { planId: string; ms: number } | undefined {
  const fromId = milestoneIdParts(stringValue(context.frontMatter, "id")?.value);
  if (fromId) return fromId;
  const planId = stringValue(context.frontMatter, "execplan_id")?.value;
  const ms = integerValue(context.frontMatter, "ms")?.value;
  return isPlanId(planId) && ms !== undefined ? { planId, ms } : undefined;
}

function milestone(context: FileContext, status: Located<string>): void {
  const { place } = context.file;
  if (status.value !== "completed" || place.folder !== "active") return;
  const upstream = place.layout === "upstream";
  const closed = upstream ? "milestones/complete/" : "milestones/archive/YYYY/MM/DD/";
  const identity = milestoneIdentity(context);
  const how = identity ? ` with \`${milestoneCloseCommand(identity.planId, identity.ms, place.layout)}\`` : "";
  const target = upstream ? ["complete"] : ["archive", ...context.today.split("-")];
  context.report({
    message: `Milestone is completed but still in \`milestones/active/\`; move it to \`${closed}\`${how}.`,
    at: status.range,
    suggestion: gitMv(context.file, path.join(place.planDir, "milestones", ...target, place.fileName)),
  });
}

function plan(context: FileContext, status: Located<string>): void {
  const { file } = context;
  const { place } = file;
  if (status.value !== "done" || place.layout !== "upstream" || place.planFolder !== "active") return;
  const fromKey = stringValue(context.frontMatter, "id")?.value;
  const fromName = splitPlanFileName(place.fileName).plan;
  const id = isPlanId(fromKey) ? fromKey : isPlanId(fromName) ? fromName : undefined;
  const how = id ? ` with \`${planCompleteCommand(id)}\`` : "";
  // several plans sharing `active/` itself (an old layout) cannot move as one folder
  const shared = path.basename(place.planDir) === "active";
  context.report({
    message: `Plan is done but still under \`active/\`; move it to \`complete/YYYY/MM/DD/\`${how}.`,
    at: status.range,
    ...(shared ? {} : { suggestion: gitMvPath(file, place.planDir, completedPlanDir(place, context.today, id)) }),
  });
}

export const finishedWorkMoved: FileRule = {
  meta: {
    id: "finished-work-moved",
    description: "A completed milestone is out of `milestones/active/`, a done plan out of `active/`",
    severity: "warn",
    appliesTo: ["milestone", "execplan"],
    docsUrl: docsUrl("finished-work-moved"),
    lifecycle: "place",
  },
  check(context) {
    const status = stringValue(context.frontMatter, "status");
    if (!status) return;
    if (context.file.place.kind === "milestone") milestone(context, status);
    else plan(context, status);
  },
};

/**
 * Recognises `.agent/exec_plans` and `.agents/exec_plans` trees and which profile
 * their milestones follow: the template's, whose sections start with
 * `<!-- SECTION: … -->` markers, or the agentrules CLI's, whose files carry plain
 * headings only (docs/format.md §5, §7). A milestone in the CLI's form has no marker
 * and the CLI's `## Objective` and `## Changelog` headings (a file broken beyond that
 * is evidence of neither). The CLI's profile is chosen when its files are at least as
 * many as the template's: it reads both kinds (it finds sections by their headings),
 * while the template's would report every CLI file; the template's when they are
 * fewer. Without a milestone to go by, the tree is the CLI's when its plans have the
 * CLI's living sections.
 */
import path from "node:path";
import { readSource } from "../source/read-source.js";
import { defaultTargets } from "../tree/agent-dirs.js";
import { classify } from "../tree/place.js";
import { walkMarkdown } from "../run/discover.js";
import type { Layout } from "../shared/types.js";
import type { Detection, Detector } from "./detection.js";

/** A marker line outside fenced code: what the template's files have and the CLI's do not. */
function hasMarker(text: string): boolean {
  let fence: string | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (open !== undefined) {
      if (fence === undefined) fence = open[0];
      else if (open[0] === fence) fence = undefined;
      continue;
    }
    if (fence === undefined && /^ {0,3}<!--\s*SECTION\s*:/i.test(line)) return true;
  }
  return false;
}

/** A milestone body as `agentrules execplan milestone new` writes it (to be read with `hasMarker`). */
const cliMilestone = (text: string): boolean => /^## Objective\s*$/m.test(text) && /^## Changelog\s*$/m.test(text);

/** A plan with the sections `agentrules execplan new` writes. */
const cliPlan = (text: string): boolean => /^## Progress\s*$/m.test(text) && /^## Purpose \/ Big Picture\s*$/m.test(text);

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

export const agentrulesTrees: Detector = {
  name: "agentrules trees",
  async detect(cwd) {
    const files: string[] = [];
    // a folder that is missing or cannot be read holds nothing to go by
    for (const dir of defaultTargets(cwd)) await walkMarkdown(path.join(cwd, dir, "exec_plans"), files, []);
    let plans = 0;
    let cliPlans = 0;
    let milestones = 0;
    let marked = 0;
    let cliForm = 0;
    const layouts = new Set<Layout>();
    const found = new Set<string>();
    for (const file of files) {
      const place = classify(file);
      if (!place) continue;
      found.add(path.relative(cwd, place.root).split(path.sep).join("/"));
      layouts.add(place.layout);
      const read = readSource(file, place.root);
      const text = read.ok ? read.text : "";
      if (place.kind === "execplan") {
        plans++;
        if (cliPlan(text)) cliPlans++;
      } else {
        milestones++;
        if (hasMarker(text)) marked++;
        else if (cliMilestone(text)) cliForm++;
      }
    }
    if (plans + milestones === 0) return undefined;
    const where = [...found].sort().join(" and ");
    const layout = layouts.size === 2 ? "both layouts, template and upstream" : `the ${[...layouts][0]} layout`;
    const markers =
      marked === 0
        ? "none with a <!-- SECTION --> marker"
        : marked === milestones
          ? `all with <!-- SECTION --> markers`
          : `${marked} with <!-- SECTION --> markers, ${cliForm} in the CLI's form`;
    const contents = milestones > 0 ? `${plural(plans, "plan")} and ${plural(milestones, "milestone")}, ${markers}` : `${plural(plans, "plan")}, no milestone, ${cliPlans > 0 ? `${cliPlans} with the CLI's living sections` : "none with the CLI's living sections"}`;
    const reason = `${where} holds ${contents} (${layout})`;
    const cli = marked + cliForm > 0 ? cliForm >= marked : cliPlans > 0;
    const detection: Detection = cli
      ? { config: { extends: ["agentrules"] }, choice: 'the "agentrules" preset, the profile of files the agentrules CLI writes', reason, differsFromDefaults: true }
      : { config: { extends: ["recommended"] }, choice: `the "recommended" preset, the milestone template's strict profile`, reason, differsFromDefaults: false };
    return detection;
  },
};

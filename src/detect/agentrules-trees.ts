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
import { frontMatterSettled } from "../source/front-matter.js";
import { READ_AHEAD_CHARS, readSourceStart } from "../source/read-source.js";
import { defaultTargets } from "../tree/agent-dirs.js";
import { classify } from "../tree/place.js";
import { walkMarkdown } from "../run/discover.js";
import type { Layout, Place } from "../shared/types.js";
import type { DetectOptions, Detection, Detector } from "./detection.js";

/** A line that may open or close a fence or hold a marker: up to 3 spaces, then a backtick, a tilde or `<`. */
const CANDIDATE = /(?:^|\r\n|\r|\n) {0,3}[`~<]/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const MARKER = /^ {0,3}<!--\s*SECTION\s*:/i;

/** A marker line outside fenced code: what the template's files have and the CLI's do not. Looks only at the lines that may matter. */
function hasMarker(text: string): boolean {
  let fence: string | undefined;
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const start = m.index + (m[0].match(/^(?:\r\n|\r|\n)/)?.[0].length ?? 0);
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const line = text.slice(start, end);
    // the next line starts at its line ending
    CANDIDATE.lastIndex = end;
    const open = FENCE.exec(line)?.[1];
    if (open !== undefined) {
      if (fence === undefined) fence = open[0];
      else if (open[0] === fence) fence = undefined;
      continue;
    }
    if (fence === undefined && MARKER.test(line)) return true;
  }
  return false;
}

/** A milestone body as `agentrules execplan milestone new` writes it (to be read with `hasMarker`). */
const cliMilestone = (text: string): boolean => /^## Objective\s*$/m.test(text) && /^## Changelog\s*$/m.test(text);

/** A plan with the sections `agentrules execplan new` writes. */
const cliPlan = (text: string): boolean => /^## Progress\s*$/m.test(text) && /^## Purpose \/ Big Picture\s*$/m.test(text);

const FORMS = ["marked", "cli", "neither"] as const;
type Form = (typeof FORMS)[number];

/** A milestone's form: what `--cache` found of it while it is unchanged, else from its text. */
function formOf(file: string, findings: DetectOptions["findings"], text: () => string): Form {
  const known = findings?.get(file);
  if ((FORMS as readonly string[]).includes(known as string)) return known as Form;
  const read = text();
  const form: Form = hasMarker(read) ? "marked" : cliMilestone(read) ? "cli" : "neither";
  findings?.set(file, form);
  return form;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

export const agentrulesTrees: Detector = {
  name: "agentrules trees",
  async detect(cwd, options: DetectOptions = {}) {
    const files: string[] = [];
    const regular = new Set<string>();
    // a folder that is missing or cannot be read holds nothing to go by
    for (const dir of defaultTargets(cwd)) walkMarkdown(path.join(cwd, dir, "exec_plans"), files, [], options.folders?.list, regular);
    const plans: { file: string; place: Place }[] = [];
    const milestones: { file: string; place: Place }[] = [];
    const layouts = new Set<Layout>();
    const found = new Set<string>();
    for (const file of files) {
      const place = classify(file);
      if (!place) continue;
      found.add(place.root);
      layouts.add(place.layout);
      (place.kind === "execplan" ? plans : milestones).push({ file, place });
    }
    if (plans.length + milestones.length === 0) return undefined;
    // a file read only as far as a marker, when it has one (a file that cannot be read is evidence of nothing)
    const textOf = ({ file, place }: { file: string; place: Place }, enough: (start: string) => boolean): string => {
      // read as far as the front matter too, for the run's whole-tree index to take
      const read = readSourceStart(file, place.root, undefined, regular.has(file), (start) => enough(start) && frontMatterSettled(start));
      if (!read.ok || read.text.length <= READ_AHEAD_CHARS) options.readAhead?.set(file, read);
      return read.ok ? read.text : "";
    };
    let marked = 0;
    let cliForm = 0;
    let read = 0;
    for (const milestone of milestones) {
      // marked milestones outnumber all that the rest could add to the CLI's: the template's profile is certain
      if (options.quick && marked > cliForm + milestones.length - read) break;
      const form = formOf(milestone.file, options.findings, () => textOf(milestone, hasMarker));
      read++;
      if (form === "marked") marked++;
      else if (form === "cli") cliForm++;
    }
    const where = [...found].map((root) => path.relative(cwd, root).split(path.sep).join("/")).sort().join(" and ");
    const layout = layouts.size === 2 ? "both layouts, template and upstream" : `the ${[...layouts][0]} layout`;
    const template: Omit<Detection, "reason"> = { config: { extends: ["recommended"] }, choice: `the "recommended" preset, the milestone template's strict profile`, differsFromDefaults: false };
    const counts = `${plural(plans.length, "plan")} and ${plural(milestones.length, "milestone")}`;
    if (read < milestones.length) return { ...template, reason: `${where} holds ${counts}, more with <!-- SECTION --> markers than in the CLI's form (${layout})` };
    // plans go by only when no milestone does
    const cliPlans = marked + cliForm > 0 ? 0 : plans.filter((plan) => cliPlan(textOf(plan, () => false))).length;
    const markers =
      marked === 0
        ? "none with a <!-- SECTION --> marker"
        : marked === milestones.length
          ? `all with <!-- SECTION --> markers`
          : `${marked} with <!-- SECTION --> markers, ${cliForm} in the CLI's form`;
    const contents = milestones.length > 0 ? `${counts}, ${markers}` : `${plural(plans.length, "plan")}, no milestone, ${cliPlans > 0 ? `${cliPlans} with the CLI's living sections` : "none with the CLI's living sections"}`;
    const reason = `${where} holds ${contents} (${layout})`;
    const cli = marked + cliForm > 0 ? cliForm >= marked : cliPlans > 0;
    return cli
      ? { config: { extends: ["agentrules"] }, choice: 'the "agentrules" preset, the profile of files the agentrules CLI writes', reason, differsFromDefaults: true }
      : { ...template, reason };
  },
};

/**
 * Reads from a path alone what a Markdown file under `.agent/exec_plans` is and
 * which layout it follows (docs/format.md §2 and §3). Files that fit neither layout are
 * not plan or milestone files and get `undefined`: they are skipped, not flagged;
 * so are files under `milestones/` whose name is not a milestone's (`README.md`).
 */
import path from "node:path";
import { isAgentDir } from "./agent-dirs.js";
import type { Layout, Place } from "../shared/types.js";

/** `completed` and `archive` are older spellings of `complete` that agentrules still reads. */
const PLAN_STATE_FOLDERS = new Set(["active", "complete", "completed", "archive"]);
const PLAN_FILE = /^EP-/i;
/** `MS003_x.md` or `EP-…_MS003_x.md`: a milestone, wherever it sits. */
const MILESTONE_FILE = /^(EP-[^_]*_)?MS\d/i;
/** The `YYYY/MM/DD` folders of a completed upstream plan: digits (whether the date is real is a rule's business). */
const DATE_FOLDERS = [/^\d{4}$/, /^\d{1,2}$/, /^\d{1,2}$/];

/** The `exec_plans` folder a path lies in (the innermost `.agent/exec_plans` or `.agents/exec_plans`), or undefined. */
export function findRoot(absPath: string): string | undefined {
  const segments = absPath.split(path.sep);
  let found = -1;
  for (let i = segments.length - 2; i >= 0; i--) {
    if (segments[i] === "exec_plans") {
      if (isAgentDir(segments[i - 1] ?? "")) {
        found = i;
        break;
      }
      if (found < 0) found = i;
    }
  }
  return found < 0 ? undefined : segments.slice(0, found + 1).join(path.sep) || path.sep;
}

/** Which layout a plan folder's path (relative to the root, as segments) follows. */
function planLayout(prefix: string[]): { layout: Layout; planFolder?: string; planDate?: string[] } | undefined {
  if (prefix.length === 1) return { layout: "template" };
  const [state] = prefix;
  if (state === undefined || !PLAN_STATE_FOLDERS.has(state)) return undefined;
  if (prefix.length === 2) return { layout: "upstream", planFolder: state };
  if (prefix.length === 5 && state !== "active" && DATE_FOLDERS.every((re, i) => re.test(prefix[i + 1] ?? ""))) {
    return { layout: "upstream", planFolder: state, planDate: prefix.slice(1, 4) };
  }
  return undefined;
}

/** Places already worked out, by path: a run classifies each file more than once (detection, discovery, the index). */
const known = new Map<string, Place | undefined>();
/** Paths remembered at most, for a long-lived caller (the language server) that meets ever new ones. */
const KNOWN_MAX = 1 << 16;

/** The place of a Markdown file under an `exec_plans` root, from its absolute path alone. The same object for the same path: not to be changed. */
export function classify(absPath: string): Place | undefined {
  if (known.has(absPath)) return known.get(absPath);
  if (known.size >= KNOWN_MAX) known.clear();
  const place = placeOf(absPath);
  known.set(absPath, place);
  return place;
}

function placeOf(absPath: string): Place | undefined {
  if (!absPath.toLowerCase().endsWith(".md")) return undefined;
  const root = findRoot(absPath);
  if (!root) return undefined;
  // the root is a prefix of the path, which walks and path.resolve give normalised
  const rel = (absPath.startsWith(root + path.sep) ? absPath.slice(root.length + 1) : path.relative(root, absPath)).split(path.sep);
  const fileName = rel[rel.length - 1] ?? "";
  const m = rel.indexOf("milestones");
  // a README or notes beside the milestones are not milestones (agentrules reads only `MS###…` names there)
  if (m > 0 && !MILESTONE_FILE.test(fileName)) return undefined;
  if (m > 0) {
    const plan = planLayout(rel.slice(0, m));
    if (!plan) return undefined;
    const between = rel.slice(m + 1, -1);
    return {
      kind: "milestone",
      ...plan,
      root,
      planDir: path.join(root, ...rel.slice(0, m)),
      fileName,
      folder: between[0],
      subfolders: between.slice(1),
    };
  }
  if (!PLAN_FILE.test(fileName) && !MILESTONE_FILE.test(fileName)) return undefined;
  const plan = planLayout(rel.slice(0, -1));
  if (!plan) return undefined;
  const planDir = path.dirname(absPath);
  // a milestone left beside its plan, outside `milestones/`: judged as a misplaced milestone, not as a plan
  if (MILESTONE_FILE.test(fileName)) return { kind: "milestone", ...plan, root, planDir, fileName, subfolders: [] };
  return { kind: "execplan", ...plan, root, planDir, fileName };
}

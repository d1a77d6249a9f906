/**
 * # registry-in-sync
 *
 * `.agent/exec_plans/registry.json` (docs/format.md §6) is generated from the plans'
 * front matter (`agentrules execplan-registry update`) and goes stale when a plan
 * changes and nobody rebuilds it. When the file exists and the run covers it (it,
 * or a folder that holds it, is among the paths linted; the default `.agent` does),
 * this rule reports, each at its own line of `registry.json`:
 * - a field of an entry that differs from the plan's front matter (`title`,
 *   `status`, `updated`, `depends_on`, …; a field the entry leaves out is not
 *   compared, and empty values — absent, `null`, `[]`, `{}` — are equal);
 * - a `path` that does not lead to the plan (relative to the repository or to
 *   `exec_plans/`);
 * - an entry for a plan that does not exist, an entry without `id`, an ID listed twice;
 * - a plan of the tree the registry does not list (at the `"plans"` key), unless its
 *   front matter lacks a required key (`agentrules` leaves such plans out; the
 *   schema rule reports them);
 * - a key given twice in one object (a `"plans"` key twice, say: JSON readers keep
 *   the last, and so is the registry judged);
 * - a file that is not valid JSON or has no `plans` list.
 *
 * ## Valid
 *
 * ```md search-index/EP-20260210-003_search-index.md
 * ---
 * id: EP-20260210-003
 * title: "Search index"
 * status: active
 * ---
 * ```
 *
 * ```json registry.json
 * {"schema_version": 1, "plans": [
 *   {"id": "EP-20260210-003", "status": "active", "path": ".agent/exec_plans/search-index/EP-20260210-003_search-index.md"}
 * ]}
 * ```
 *
 * ## Invalid
 *
 * ```md search-index/EP-20260210-003_search-index.md
 * ---
 * id: EP-20260210-003
 * title: "Search index"
 * status: active
 * ---
 * ```
 *
 * ```json registry.json
 * {"schema_version": 1, "plans": [
 *   {"id": "EP-20260210-003", "status": "planned", "path": ".agent/exec_plans/search-index/EP-20260210-003_search-index.md"},
 *   {"id": "EP-20260301-001", "status": "active"}
 * ]}
 * ```
 *
 * ```text output
 * registry.json:2:39  error  registry.json gives plan EP-20260210-003 status "planned", but its front matter (search-index/EP-20260210-003_search-index.md) says "active"; the registry is stale: rebuild it (`agentrules execplan-registry update`).
 * registry.json:3:10  error  registry.json lists plan EP-20260301-001, but no ExecPlan with that ID exists in the tree; remove the entry, or rebuild it (`agentrules execplan-registry update`).
 * ```
 */
import path from "node:path";
import type { IndexedKey, ProjectRule, RegistryFile } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { quotePair, quotedPair } from "../src/shared/quote-pair.js";
import { repoDirOf } from "../src/tree/agent-dirs.js";
import { treeOf, type PlanNode } from "../src/tree/plan-tree.js";

/** Fields the registry copies from the front matter; `id` and `path` are checked apart. */
const COPIED = ["title", "status", "kind", "domain", "owner", "created", "updated", "tags", "touches", "risk", "breaking", "migration", "links", "depends_on", "supersedes"];

/** The keys without which agentrules leaves a plan out of the registry. */
const REQUIRED = ["id", "title", "status", "kind", "domain", "owner", "created", "updated"];

const REBUILD = "rebuild it (`agentrules execplan-registry update`)";

/** JSON text of a value; a front matter value JSON cannot hold (a YAML alias cycle) never equals a registry value. */
const UNREADABLE = "\u0000unreadable";
function stringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "undefined";
  } catch {
    return UNREADABLE;
  }
}

/** Absent, null, "", [] and {} all mean "not set"; maps compare without key order. */
function normalize(value: unknown): string {
  if (value === undefined || value === null || value === "") return "null";
  // agentrules writes list items as trimmed strings (`tags: [2026]` becomes `["2026"]`)
  if (Array.isArray(value)) return value.length === 0 ? "null" : stringify(value.map((v) => (v !== null && typeof v === "object" ? v : String(v).trim())));
  if (typeof value === "object") {
    const keys = Object.keys(value as object).sort();
    return keys.length === 0 ? "null" : stringify(keys.map((k) => [k, (value as Record<string, unknown>)[k]]));
  }
  return stringify(typeof value === "string" ? value.trim() : value);
}

function show(value: unknown): string {
  if (value === undefined || value === null) return "nothing";
  const s = stringify(value);
  return s === UNREADABLE ? "a value that cannot be shown" : s;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** What differs between the registry's value of `field` and the front matter's: a map (`links`) key by key. */
function differences(field: string, stored: unknown, actual: unknown): { name: string; stored: unknown; actual: unknown }[] {
  if (normalize(stored) === normalize(actual)) return [];
  if (!isMap(stored) || !isMap(actual)) return [{ name: field, stored, actual }];
  const keys = [...new Set([...Object.keys(stored), ...Object.keys(actual)])].sort();
  return keys.filter((k) => normalize(stored[k]) !== normalize(actual[k])).map((k) => ({ name: `${field}.${k}`, stored: stored[k], actual: actual[k] }));
}

/** The registry's value and the front matter's, cut only where they agree (strings inside their quotes). */
function showPair(stored: unknown, actual: unknown): [string, string] {
  if (typeof stored !== "string" || typeof actual !== "string") return quotePair(show(stored), show(actual));
  return quotedPair(stored, actual);
}

/** The paths `registry.json` may give for a plan: relative to the repository (as agentrules writes) or to `exec_plans/`. */
function pathMatches(registry: RegistryFile, given: string, plan: PlanNode): boolean {
  return [repoDirOf(registry.root), registry.root].some((base) => path.resolve(base, given) === plan.entry.path);
}

export const registryInSync: ProjectRule = {
  meta: {
    id: "registry-in-sync",
    scope: "project",
    description: "registry.json lists every plan, as its front matter says, and nothing else",
    severity: "error",
    appliesTo: ["execplan"],
    docsUrl: docsUrl("registry-in-sync"),
  },
  check(context) {
    const tree = treeOf(context);
    for (const registry of context.index.registries) {
      if (!registry.linted) continue;
      if (registry.problem) {
        context.report({ entry: registry, span: registry.problem.span, message: `${registry.problem.message} It is generated from the plans' front matter: ${REBUILD}.` });
        continue;
      }
      for (const d of registry.duplicateKeys ?? []) {
        context.report({
          entry: registry,
          span: d.span,
          message: `registry.json gives \`${d.name}\` twice in one object (also at line ${d.firstLine}); every JSON reader keeps only this last one, and so is it judged here: remove the other, or ${REBUILD}.`,
        });
      }
      const plans = tree.plans.filter((p) => p.entry.place.root === registry.root && p.id !== undefined);
      const listed = new Map<string, number>();
      for (const item of registry.plans) {
        const idField = item.fields.id;
        const id = idField?.value;
        if (typeof id !== "string" || id === "") {
          context.report({ entry: registry, span: idField?.valueSpan ?? item.span, message: `This registry entry has no \`id\`; every entry names a plan by its ID: ${REBUILD}.` });
          continue;
        }
        const span = idField?.valueSpan ?? item.span;
        const twice = listed.get(id);
        if (twice !== undefined) {
          context.report({ entry: registry, span, message: `Plan ${id} is listed twice (also at line ${twice}); remove one entry, or ${REBUILD}.` });
          continue;
        }
        listed.set(id, span.line);
        const matches = plans.filter((p) => p.ids.includes(id));
        if (matches.length === 0) {
          context.report({ entry: registry, span, message: `registry.json lists plan ${id}, but no ExecPlan with that ID exists in the tree; remove the entry, or ${REBUILD}.` });
          continue;
        }
        const given = item.fields.path?.value;
        const plan = (typeof given === "string" ? matches.find((p) => pathMatches(registry, given, p)) : undefined) ?? matches[0];
        // an unreadable plan's front matter is unknown: nothing to compare (it has its own error)
        if (!plan || plan.entry.unread) continue;
        for (const field of COPIED) {
          const stored: IndexedKey | undefined = item.fields[field];
          if (!stored) continue;
          const actual = plan.entry.keys[field]?.value;
          for (const d of differences(field, stored.value, actual)) {
            const [was, is] = showPair(d.stored, d.actual);
            context.report({
              entry: registry,
              span: stored.valueSpan,
              message: `registry.json gives plan ${id} ${d.name} ${was}, but its front matter (${plan.entry.displayPath}) says ${is}; the registry is stale: ${REBUILD}.`,
            });
          }
        }
        if (item.fields.path && (typeof given !== "string" || !pathMatches(registry, given, plan))) {
          // the path the registry should hold, as agentrules writes it (relative to the repository), whole: it is what to write
          const actual = path.relative(repoDirOf(registry.root), plan.entry.path).split(path.sep).join("/");
          context.report({
            entry: registry,
            span: item.fields.path.valueSpan,
            message: `registry.json gives plan ${id} the path ${show(given)}, but the plan is at ${show(actual)}; the registry is stale: ${REBUILD}.`,
          });
        }
      }
      // agentrules leaves out plans whose front matter lacks a required key: rebuilding would not add them
      const missing = new Map<string, PlanNode>();
      for (const p of plans) {
        if (p.id === undefined || listed.has(p.id) || missing.has(p.id)) continue;
        if (REQUIRED.every((k) => p.entry.keys[k] !== undefined)) missing.set(p.id, p);
      }
      for (const [id, p] of missing) {
        context.report({
          entry: registry,
          ...(registry.plansKey ? { span: registry.plansKey } : {}),
          message: `registry.json does not list plan ${id} (${p.entry.displayPath}); the registry is stale: ${REBUILD}.`,
        });
      }
    }
  },
};

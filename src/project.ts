/**
 * Phase two of a run: the whole-tree index and the rules that judge files against
 * it. Files the user did not ask to lint are read for their front matter only.
 */
import { readFrontMatter } from "./front-matter.js";
import { LineIndex } from "./line-index.js";
import { indexEntry, type ActiveRule } from "./lint-file.js";
import { classify } from "./place.js";
import { readSource } from "./read-source.js";
import { discover } from "./discover.js";
import type { Diagnostic, IndexEntry, ProjectIndex, ProjectRule } from "./types.js";

export async function buildIndex(
  linted: IndexEntry[],
  roots: string[],
  displayPath: (abs: string) => string,
  isIgnored?: (abs: string) => boolean | Promise<boolean>,
): Promise<ProjectIndex> {
  const entries = [...linted];
  const seen = new Set(linted.map((e) => e.path));
  const others = (await discover(roots, { cwd: "/", ...(isIgnored ? { isIgnored } : {}) })).filter((p) => !seen.has(p));
  for (const file of others) {
    const place = classify(file);
    if (!place) continue;
    const read = await readSource(file);
    if (!read.ok) continue;
    const source = { path: file, displayPath: displayPath(file), text: read.text, place };
    entries.push(indexEntry(source, readFrontMatter(read.text), new LineIndex(read.text), false));
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { roots, entries };
}

export function runProjectRules(
  index: ProjectIndex,
  rules: ActiveRule<ProjectRule>[],
  today: string,
): { diagnostics: Diagnostic[]; internalErrors: number } {
  const diagnostics: Diagnostic[] = [];
  let internalErrors = 0;
  for (const { rule, severity, options } of rules) {
    try {
      rule.check({
        index,
        options,
        today,
        report(r) {
          if (!r.entry.linted || !rule.meta.appliesTo.includes(r.entry.place.kind)) return;
          const k = r.key === undefined ? undefined : r.entry.keys[r.key];
          const span = k ? (r.part === "key" ? k.keySpan : k.valueSpan) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
          diagnostics.push({
            file: r.entry.displayPath,
            ...span,
            ruleId: rule.meta.id,
            severity,
            message: r.message,
            ...(r.suggestion ? { suggestion: r.suggestion } : {}),
          });
        },
      });
    } catch (error) {
      internalErrors++;
      const reason = error instanceof Error ? error.message : String(error);
      const first = index.entries.find((e) => e.linted);
      diagnostics.push({
        file: first?.displayPath ?? index.roots[0] ?? ".",
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        ruleId: rule.meta.id,
        severity: "error",
        message: `Internal error: rule "${rule.meta.id}" crashed (${reason}). The other rules still ran; please report this.`,
      });
    }
  }
  return { diagnostics, internalErrors };
}

/**
 * The code actions on a file's diagnostics: each safe fix as a quick fix, all of
 * them at once (`source.fixAll.milestone-lint`, also as a quick fix), a suggested
 * move as a file or folder rename (when the client can rename), and turning the
 * rule off for the line or for the file with a disable comment.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic, type TextEdit } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { MISPLACED_DIRECTIVE, UNREADABLE_FILE } from "../shared/errors.js";
import { parseGitMv } from "../tree/git-mv.js";
import { UNUSED_DISABLE } from "../run/suppressions.js";
import type { Diagnostic, Rule } from "../shared/types.js";
import { overlaps, SOURCE, toLspDiagnostic } from "./convert.js";
import { disableFile, disableLine, type Insertion } from "./disable-comment.js";
import type { Snapshot } from "./open-files-linter.js";

export const FIX_ALL = `${CodeActionKind.SourceFixAll}.${SOURCE}`;

/** Ids that are not rules: no comment turns them off. */
const NOT_RULES = new Set([UNREADABLE_FILE, UNUSED_DISABLE, MISPLACED_DIRECTIVE]);

export interface ActionContext {
  /** The file as the editor holds it, at the snapshot's version. */
  document: TextDocument;
  snapshot: Snapshot;
  rules: readonly Rule[];
  /** The folder the diagnostics' paths (and suggested moves) are relative to. */
  cwd: string;
  /** The client applies file renames in workspace edits. */
  canRename: boolean;
  /** The whole text with every safe fix applied, as `--fix` would write it. */
  fixAll(): Promise<string | undefined>;
}

/** Whether the client asked for actions of `kind` (`only` lists kinds and their parents). */
function wanted(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

function sameDiagnostic(a: LspDiagnostic, b: LspDiagnostic): boolean {
  return a.code === b.code && a.message === b.message && overlaps(a.range, b.range) && overlaps(b.range, a.range);
}

/** One edit that turns `text` into `output`: the part between their common start and end. */
function replaceChanged(document: TextDocument, text: string, output: string): TextEdit {
  let start = 0;
  while (start < text.length && start < output.length && text[start] === output[start]) start++;
  let end = 0;
  while (end < text.length - start && end < output.length - start && text[text.length - 1 - end] === output[output.length - 1 - end]) end++;
  return {
    range: { start: document.positionAt(start), end: document.positionAt(text.length - end) },
    newText: output.slice(start, output.length - end),
  };
}

function insertions(document: TextDocument, list: readonly Insertion[]): TextEdit[] {
  return list.map((i) => ({ range: { start: document.positionAt(i.offset), end: document.positionAt(i.offset) }, newText: i.text }));
}

export async function codeActions(params: CodeActionParams, context: ActionContext): Promise<CodeAction[]> {
  const { document, snapshot, rules } = context;
  const uri = document.uri;
  const edit = (edits: TextEdit[]) => ({ changes: { [uri]: edits } });
  const asked = params.context.diagnostics.filter((d) => d.source === SOURCE);
  const here = snapshot.diagnostics
    .map((d) => ({ d, lsp: toLspDiagnostic(d, rules) }))
    .filter(({ lsp }) => overlaps(lsp.range, params.range) || asked.some((a) => sameDiagnostic(a, lsp)));

  const actions: CodeAction[] = [];
  const quickFix = wanted(params, CodeActionKind.QuickFix);
  if (quickFix) {
    for (const { d, lsp } of here) {
      if (!d.fix) continue;
      const range = { start: document.positionAt(d.fix.range[0]), end: document.positionAt(d.fix.range[1]) };
      actions.push({ title: `Fix this ${d.ruleId} problem`, kind: CodeActionKind.QuickFix, diagnostics: [lsp], isPreferred: true, edit: edit([{ range, newText: d.fix.text }]) });
    }
    if (context.canRename) for (const { d, lsp } of here) actions.push(...moves(d, lsp, context));
  }

  const fixable = snapshot.diagnostics.filter((d) => d.fix).length;
  // as a quick fix beside a fixable problem, when there is more than that one to fix
  const fixAllKinds = [...(wanted(params, FIX_ALL) ? [FIX_ALL] : []), ...(quickFix && fixable > 1 && here.some(({ d }) => d.fix) ? [CodeActionKind.QuickFix] : [])];
  if (fixable > 0 && fixAllKinds.length > 0) {
    const output = await context.fixAll();
    if (output !== undefined && output !== snapshot.text) {
      const changes = edit([replaceChanged(document, snapshot.text, output)]);
      for (const kind of fixAllKinds) actions.push({ title: "Fix all auto-fixable milestone-lint problems", kind, edit: changes });
    }
  }

  if (quickFix) {
    const done = new Set<string>();
    for (const { d, lsp } of here) {
      if (NOT_RULES.has(d.ruleId)) continue;
      const line = disableLine(snapshot.text, d.line, d.ruleId);
      if (line && !done.has(`${d.ruleId}:${d.line}`)) {
        done.add(`${d.ruleId}:${d.line}`);
        actions.push({ title: `Disable ${d.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [lsp], edit: edit(insertions(document, line)) });
      }
      const file = disableFile(snapshot.text, d.ruleId);
      if (file && !done.has(d.ruleId)) {
        done.add(d.ruleId);
        actions.push({ title: `Disable ${d.ruleId} for this file`, kind: CodeActionKind.QuickFix, diagnostics: [lsp], edit: edit(insertions(document, [file])) });
      }
    }
  }
  return actions;
}

/** A suggested `git mv` as a rename of the file (or of its plan folder). */
function moves(d: Diagnostic, lsp: LspDiagnostic, context: ActionContext): CodeAction[] {
  const move = d.suggestion === undefined ? undefined : parseGitMv(d.suggestion);
  if (!move) return [];
  const from = path.resolve(context.cwd, move.from);
  const to = path.resolve(context.cwd, move.to);
  const ownFile = from === path.resolve(context.cwd, d.file);
  // the file's own URI as the editor wrote it, so that the editor knows the open file moved
  const oldUri = ownFile ? context.document.uri : pathToFileURL(from).href;
  return [
    {
      title: `Move ${ownFile ? "file" : "folder"} to ${move.to}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [lsp],
      edit: { documentChanges: [{ kind: "rename", oldUri, newUri: pathToFileURL(to).href, options: { overwrite: false, ignoreIfExists: false } }] },
    },
  ];
}

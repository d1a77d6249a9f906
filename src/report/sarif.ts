/**
 * `--format sarif`: SARIF 2.1.0 (OASIS), one run, for GitHub code scanning and
 * other SARIF viewers. Follows GitHub's documented subset: every rule has a short
 * and full description and help text; every result has a message and one location
 * with a full region. Paths are relative to the repository root (`%SRCROOT%`), as
 * code scanning expects. Columns count UTF-16 code units (`columnKind`).
 *
 * SARIF positions ignore a byte-order mark, ours do not (it is U+FEFF at offset 0
 * of the text), so the file is read again to know whether it has one; the same
 * text places fixes.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ArtifactLocation, Fix as SarifFix, Log, Region, ReportingDescriptor, Result } from "sarif";
import { HOMEPAGE } from "../shared/docs-url.js";
import { ENGINE_CHECKS } from "../shared/errors.js";
import { LineIndex } from "../source/line-index.js";
import { findRoot } from "../tree/place.js";
import { readSource } from "../source/read-source.js";
import { findRepoRoot, pathUnder } from "../shared/paths.js";
import type { Diagnostic, Fix, Overrides, RuleMeta, Severity } from "../shared/types.js";
import { escapeControls } from "../shared/quote.js";
import type { Formatter } from "./types.js";

/** The `$schema` GitHub's documentation uses. */
const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT = "%SRCROOT%";

const level = (s: Severity) => (s === "error" ? "error" : "warning");
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

function ruleDescriptor(meta: RuleMeta): ReportingDescriptor {
  const full = sentence(meta.description) + (meta.fixable ? " `milestone-lint --fix` fixes it." : "");
  return {
    id: meta.id,
    shortDescription: { text: meta.description },
    fullDescription: { text: full },
    help: { text: `${full}\n\nDocumentation: ${meta.docsUrl}`, markdown: `${full}\n\n[Documentation](${meta.docsUrl})` },
    helpUri: meta.docsUrl,
    // a rule that only a config turns on is described as disabled by default
    defaultConfiguration: meta.severity === "off" ? { enabled: false, level: "none" } : { level: level(meta.severity) },
  };
}

function otherDescriptor(id: string): ReportingDescriptor {
  const text = ENGINE_CHECKS[id] ?? id;
  return { id, shortDescription: { text }, fullDescription: { text: sentence(text) }, help: { text: sentence(text) }, defaultConfiguration: { level: "error" } };
}

/** A text file as SARIF addresses it. */
interface Source {
  text: string;
  lines: LineIndex;
  bom: boolean;
}

/** The file as it was linted, when it still reads as text (decoded by the same rules as the engine). */
function sourceFor(file: string, overrides?: Overrides): Source | undefined {
  const read = readSource(file, findRoot(file) ?? path.dirname(file), overrides);
  return read.ok ? { text: read.text, lines: new LineIndex(read.text), bom: read.text.startsWith("\uFEFF") } : undefined;
}

/** A column of ours as SARIF counts it: without the byte-order mark on line 1. */
function column(source: Source | undefined, line: number, col: number): number {
  return source?.bom && line === 1 ? Math.max(col - 1, 1) : col;
}

function region(d: Diagnostic, source: Source | undefined): Region {
  return {
    startLine: d.line,
    startColumn: column(source, d.line, d.column),
    endLine: d.endLine,
    endColumn: column(source, d.endLine, d.endColumn),
  };
}

/** The region a fix replaces; in bytes when it touches the BOM, which text regions cannot address. */
function deletedRegion(fix: Fix, source: Source): Region | undefined {
  const [start, end] = fix.range;
  if (start < 0 || end < start || end > source.text.length) return undefined;
  if (source.bom && start === 0) {
    return { byteOffset: 0, byteLength: Buffer.byteLength(source.text.slice(0, end), "utf8") };
  }
  const from = source.lines.position(start);
  const to = source.lines.position(end);
  return {
    startLine: from.line,
    startColumn: column(source, from.line, from.column),
    endLine: to.line,
    endColumn: column(source, to.line, to.column),
  };
}

function sarifFix(fix: Fix, source: Source, artifactLocation: ArtifactLocation): SarifFix | undefined {
  const deleted = deletedRegion(fix, source);
  if (!deleted) return undefined;
  return {
    artifactChanges: [
      {
        artifactLocation,
        replacements: [{ deletedRegion: deleted, ...(fix.text !== "" ? { insertedContent: { text: fix.text } } : {}) }],
      },
    ],
  };
}

/** A folder's `file:` URI; SARIF wants it to end with `/`. */
function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith("/") ? href : `${href}/`;
}

/** Percent-encodes each segment of a `/`-separated relative path (spaces, `%`, `#`, `?`, non-ASCII). */
const relativeUri = (rel: string) => rel.split("/").map(encodeURIComponent).join("/");

export const sarif: Formatter = (result, context) => {
  const base = findRepoRoot(context.cwd) ?? path.resolve(context.cwd);
  const locate = (file: string): ArtifactLocation => {
    const rel = pathUnder(base, context.cwd, file);
    return rel !== undefined ? { uri: relativeUri(rel), uriBaseId: SRCROOT } : { uri: pathToFileURL(path.resolve(context.cwd, file)).href };
  };

  const rules: ReportingDescriptor[] = Object.values(context.rules).map(ruleDescriptor);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const indexOf = (id: string): number => {
    let i = ruleIndex.get(id);
    if (i === undefined) {
      i = rules.push(otherDescriptor(id)) - 1;
      ruleIndex.set(id, i);
    }
    return i;
  };

  const results: Result[] = [];
  for (const file of result.files) {
    if (file.diagnostics.length === 0) continue;
    const artifactLocation = locate(file.file);
    const source = sourceFor(path.resolve(context.cwd, file.file), context.overrides);
    for (const d of file.diagnostics) {
      const fix = d.fix && source ? sarifFix(d.fix, source, artifactLocation) : undefined;
      results.push({
        ruleId: d.ruleId,
        ruleIndex: indexOf(d.ruleId),
        level: level(d.severity),
        // viewers show it to people: controls from the files as escapes, as in every report
        message: { text: d.suggestion ? `${escapeControls(d.message)}\n${escapeControls(d.suggestion)}` : escapeControls(d.message) },
        locations: [{ physicalLocation: { artifactLocation, region: region(d, source) } }],
        ...(fix ? { fixes: [fix] } : {}),
      });
    }
  }

  const log: Log = {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "milestone-lint", version: context.version, informationUri: HOMEPAGE, rules } },
        invocations: [{ executionSuccessful: result.internalErrors === 0 }],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(base) } },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
};

/**
 * `--format junit`: JUnit XML for CI test reports (GitLab, Jenkins, Azure, …).
 *
 * One `<testsuite>` per linted file, named by its path. Each problem is one
 * `<testcase>` named `rule-id (line:column)` with a `<failure>` whose `type` is
 * `error` or `warning`; as in ESLint's JUnit format, warnings are failures too,
 * so that they show up in the report (the exit code still counts only errors).
 * A file without problems has a single passing `<testcase>`, so that every linted
 * file is listed.
 */
import type { Diagnostic, FileResult } from "../shared/types.js";
import { escapeControls } from "../shared/quote.js";
import type { Formatter } from "./types.js";

/**
 * Characters XML 1.0 does not allow at all, not even as `&#…;` references: C0
 * controls other than tab, LF and CR, lone surrogates, U+FFFE and U+FFFF.
 * They are written as the text `\uXXXX` instead.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function visible(text: string): string {
  return text.replace(NOT_XML_CHAR, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`);
}

/** Text content: `\r` as a reference, or a parser would turn it into `\n`. */
export function xmlText(text: string): string {
  return visible(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}

/** A double-quoted attribute value: line breaks and tabs as references, or a parser would turn them into spaces. */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

const severityWord = (d: Diagnostic) => (d.severity === "error" ? "error" : "warning");

function testcase(file: FileResult, d: Diagnostic): string {
  // CI pages show these texts: controls and bidirectional marks from the files as escapes, as in every report
  const [path, ruleId, message] = [file.file, d.ruleId, d.message].map((text) => escapeControls(text)) as [string, string, string];
  const name = `${ruleId} (${d.line}:${d.column})`;
  const details = [`${path}:${d.line}:${d.column}  ${severityWord(d)}  ${message}  ${ruleId}`];
  if (d.suggestion) details.push(escapeControls(d.suggestion));
  return [
    `    <testcase classname="${xmlAttribute(path)}" name="${xmlAttribute(name)}">`,
    `      <failure type="${severityWord(d)}" message="${xmlAttribute(message)}">${xmlText(details.join("\n"))}</failure>`,
    `    </testcase>`,
  ].join("\n");
}

function testsuite(file: FileResult): string {
  const failures = file.diagnostics.length;
  const cases = failures > 0 ? file.diagnostics.map((d) => testcase(file, d)) : [`    <testcase classname="${xmlAttribute(escapeControls(file.file))}" name="milestone-lint"/>`];
  return [
    `  <testsuite name="${xmlAttribute(escapeControls(file.file))}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    `  </testsuite>`,
  ].join("\n");
}

export const junit: Formatter = (result) => {
  const suites = result.files.map(testsuite);
  const tests = result.files.reduce((n, f) => n + Math.max(f.diagnostics.length, 1), 0);
  const failures = result.errorCount + result.warningCount;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="milestone-lint" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    `</testsuites>`,
    "",
  ].join("\n");
};

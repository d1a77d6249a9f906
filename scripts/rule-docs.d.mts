/** Types of scripts/rule-docs.mjs, for test/rule-docs.test.ts. */
import type { ConfigFile } from "../src/config/config-files.js";
import type { Diagnostic, RuleMeta } from "../src/shared/types.js";

export interface ExampleFile {
  /** Relative to `.agent/exec_plans/`. */
  path: string;
  lang: string;
  text: string;
  /** False when the path is the default one (an `md` block without a path). */
  explicit: boolean;
}

export type ExampleBlock =
  | { kind: "note"; text: string }
  | { kind: "config"; lang: string; text: string }
  | { kind: "output"; text: string }
  | ({ kind: "file" } & ExampleFile);

export interface Example {
  caption?: string;
  /** Line in the rule module of its heading or first block. */
  line: number;
  blocks: ExampleBlock[];
  files: ExampleFile[];
  /** The example's `milestone-lint.config.json` block, parsed. */
  config?: ConfigFile;
  /** Invalid examples: the text of the `output` block. */
  output?: string;
}

export interface RuleDoc {
  id: string;
  prose: string;
  examples: { valid: Example[]; invalid: Example[] };
}

export const REPO: string;
export const RULES_DIR: string;
export const DOCS_DIR: string;
export const REGENERATE: string;
export const DEFAULT_FILE: string;
export const CONFIG_FILE: string;
export const OUTPUT: string;
export function docBlock(source: string, where: string): string;
export function parseRuleDoc(markdown: string, where: string, firstLine?: number): RuleDoc;
export interface RuleModule {
  /** `rules/<name>.ts` */
  file: string;
  doc?: RuleDoc & { file: string };
  /** Why its doc block could not be read. */
  error?: Error;
}
export function readRuleDocs(dir?: string): RuleModule[];
export function outputLines(diagnostic: Pick<Diagnostic, "file" | "line" | "column" | "severity" | "message" | "suggestion">, withFile: boolean): string[];
export function renderPage(meta: RuleMeta & { scope?: string }, doc: RuleDoc & { file: string }): string;
export function renderIndex(rules: readonly { meta: RuleMeta & { scope?: string } }[]): string;

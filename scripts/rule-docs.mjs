// The rule docs are the rule tests. Each rule module opens with a doc block that is
// Markdown: `# <id>`, the prose, then `## Valid` and `## Invalid` examples (files in
// fenced blocks, the invalid ones followed by the exact output). This module reads
// those blocks; test/rule-docs.test.ts lints every example and compares the pages;
// run directly (`npm run docs:rules`, after a build) it writes docs/rules/ from them.
// The format is described in the README, "Writing a rule".
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import remarkParse from "remark-parse";
import { unified } from "unified";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const RULES_DIR = path.join(REPO, "rules");
export const DOCS_DIR = path.join(REPO, "docs", "rules");
export const REGENERATE = "npm run docs:rules";
/** Where an `md` example without a path is put, relative to `.agent/exec_plans/`: an active milestone. */
export const DEFAULT_FILE = "search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md";
/** The info string word of a block that is the example's config rather than one of its files. */
export const CONFIG_FILE = "milestone-lint.config.json";
/** The info string word of the block that holds an invalid example's expected output. */
export const OUTPUT = "output";

const parser = unified().use(remarkParse);

/** The leading `/** … *\/` comment of a module as Markdown: the ` * ` prefixes taken off, `*\/` unescaped. */
export function docBlock(source, where) {
  const match = /^\/\*\*[ \t]*\r?\n([\s\S]*?)\*\//.exec(source);
  if (!match) throw new Error(`${where}: the file does not open with a /** … */ doc block`);
  const lines = (match[1] ?? "").split(/\r?\n/).map((line) => line.replace(/^\s*\*(?: |$)/, "").replaceAll("*\\/", "*/"));
  return `${lines.join("\n").trimEnd()}\n`;
}

const slice = (markdown, node) => markdown.slice(node.position.start.offset, node.position.end.offset);
const headingText = (markdown, node) => slice(markdown, node).replace(/^#+\s*/, "").trim();

/**
 * Reads a doc block (Markdown, see docBlock) into its id, prose and examples.
 * Throws, naming `where` and the line (the block's first line is `firstLine` of
 * the file), on anything that does not follow the format, so that a mistyped
 * block cannot pass as a block without examples.
 */
export function parseRuleDoc(markdown, where, firstLine = 1) {
  const nodes = parser.parse(markdown).children;
  const lineOf = (node) => node.position.start.line + firstLine - 1;
  const fail = (node, message) => {
    throw new Error(`${where}${node ? `:${lineOf(node)}` : ""}: ${message}`);
  };
  const [title] = nodes;
  if (title?.type !== "heading" || title.depth !== 1) fail(title, "the doc block must open with `# <rule id>`");
  const id = headingText(markdown, title);
  const firstExample = nodes.findIndex((n) => n.type === "heading" && n.depth === 2 && /^(Valid|Invalid)\b/.test(headingText(markdown, n)));
  const proseNodes = nodes.slice(1, firstExample < 0 ? nodes.length : firstExample);
  const prose = proseNodes.length === 0 ? "" : markdown.slice(proseNodes[0].position.start.offset, proseNodes.at(-1).position.end.offset);

  const examples = { valid: [], invalid: [] };
  let section;
  let example;
  const start = (heading, caption) => {
    example = { caption, blocks: [], files: [], line: lineOf(heading) };
    examples[section].push(example);
  };
  for (const node of firstExample < 0 ? [] : nodes.slice(firstExample)) {
    if (node.type === "heading" && node.depth === 2) {
      const name = headingText(markdown, node);
      if (name !== "Valid" && name !== "Invalid") fail(node, `after the examples begin, a \`##\` heading is \`## Valid\` or \`## Invalid\`, not \`## ${name}\``);
      section = name.toLowerCase();
      example = undefined;
      if (examples[section].length > 0) fail(node, `a second \`## ${name}\`: put several examples under one, each with a \`###\` heading`);
      continue;
    }
    if (node.type === "heading" && node.depth === 3) {
      start(node, headingText(markdown, node));
      continue;
    }
    if (!example) start(node, undefined);
    if (example.output !== undefined) fail(node, "the `output` block ends an example: start the next one with a `###` heading");
    if (node.type !== "code") {
      if (node.type === "heading") fail(node, "examples take `###` headings only");
      example.blocks.push({ kind: "note", text: slice(markdown, node) });
      continue;
    }
    const words = (node.meta ?? "").trim().split(/\s+/).filter(Boolean);
    if (words.length > 1) fail(node, `a fence's info string is \`<language> [path]\`, got \`${node.lang} ${node.meta}\``);
    const [word] = words;
    const text = node.value === "" ? "" : `${node.value}\n`;
    if (word === OUTPUT) {
      if (section === "valid") fail(node, "a valid example has no `output` block: it must give nothing");
      example.output = node.value;
      example.blocks.push({ kind: "output", text });
    } else if (word === CONFIG_FILE) {
      if (example.config !== undefined) fail(node, `two \`${CONFIG_FILE}\` blocks in one example`);
      try {
        example.config = JSON.parse(node.value);
      } catch (error) {
        fail(node, `the \`${CONFIG_FILE}\` block is not JSON (${error.message})`);
      }
      example.blocks.push({ kind: "config", lang: node.lang ?? "json", text });
    } else {
      const file = word ?? (node.lang === "md" ? DEFAULT_FILE : undefined);
      if (file === undefined) fail(node, "a file that is not `md` needs its path after the language (```json registry.json)");
      if (file.startsWith("/") || file.split("/").includes("..")) fail(node, `\`${file}\`: a path is relative to \`.agent/exec_plans/\`, inside it`);
      if (example.files.some((f) => f.path === file)) fail(node, `\`${file}\` is given twice in one example`);
      const entry = { path: file, lang: node.lang ?? "", text, explicit: word !== undefined };
      example.files.push(entry);
      example.blocks.push({ kind: "file", ...entry });
    }
  }
  for (const [name, list] of Object.entries(examples)) {
    for (const ex of list) {
      const label = `${where}:${ex.line}: the ${name} example${ex.caption ? ` "${ex.caption}"` : ""}`;
      if (ex.files.length === 0) throw new Error(`${label} has no file (a fenced block)`);
      if (name === "invalid" && ex.output === undefined) throw new Error(`${label} ends without its \`\`\`text ${OUTPUT} block of expected diagnostics`);
      if (name === "invalid" && ex.output.trim() === "") throw new Error(`${label} has an empty \`${OUTPUT}\` block`);
    }
  }
  return { id, prose, examples };
}

/** Every rule module of `rules/` (its index aside): `{ file, doc }`, or `{ file, error }` when its doc block breaks the format. */
export function readRuleDocs(dir = RULES_DIR) {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".ts") && name !== "index.ts")
    .sort()
    .map((name) => {
      const file = `rules/${name}`;
      try {
        // the block's Markdown starts on line 2, under the `/**`
        return { file, doc: { file, ...parseRuleDoc(docBlock(readFileSync(path.join(dir, name), "utf8"), file), file, 2) } };
      } catch (error) {
        return { file, error };
      }
    });
}

/**
 * One diagnostic as an `output` block writes it: stylish's `line:column  severity  message`
 * without the rule id, with the file first when the example has several, and the
 * suggestion on the next line as stylish prints it.
 */
export function outputLines(diagnostic, withFile) {
  const severity = diagnostic.severity === "error" ? "error" : "warning";
  const where = `${withFile ? `${diagnostic.file}:` : ""}${diagnostic.line}:${diagnostic.column}`;
  const lines = [`${where}  ${severity}  ${diagnostic.message}`];
  if (diagnostic.suggestion) lines.push(`  → ${diagnostic.suggestion}`);
  return lines;
}

// --- the pages --------------------------------------------------------------

const KINDS = { milestone: "milestones", execplan: "ExecPlans", plan: "plans of the PLANS.md practice" };
const appliesTo = (meta) => meta.appliesTo.map((k) => KINDS[k] ?? k).join(", ");
const scope = (meta) => (meta.scope === "project" ? "the whole tree" : "each file on its own");

function fence(lang, text) {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const marks = "`".repeat(Math.max(3, longest + 1));
  return `${marks}${lang}\n${text}${marks}`;
}

/** JSON on one line, spaced: `{ "a": 1 }`. */
const inline = (value) => JSON.stringify(value, null, 1).replace(/\n\s*/g, " ");

/** Objects one key a line, lists one item a line: readable defaults for long lists of objects. */
function formatJson(value) {
  if (Array.isArray(value) && value.length > 0) return `[\n${value.map((v) => `  ${inline(v)}`).join(",\n")}\n]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${formatJson(v).replace(/\n/g, "\n  ")}`);
    return entries.length === 0 ? "{}" : `{\n  ${entries.join(",\n  ")}\n}`;
  }
  return JSON.stringify(value);
}

const typeOf = (schema) => (schema?.type === "array" ? `${typeOf(schema.items)}[]` : (schema?.type ?? "any"));
const SHORT = 40;

function optionsSection(meta) {
  const properties = meta.optionsSchema?.properties ?? {};
  const names = Object.keys(properties);
  if (names.length === 0) return ["## Options", "", "None."];
  const defaults = meta.defaultOptions ?? {};
  const rows = names.map((name) => {
    const value = defaults[name];
    const json = value === undefined ? undefined : inline(value);
    const shown = json === undefined ? "not set" : json.length <= SHORT ? `\`${json}\`` : "below";
    return `| \`${name}\` | \`${typeOf(properties[name])}\` | ${shown} |`;
  });
  const out = ["## Options", "", "| option | type | default |", "| --- | --- | --- |", ...rows];
  if (Object.values(defaults).some((v) => JSON.stringify(v).length > SHORT)) {
    out.push("", "The default options:", "", fence("json", `${formatJson(defaults)}\n`));
  }
  out.push("", "Set them in the configuration: `\"rules\": { \"" + meta.id + "\": [\"" + meta.severity + "\", { … }] }`.");
  return out;
}

function exampleSection(name, list) {
  const out = [`## ${name}`];
  for (const ex of list) {
    if (ex.caption) out.push("", `### ${ex.caption}`);
    for (const block of ex.blocks) {
      out.push("");
      if (block.kind === "note") out.push(block.text);
      else if (block.kind === "config") out.push(`With this \`${CONFIG_FILE}\`:`, "", fence(block.lang, block.text));
      else if (block.kind === "output") out.push("Reported:", "", fence("text", block.text));
      else out.push(...(block.explicit ? [`\`${block.path}\`:`, ""] : []), fence(block.lang, block.text));
    }
  }
  return out;
}

/** The page `docs/rules/<id>.md` of one rule, from its meta and its doc block. */
export function renderPage(meta, doc) {
  return [
    `<!-- Generated by \`${REGENERATE}\` from ${doc.file}: edit the doc block there, not this page. -->`,
    "",
    `# ${meta.id}`,
    "",
    `${meta.description}`,
    "",
    "| default severity | fixable | applies to | scope | source |",
    "| --- | --- | --- | --- | --- |",
    `| ${meta.severity} | ${meta.fixable ? "yes" : "no"} | ${appliesTo(meta)} | ${scope(meta)} | [\`${doc.file}\`](../../${doc.file}) |`,
    "",
    doc.prose,
    "",
    ...optionsSection(meta),
    "",
    "Examples are files under `.agent/exec_plans/`; one given without a path is an active milestone.",
    "",
    ...exampleSection("Valid", doc.examples.valid),
    "",
    ...exampleSection("Invalid", doc.examples.invalid),
    "",
  ].join("\n");
}

/** `docs/rules/README.md`: every rule, in the order of `rules/index.ts`. */
export function renderIndex(rules) {
  const rows = rules.map(({ meta }) => `| [\`${meta.id}\`](${meta.id}.md) | ${meta.severity} | ${meta.fixable ? "yes" : ""} | ${appliesTo(meta)} | ${meta.scope === "project" ? "tree" : "file"} | ${meta.description.replaceAll("|", "\\|")} |`);
  return [
    `<!-- Generated by \`${REGENERATE}\` from the doc blocks of rules/*.ts. -->`,
    "",
    "# Rules",
    "",
    "One page a rule, generated from the documentation at the top of its module; the",
    "examples on each page are run by `test/rule-docs.test.ts`, so the output shown is",
    "what the rule prints.",
    "",
    "| rule | severity | fixable | applies to | scope | what it checks |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}

/** Every page of docs/rules/, by file name, for `rules` (the built-in list, in order). */
function renderAll(rules) {
  const docs = new Map();
  for (const { doc, error } of readRuleDocs()) {
    if (error) throw error;
    docs.set(doc.id, doc);
  }
  const pages = new Map([["README.md", renderIndex(rules)]]);
  for (const rule of rules) {
    const doc = docs.get(rule.meta.id);
    if (!doc) throw new Error(`rule "${rule.meta.id}" has no rules/${rule.meta.id}.ts with a \`# ${rule.meta.id}\` doc block`);
    pages.set(`${rule.meta.id}.md`, renderPage(rule.meta, doc));
  }
  return pages;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // the built rules (npm run docs:rules builds first): their meta as users get it
  const { builtinRules } = await import("../dist/index.js");
  const pages = renderAll(builtinRules);
  mkdirSync(DOCS_DIR, { recursive: true });
  for (const name of readdirSync(DOCS_DIR)) if (!pages.has(name)) rmSync(path.join(DOCS_DIR, name));
  for (const [name, text] of pages) writeFileSync(path.join(DOCS_DIR, name), text);
  console.log(`Wrote ${pages.size} pages to ${path.relative(process.cwd(), DOCS_DIR) || "."}/`);
}

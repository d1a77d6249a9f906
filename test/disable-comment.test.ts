/**
 * The disable comments the language server inserts: each one, put where
 * src/lsp/disable-comment.ts puts it, makes its diagnostic go and no other come,
 * judged by the engine itself (lintText). Comments are never put where they cannot
 * work or would break the Markdown.
 */
import { afterAll, describe, expect, it } from "vitest";
import path from "node:path";
import { lintText } from "../src/index.js";
import { disableFile, disableLine, type Insertion } from "../src/lsp/disable-comment.js";
import type { Diagnostic } from "../src/shared/types.js";
import { FIXTURE_TODAY } from "./helpers/fixtures.js";
import { MILESTONE, read, removeTrees, tree } from "./helpers/tree.js";

afterAll(removeTrees);

const dir = tree();
const original = read(dir, MILESTONE);

function apply(text: string, insertions: readonly Insertion[]): string {
  let out = text;
  for (const i of [...insertions].sort((a, b) => b.offset - a.offset)) out = out.slice(0, i.offset) + i.text + out.slice(i.offset);
  return out;
}

async function lint(text: string): Promise<Diagnostic[]> {
  const result = await lintText(text, { cwd: dir, filePath: MILESTONE, now: FIXTURE_TODAY, reportUnusedDisables: true });
  return result.files[0]?.diagnostics ?? [];
}

const key = (d: Diagnostic) => `${d.ruleId}: ${d.message}`;

/** Breaks `text` by replacing `from` with `to`; returns the broken text and the one diagnostic it causes. */
async function broken(from: string | RegExp, to: string): Promise<{ text: string; diagnostic: Diagnostic }> {
  const text = original.replace(from, to);
  expect(text).not.toBe(original);
  const diagnostics = await lint(text);
  expect(diagnostics).toHaveLength(1);
  return { text, diagnostic: diagnostics[0] as Diagnostic };
}

/** Disabling the diagnostic's rule for its line makes it go, and nothing else comes (unused directives included). */
async function expectLineDisabled(text: string, d: Diagnostic): Promise<string> {
  const insertions = disableLine(text, d.line, d.ruleId);
  expect(insertions).toBeDefined();
  const fixed = apply(text, insertions ?? []);
  expect((await lint(fixed)).map(key)).toEqual([]);
  return fixed;
}

describe("disable comments placed by the language server", () => {
  it("the fixture is clean to start with", async () => {
    expect(await lint(original)).toEqual([]);
  });

  it("above a list item, at the item's indentation", async () => {
    const { text, diagnostic } = await broken("- 2026-03-20 — Pagination", "- 2026-02-30 — Pagination");
    expect(diagnostic.ruleId).toBe("changelog-entry");
    const fixed = await expectLineDisabled(text, diagnostic);
    expect(fixed).toContain("<!-- milestone-lint-disable-next-line changelog-entry -->\n- 2026-02-30 — Pagination");
  });

  it("around a heading that a section marker stands above, so that marker and heading stay a pair", async () => {
    const { text, diagnostic } = await broken("# Ranked search API", "# Ranked search");
    expect(diagnostic.ruleId).toBe("title-matches-heading");
    const fixed = await expectLineDisabled(text, diagnostic);
    expect(fixed).toContain(
      "<!-- milestone-lint-disable title-matches-heading -->\n<!-- SECTION: Metadata -->\n# Ranked search\n<!-- milestone-lint-enable title-matches-heading -->\n",
    );
  });

  it("at the end of a table row, where a comment line would end the table", async () => {
    const { text, diagnostic } = await broken("| Implementation | ⏳ | Handler written, pagination open |", "| Implementation | ⏳ | … |");
    expect(diagnostic.ruleId).toBe("no-template-placeholder");
    const fixed = await expectLineDisabled(text, diagnostic);
    expect(fixed).toContain("| Implementation | ⏳ | … | <!-- milestone-lint-disable-line no-template-placeholder -->\n");
  });

  it("adds a second rule to the comment already on the line", async () => {
    const text = original.replace("| Implementation | ⏳ | Handler written, pagination open |", "| Implementation | ✅ / ⚠️ / ⏳ | … |");
    const diagnostics = await lint(text);
    expect(diagnostics.map((d) => d.ruleId)).toEqual(["no-template-placeholder", "no-template-placeholder"]);
    const [first] = diagnostics as [Diagnostic];
    const once = apply(text, disableLine(text, first.line, "no-template-placeholder") ?? []);
    const twice = apply(once, disableLine(once, first.line, "section-order") ?? []);
    expect(twice).toContain("| Implementation | ✅ / ⚠️ / ⏳ | … | <!-- milestone-lint-disable-line no-template-placeholder, section-order -->\n");
  });

  it("inside a blockquote, with its `>`", async () => {
    const text = original.replace("- Synonyms dictionary for product names.", "> Note: ask @handle-or-team first.");
    const [diagnostic] = await lint(text);
    expect(diagnostic?.ruleId).toBe("no-template-placeholder");
    const fixed = await expectLineDisabled(text, diagnostic as Diagnostic);
    expect(fixed).toContain("> <!-- milestone-lint-disable-next-line no-template-placeholder -->\n> Note:");
  });

  it("for the whole file just below the front matter, one comment for every rule", async () => {
    const { text, diagnostic } = await broken("status: in_progress", "status: doing");
    expect(disableLine(text, diagnostic.line, diagnostic.ruleId)).toBeUndefined();
    const once = apply(text, [disableFile(text, "front-matter-schema") as Insertion]);
    expect(once).toContain('  pr: ""\n---\n<!-- milestone-lint-disable-file front-matter-schema -->\n\n<!-- SECTION: Metadata -->');
    expect(await lint(once)).toEqual([]);
    const twice = apply(once, [disableFile(once, "changelog-entry") as Insertion]);
    expect(twice).toContain("---\n<!-- milestone-lint-disable-file front-matter-schema, changelog-entry -->\n\n");
  });

  it("keeps the file's line endings", async () => {
    const crlf = original.replace(/\n/g, "\r\n").replace("- 2026-03-20 — Pagination", "- 2026-02-30 — Pagination");
    const [diagnostic] = await lint(crlf);
    const fixed = await expectLineDisabled(crlf, diagnostic as Diagnostic);
    expect(fixed).toContain("<!-- milestone-lint-disable-next-line changelog-entry -->\r\n- 2026-02-30");
    expect(fixed.replace(/\r\n/g, "")).not.toMatch(/\n/);
  });

  it("offers no line comment where none can go: front matter, inside a code block, a table's header row", () => {
    const lines = original.split("\n");
    const lineOf = (start: string) => lines.findIndex((l) => l.startsWith(start)) + 1;
    expect(disableLine(original, lineOf("status:"), "x")).toBeUndefined();
    expect(disableLine(original, lineOf("| Area | Status | Notes |"), "x")).toBeUndefined();
    const fenced = original.replace("- Synonyms dictionary for product names.", "```yaml\nstatus: x\n```");
    expect(disableLine(fenced, fenced.split("\n").indexOf("status: x") + 1, "x")).toBeUndefined();
    // an unclosed front matter has no body to hold a comment
    expect(disableFile("---\nid: x\n", "x")).toBeUndefined();
    expect(path.basename(MILESTONE)).toMatch(/^EP-/);
  });
});

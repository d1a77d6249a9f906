/** The paths a plan refers to: link targets and Markdown files named in code spans, never URLs, anchors, or text in code. */
import { describe, expect, it } from "vitest";
import type { Root } from "mdast";
import { readFrontMatter } from "../src/source/front-matter.js";
import { parseMarkdown } from "../src/source/markdown.js";
import { planReferences } from "../src/source/plan-references.js";
import type { AnyFileContext } from "../src/shared/types.js";

function contextOf(text: string): AnyFileContext {
  const frontMatter = readFrontMatter(text);
  const memo = new Map<string, unknown>();
  let ast: Root | undefined;
  return {
    file: { path: "/repo/plans/a.md", displayPath: "plans/a.md", text, place: { kind: "plan", root: "/repo", fileName: "a.md" } },
    options: {},
    today: "2026-11-25",
    frontMatter,
    ast: () => (ast ??= parseMarkdown(text, frontMatter)),
    memo: <T>(key: string, compute: () => T): T => {
      if (!memo.has(key)) memo.set(key, compute());
      return memo.get(key) as T;
    },
    report: () => undefined,
  };
}

const refs = (text: string) => planReferences(contextOf(text)).map((r) => ({ ...r, written: text.slice(r.range.start, r.range.end) }));

describe("planReferences", () => {
  it("finds link targets, reference definitions and Markdown files in code spans, where they are written", () => {
    const text = [
      "---",
      "status: active",
      "---",
      "See [the export plan](../completed/csv%20export.md#outcomes) and [spec][s].",
      "The old plan is `docs/exec-plans/active/csv.md`; the code is in `src/export.ts`.",
      "",
      "[s]: <docs/spec file.md> \"Spec\"",
    ].join("\n");
    expect(refs(text)).toEqual([
      { path: "../completed/csv export.md", kind: "link", range: expect.any(Object), written: "../completed/csv%20export.md" },
      { path: "docs/exec-plans/active/csv.md", kind: "code", range: expect.any(Object), written: "docs/exec-plans/active/csv.md" },
      { path: "docs/spec file.md", kind: "link", range: expect.any(Object), written: "docs/spec file.md" },
    ]);
  });

  it("leaves out URLs, anchors, mail addresses, code blocks and code spans that are not a Markdown path", () => {
    const text = [
      "[site](https://example.test/a.md) [top](#purpose) [mail](mailto:a@example.test) [proto](//cdn.example.test/x.md)",
      "`README.md` `run plans/a.md now` `src/a.ts`",
      "",
      "```md",
      "[x](plans/in-code.md) `plans/in-code.md`",
      "```",
      "",
      "`[x](plans/in-span.md)`",
      "",
      "[^1]: A footnote, not a link.",
    ].join("\n");
    expect(refs(text)).toEqual([]);
  });
});

/**
 * The dependency patches applied while bundling (scripts/bundle-patches.mjs) must not
 * change what the patched code returns: remark's parse, bundled with the patches,
 * against the library as installed, on every Markdown file of the fixtures and
 * examples, a generated tree, and constructs chosen to reach every handler.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTree } from "../bench/generate.mjs";
import { fromMarkdownOneHandlerContext } from "../scripts/bundle-patches.mjs";

const dir = mkdtempSync(path.join(tmpdir(), "milestone-lint-bundle-patches-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Parse = (text: string) => unknown;

/** The same processor as the installed libraries', bundled with the patch. */
async function patchedParse(): Promise<Parse> {
  const entry = [
    'import { unified } from "unified";',
    'import remarkParse from "remark-parse";',
    'import remarkFrontmatter from "remark-frontmatter";',
    'const processor = unified().use(remarkParse).use(remarkFrontmatter, ["yaml", "toml"]).freeze();',
    "export const parse = (text) => processor.parse(text);",
  ].join("\n");
  const out = await build({ stdin: { contents: entry, resolveDir: process.cwd() }, bundle: true, format: "esm", platform: "node", write: false, plugins: [fromMarkdownOneHandlerContext], logLevel: "silent" });
  const code = out.outputFiles[0]?.text ?? "";
  // the bundle holds the patched code, not the library's spread
  expect(code).toContain("handlerContext.sliceSerialize = ");
  const file = path.join(dir, "patched.mjs");
  writeFileSync(file, code);
  return ((await import(pathToFileURL(file).href)) as { parse: Parse }).parse;
}

const installed = unified().use(remarkParse).use(remarkFrontmatter, ["yaml", "toml"]).freeze();

function markdownFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Every construct CommonMark has, so that every handler of mdast-util-from-markdown runs. */
const EVERY_CONSTRUCT = `---
title: "front matter"
---

+++
toml = true
+++

Setext heading
==============

Second setext
-------------

# ATX heading #

Text with *emphasis*, __strong__, \`code\`, a [link](https://example.com "title"), an
![image](a.png 'alt'), a [reference][ref], a [collapsed][], a [shortcut], ![img ref][ref],
<https://auto.link>, <mail@example.com>, &amp; &#35; &#x41; \\* escaped, a hard\\
break and another  
one, <span>inline html</span>.

[ref]: https://example.com/ref "Reference"
[collapsed]: <https://example.com/c>
[shortcut]: /s

> quote
> - [ ] task in a quote
> - [x] done

1. ordered
2. loose

   second paragraph

- tight
  - nested
    * deeper

    indented code

\`\`\`ts title="x"
fenced
\`\`\`

~~~
tilde
~~~

<div>
html flow
</div>

<!-- milestone-lint-disable status -->

***
`;

describe("the bundle's patch of mdast-util-from-markdown (one handler context per document)", () => {
  let parse: Parse;
  beforeAll(async () => {
    parse = await patchedParse();
  });

  it("parses every Markdown file of the fixtures, the examples and a generated tree to the same tree, positions included", () => {
    const generated = path.join(dir, "tree");
    generateTree(generated, 40, 3);
    const files = [...markdownFiles("fixtures"), ...markdownFiles("examples"), ...markdownFiles(generated)];
    expect(files.length).toBeGreaterThan(200);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect(parse(text), file).toEqual(installed.parse(text));
    }
  });

  it("gives the same tree for every construct, and for unclosed and mismatched syntax", () => {
    for (const text of [EVERY_CONSTRUCT, "", "*a **b", "[a](", "```\nunclosed", "<div>\n", "- [ ]", "> > >", "1)\n2)", "\n\n\r\n\t\r"]) {
      expect(parse(text), JSON.stringify(text)).toEqual(installed.parse(text));
    }
    // the patched parse really runs the handlers: headings, links and lists are built
    expect(JSON.stringify(parse(EVERY_CONSTRUCT))).toMatch(/"type":"heading".*"type":"link".*"type":"list"/s);
  });
});

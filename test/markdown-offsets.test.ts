/** Node offsets are offsets into the file's own text, whatever byte-order marks stand before the body. */
import { describe, expect, it } from "vitest";
import { readFrontMatter } from "../src/source/front-matter.js";
import { parseMarkdown } from "../src/source/markdown.js";

describe("parseMarkdown offsets", () => {
  it.each([["no BOM", ""], ["one BOM", "\uFEFF"], ["two BOMs (micromark drops the second without counting it)", "\uFEFF\uFEFF"]])("%s", (_name, prefix) => {
    const text = `${prefix}<!-- x -->\r\n# Ranked search API\r\n`;
    const heading = parseMarkdown(text, readFrontMatter(text)).children.find((n) => n.type === "heading");
    expect(heading?.position?.start.offset).toBe(text.indexOf("# Ranked"));
  });
});

// The floor of the mandated pipeline, single-threaded and unbundled: for every file,
// read it, parse the Markdown with remark (+ remark-frontmatter), parse the front
// matter with yaml, validate it with ajv against the bundled schema. No rules.
import { readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { Ajv } from "ajv";
import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { glob } from "tinyglobby";
import { unified } from "unified";
import { parseDocument } from "yaml";

const target = process.argv[2] ?? ".agent";
const files = statSync(target).isDirectory() ? await glob("**/*.md", { cwd: target, absolute: true, dot: true }) : [target];
const schema = JSON.parse(await readFile(new URL("../schemas/milestone.schema.json", import.meta.url), "utf8"));
const validate = new Ajv({ allErrors: true, strict: true, validateSchema: false }).compile(schema);
const processor = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).freeze();
let invalid = 0;
for (const file of files) {
  const text = readFileSync(file, "utf8");
  const tree = processor.parse(text);
  const yaml = tree.children[0]?.type === "yaml" ? tree.children[0].value : "";
  const doc = parseDocument(yaml);
  if (!validate(doc.toJS())) invalid++;
}
process.stdout.write(`${files.length} files, ${invalid} with invalid front matter\n`);

/**
 * The whole-tree index reads most front matter without `yaml`
 * (src/source/simple-front-matter.ts), and only the start of a file
 * (readSourceStart): both must give exactly the index entry that `yaml` over
 * the whole file gives — values, key, value, item and field positions — or step
 * aside. Front matter of the simple shape is generated with every scalar that YAML
 * reads otherwise than it looks (numbers, nulls, booleans, indicators, quotes), then
 * mutated; the simple reader must read the simple cases itself (so that this test
 * compares something) and agree with `yaml` wherever it answers.
 *
 * FUZZ_RUNS sets the number of cases per property (default 300; `npm run fuzz` runs 100 000).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTree } from "../bench/generate.mjs";
import { frontMatterContent, frontMatterSettled, readFrontMatter } from "../src/source/front-matter.js";
import { LineIndex } from "../src/source/line-index.js";
import { MAX_FILE_BYTES, readSource, readSourceStart } from "../src/source/read-source.js";
import { simpleFrontMatter } from "../src/source/simple-front-matter.js";
import { frontMatterEntry, indexEntry } from "../src/tree/index-entry.js";
import { classify } from "../src/tree/place.js";
import type { Place, SourceFile } from "../src/shared/types.js";
import { FIXTURES } from "./helpers/fixtures.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const TIMEOUT = Math.max(30_000, RUNS * 20);

const FILE = "/repo/.agent/exec_plans/search/milestones/active/EP-20260210-003_MS002_api.md";
const source = (text: string): SourceFile<Place> => ({ path: FILE, displayPath: "x.md", place: classify(FILE)!, text });
/** What the index held before the simple reader: `yaml` over the whole text. */
const byYaml = (text: string) => indexEntry(source(text), readFrontMatter(text), new LineIndex(text), false);
const simpleRead = (text: string) => {
  const content = frontMatterContent(text);
  return content && simpleFrontMatter(text, content);
};

/** Plain scalars as written: ones the simple reader takes (strings, nulls, booleans, integers, dates), and ones it must leave to yaml. */
const PLAIN = [
  "planned", "in_progress", "EP-20260210-003/MS002", "Ranked search API", "a  b", "x, y [z] {w}", "it's", 'say "hi"',
  "http://x.y/z?a=b", "a:b", "@codex", "ünïcödé", "✅ done", "😀", "a\u00a0", "\u00a0a", "a\\nb", "a]", "a'", 'a"b', "\\",
  "0", "7", "007", "12", "~", "null", "Null", "NULL", "nULL", "true", "True", "TRUE", "tRUE", "false", "FALSE", "yes", "no", "on", "off", "y",
  "2025-01-01", "1.2.3x", "x1.5", "=", "<<", "a=b", "x: ", "é: ",
];
const ODD_PLAIN = [
  "-1", "+1", "1.5", ".5", "1e3", "1.", "0x1F", "0o17", "1_000", "12345678901234567890", ".inf", "-.inf", ".nan",
  "2025-1-1", "2025-01-01T10:00:00Z", "2025-01-01 10:00", "1.2.3",
  "a#b", "a #b", "a: b", "a:", ":a", "-a", "- a", "-", "?a", "? a", "%x", "!x", "!!str x", "&a x", "*a", "|", ">", "`x`",
  "[a]", "{a: 1}", "'", '"', "'q' tail", '"q" tail', "x #", "x\t", "\tx",
];
const QUOTED_TEXT = fc.oneof(fc.constantFrom(...PLAIN, ...ODD_PLAIN, "", " lead", "trail ", "# no comment", "''", "\\", "\\n", "tab\there"), fc.string({ maxLength: 6 }));
const scalar = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...PLAIN) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_PLAIN) },
  { weight: 4, arbitrary: QUOTED_TEXT.map((t) => `"${t}"`) },
  { weight: 4, arbitrary: QUOTED_TEXT.map((t) => `'${t.replace(/'/g, "''")}'`) },
  { weight: 1, arbitrary: QUOTED_TEXT.map((t) => `'${t}'`) },
);
const KEY_NAMES = ["id", "ms", "title", "status", "tags", "links", "a-b", "_x", "x1", "constructor", "toString", "yes", "on"];
const ODD_KEY_NAMES = ["null", "true", "False", "__proto__", "é", "1", "a b", "-a"];
const key = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...KEY_NAMES) }, { weight: 1, arbitrary: fc.constantFrom(...ODD_KEY_NAMES) });
const spaces = fc.constantFrom("", " ", "  ");
const separator = fc.constantFrom(" ", " ", " ", "  ", "");
const flowList = fc
  .tuple(fc.array(fc.tuple(spaces, scalar, spaces), { maxLength: 4 }), fc.constantFrom(",", ", ", " ,", ", ", ",,"), spaces, fc.boolean())
  .map(([items, comma, inside, trailingComma]) => `[${inside}${items.map(([a, s, b]) => a + s + b).join(comma)}${trailingComma && items.length > 0 ? "," : ""}]`);
const blockList = fc
  .tuple(fc.constantFrom(0, 2, 4), fc.array(fc.tuple(scalar, fc.constantFrom("- ", "- ", "- ", "-  ", "-", "- - ")), { minLength: 1, maxLength: 4 }), fc.constantFrom(0, 0, 0, 0, 0, 1, 3))
  .map(([indent, items, odd]) => items.map(([s, dash], i) => `${" ".repeat(i === 1 && odd ? odd : indent)}${dash}${s}`));
const blockMap = fc
  .tuple(fc.constantFrom(1, 2, 4), fc.array(fc.tuple(key, fc.option(scalar)), { minLength: 1, maxLength: 4 }), fc.constantFrom(0, 0, 0, 0, 0, 1, 3, 6))
  .map(([indent, fields, odd]) => fields.map(([k, v], i) => `${" ".repeat(i === 1 && odd ? odd : indent)}${k}:${v === null ? "" : ` ${v}`}`));
const pair = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(key, separator, scalar, spaces).map(([k, sep, v, trail]) => [`${k}:${sep}${v}${trail}`]) },
  { weight: 2, arbitrary: fc.tuple(key, separator, flowList, spaces).map(([k, sep, v, trail]) => [`${k}:${sep}${v}${trail}`]) },
  { weight: 1, arbitrary: fc.tuple(key, spaces).map(([k, trail]) => [`${k}:${trail}`]) },
  { weight: 2, arbitrary: fc.tuple(key, blockList).map(([k, lines]) => [`${k}:`, ...lines]) },
  { weight: 2, arbitrary: fc.tuple(key, blockMap).map(([k, lines]) => [`${k}:`, ...lines]) },
);
/** Lines that are not pairs: blank, a comment, a continuation, a document marker. */
const extra = fc.constantFrom("", "  ", "# note", "  # note", "  more words", "...", "- stray", "key", "key : x");
const frontMatter = fc
  .tuple(
    // mostly distinct keys: a repeated key is left to yaml (and tried often enough by the mutations)
    fc.uniqueArray(fc.oneof({ weight: 20, arbitrary: pair }, { weight: 1, arbitrary: extra.map((l) => [l]) }), { maxLength: 8, selector: (lines) => (lines[0] ?? "").split(":")[0] }),
    fc.constantFrom("\n", "\n", "\r\n"),
  )
  .map(([pairs, eol]) => `---${eol}${pairs.flat().join(eol)}${pairs.length > 0 ? eol : ""}---${eol}# Body${eol}`);

const mutation = fc.oneof(
  fc.tuple(fc.nat(), fc.constantFrom("\t", "\r", "#", ":", " ", "'", '"', "[", "]", "-", "&", "*", "\\", "\0", "\u0085", "\u2028", "\ufeff", "\ud800", "é")),
  fc.tuple(fc.nat(), fc.constant("")),
);
const mutate = (text: string, [at, piece]: [number, string]) => {
  const i = at % (text.length + 1);
  return piece === "" ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + piece + text.slice(i);
};

describe("the simple front matter reader", () => {
  it(
    "gives yaml's values and positions for front matter of the simple shape, and reads most of it itself",
    () => {
      let read = 0;
      fc.assert(
        fc.property(frontMatter, (text) => {
          if (simpleRead(text)) read++;
          expect(frontMatterEntry(source(text))).toEqual(byYaml(text));
        }),
        { numRuns: RUNS },
      );
      // generated with odd keys and scalars on purpose, but most cases are simple
      expect(read).toBeGreaterThan(RUNS / 6);
    },
    TIMEOUT,
  );

  it(
    "gives yaml's answer or none at all for mutated front matter",
    () => {
      let read = 0;
      fc.assert(
        fc.property(frontMatter, mutation, (text, m) => {
          const mutated = mutate(text, m);
          if (simpleRead(mutated)) read++;
          expect(frontMatterEntry(source(mutated))).toEqual(byYaml(mutated));
        }),
        { numRuns: RUNS },
      );
      // a share, not "most": a mutation often leaves the simple shape (28 of 300 seen in one run of the suite)
      expect(read).toBeGreaterThan(RUNS / 20);
    },
    TIMEOUT,
  );

  it("reads the shapes milestones have, and leaves the rest to yaml", () => {
    const simple = [
      "---\nid: EP-20260210-003/MS002\nms: 2\ntitle: \"Ranked search\"\nowner: '@mara'\ntags: [api, \"db\"]\nlinks:\n  issue: \"#231\"\n  docs:\ntouches:\n- src/a.ts\n- 'src/b.ts'\n---\n",
      "---\r\nid: x\r\ntags:\r\n  - a\r\n\r\nlinks:\r\n  pr: ''\r\n---\r\n",
      "---\n---\n",
    ];
    for (const text of simple) {
      expect(simpleRead(text), text).toBeDefined();
      expect(frontMatterEntry(source(text))).toEqual(byYaml(text));
    }
    const left = [
      "---\nid: x # a comment\n---\n",
      "---\ntitle: >\n  folded\n---\n",
      "---\ntags: &t [a]\nmore: *t\n---\n",
      "---\nid: x\nid: y\n---\n",
      "---\nms: 1.5\n---\n",
      "---\ntitle: \"a\\tb\"\n---\n",
      "---\ntitle: two\n  lines\n---\n",
      "---\nid:\tx\n---\n",
    ];
    for (const text of left) {
      expect(simpleRead(text), text).toBeUndefined();
      expect(frontMatterEntry(source(text))).toEqual(byYaml(text));
    }
  });


  it("hands out one frozen span for one position, whichever file it is in", () => {
    const first = simpleRead("---\nid: EP-20260210-003/MS002\nstatus: planned\ntags: [a, b]\n---\n");
    const second = simpleRead("---\nid: EP-20260210-003/MS009\nstatus: blocked\ntags: [c, d]\n---\n");
    // the same key on the same line, and a value of the same length: the very same span
    expect(second?.id?.keySpan).toBe(first?.id?.keySpan);
    expect(second?.status?.valueSpan).toBe(first?.status?.valueSpan);
    expect(second?.tags?.itemSpans).toEqual(first?.tags?.itemSpans);
    expect(Object.isFrozen(first?.id?.valueSpan)).toBe(true);
    // other positions, other spans
    const longer = simpleRead("---\nid: EP-20260210-003/MS002\nstatus: in_progress\n---\n");
    expect(longer?.status?.valueSpan).toEqual({ line: 3, column: 9, endLine: 3, endColumn: 20 });
    expect(first?.status?.valueSpan).toEqual({ line: 3, column: 9, endLine: 3, endColumn: 16 });
  });
  it("agrees with yaml on every plan and milestone of the fixtures and of a generated tree", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "milestone-lint-simple-"));
    try {
      const files = [...generateTree(dir, 300, 11), ...listMarkdown(FIXTURES), ...listMarkdown(path.join(FIXTURES, "../../examples"))];
      let read = 0;
      for (const file of files) {
        const text = readFileSync(file, "utf8");
        if (simpleRead(text)) read++;
        expect(frontMatterEntry(source(text)), file).toEqual(byYaml(text));
      }
      expect(read).toBeGreaterThan(files.length / 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function listMarkdown(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSyncSafe(d)) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith(".md")) out.push(p);
    }
  };
  walk(dir);
  return out;
}

function readdirSyncSafe(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

describe("reading only the start of a file for the index", () => {
  const readFrontMatterSource = (file: string, root: string) => readSourceStart(file, root, undefined, true, frontMatterSettled);
  let dir: string;
  let root: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "milestone-lint-head-"));
    root = path.join(dir, ".agent/exec_plans");
    mkdirSync(path.join(root, "p/milestones/active"), { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: string | Buffer) => {
    const file = path.join(root, "p/milestones/active", name);
    writeFileSync(file, content);
    return file;
  };
  const front = (n: number, eol = "\n") => `---${eol}id: EP-20260210-003/MS002${eol}${Array.from({ length: n }, (_, i) => `k${i}: "välue ✅ ${i}"`).join(eol)}${eol}---${eol}`;
  const body = "\n# Body\n\n" + "Some text, ünïcödé ✅.\n".repeat(400);

  it("gives the index entry of the whole file, for front matter of any length and any line ending", () => {
    for (const n of [0, 3, 60, 200, 1000]) {
      for (const eol of ["\n", "\r\n", "\r"]) {
        const file = write("EP-20260210-003_MS002_a.md", front(n, eol) + body);
        const head = readFrontMatterSource(file, root);
        const whole = readSource(file, root);
        if (!head.ok || !whole.ok) throw new Error("not read");
        expect(whole.text.startsWith(head.text)).toBe(true);
        const entry = (text: string) => frontMatterEntry({ ...source(text), path: file });
        expect(entry(head.text)).toEqual(entry(whole.text));
        expect(readFrontMatter(head.text).keys.map((k) => [k.name, k.key, k.value])).toEqual(readFrontMatter(whole.text).keys.map((k) => [k.name, k.key, k.value]));
      }
    }
  });

  it("refuses what readSource refuses, wherever in the file the problem is", () => {
    const cases: [string, Buffer][] = [
      ["nul.md", Buffer.concat([Buffer.from(front(3) + body), Buffer.from([0]), Buffer.from("tail\n")])],
      ["latin1.md", Buffer.concat([Buffer.from(front(3) + body), Buffer.from([0xe9]), Buffer.from("\n")])],
      ["utf16.md", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(front(3), "utf16le")])],
      ["large.md", Buffer.from(front(3) + "x".repeat(MAX_FILE_BYTES))],
    ];
    for (const [name, bytes] of cases) {
      const file = write(`EP-20260210-003_MS00${name.length}_${name}`, bytes);
      const head = readFrontMatterSource(file, root);
      expect(head.ok, name).toBe(false);
      expect(head).toEqual(readSource(file, root));
    }
  });

  it("leaves a file that is a link to readSource, which says where it leads", () => {
    const outside = path.join(dir, "outside.md");
    writeFileSync(outside, front(2));
    const link = path.join(root, "p/milestones/active/EP-20260210-003_MS009_link.md");
    symlinkSync(outside, link);
    // met as a regular file by the walk, a link by the time it is read: not followed
    const read = readFrontMatterSource(link, root);
    expect(read).toEqual(readSource(link, root));
    expect(read.ok).toBe(false);
  });
});

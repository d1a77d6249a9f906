/**
 * What reaches the terminal (issue 12): front matter values, headings and file
 * names carrying ANSI and OSC sequences (a screen clear, a fake "all files passed"
 * line, a clipboard write), C1 controls and bidirectional overrides are written as
 * escapes in every human-readable report, on stderr too; the JSON report keeps the
 * values as they are (JSON escapes them).
 */
import { afterAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { escapeControls, quoteValue } from "../src/shared/quote.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_TODAY } from "./helpers/fixtures.js";
import { MILESTONE, edit, removeTrees, tree } from "./helpers/tree.js";

afterAll(removeTrees);

const CLEAR = "\x1b[2J\x1b[H";
const FAKE_PASS = "\x1b[32m✔ No problems found in 12 files.\x1b[0m";
const CLIPBOARD = "\x1b]52;c;Y3VybCBldmlsLnRlc3QgfCBzaA==\x07";
const C1_CSI = "\u009b2J";
const BIDI = "\u202eevil\u202c";
/** What no report may print raw (line breaks aside, which formats use for their own lines). */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const NAME = `EP-20260210-003_MS003_${"\x1b[31m"}red.md`;
const HOSTILE = path.join(path.dirname(MILESTONE), NAME);

function hostileTree(): string {
  const dir = tree();
  // a title of escape sequences (YAML's own escapes), a heading of raw ones, a file name with one
  edit(dir, MILESTONE, (t) =>
    t
      .replace('title: "Ranked search API"', 'title: "Ranked\\e[2J\\e[H search\\x9b2J API\\u202e"')
      .replace("# Ranked search API", `# Ranked ${CLEAR}${FAKE_PASS}${CLIPBOARD}${C1_CSI}${BIDI} API`),
  );
  writeFileSync(path.join(dir, HOSTILE), "no front matter\n");
  return dir;
}

describe("escapeControls", () => {
  it("writes controls, DEL, C1, separators and bidirectional marks as escapes, and nothing else", () => {
    expect(escapeControls(`a${CLEAR}b\tc\nd\u007f${C1_CSI}\u2028${BIDI}é🙂`)).toBe("a\\u001b[2J\\u001b[Hb\\tc\\nd\\u007f\\u009b2J\\u2028\\u202eevil\\u202cé🙂");
    expect(escapeControls("a\tb\r\nc\x1b", "\t\r\n")).toBe("a\tb\r\nc\\u001b");
    expect(quoteValue(`x${C1_CSI}${BIDI}`)).toBe('"x\\u009b2J\\u202eevil\\u202c"');
  });
});

describe("every human-readable report", () => {
  const dir = hostileTree();
  const lint = (...args: string[]) => runCli(["--now", FIXTURE_TODAY, ...args], { cwd: dir });

  it.each(["stylish", "github", "junit", "sarif", "html", "markdown"])("%s prints no raw control sequence", (format) => {
    const r = lint("--format", format, "--color");
    expect(r.status).toBe(1);
    // --color's own sequences are ours: what is left once they are taken out must be clean
    const text = r.stdout.replace(/\x1b\[[0-9;]*m/g, "");
    expect(text).not.toMatch(RAW);
    expect(text.length).toBeGreaterThan(0);
  });

  it("stylish shows the sequences as escapes, where they are", () => {
    const out = lint("--format", "stylish", "--no-color").stdout;
    expect(out).toContain(`${path.dirname(MILESTONE)}/EP-20260210-003_MS003_\\u001b[31mred.md:1:1`);
    expect(out).toContain("\\u001b[2J\\u001b[H");
    expect(out).toContain("\\u001b]52;c;Y3VybCBldmlsLnRlc3QgfCBzaA==\\u0007");
    expect(out).not.toContain(CLEAR);
  });

  it("the JSON report keeps the values exactly (JSON escapes them)", () => {
    const out = JSON.parse(lint("--format", "json").stdout) as { files: { file: string; diagnostics: { message: string }[] }[] };
    expect(out.files.map((f) => f.file)).toContain(`${path.dirname(MILESTONE)}/${NAME}`);
  });

  it("a usage error naming a path from the tree is escaped on stderr", () => {
    const r = lint(`no-such-${CLEAR}.md`);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stderr).toContain("no-such-\\u001b[2J\\u001b[H.md");
  });
});

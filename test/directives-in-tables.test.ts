/**
 * Disable comments inside tables, lists and block quotes (issue 13, item 1), through
 * the built CLI. `disable-line`, on the line itself, keeps a table a table; a
 * `disable-next-line` between two rows ends the table and is reported as such,
 * instead of silently leaving every row below it unchecked.
 */
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_TODAY } from "./helpers/fixtures.js";
import { MILESTONE, edit, removeTrees, tree } from "./helpers/tree.js";

afterAll(removeTrees);

const SNAPSHOT = `| Area | Status | Notes |
| --- | --- | --- |
| Architecture/design | ✅ | |
| Implementation | ⏳ | Handler written, pagination open |
| Tests & QA | ⏳ | Load test script ready |
| Docs & runbooks | ⏳ | |`;

/** The valid milestone with its health table replaced; the table starts at line 58. */
function withTable(table: string): string {
  const dir = tree();
  edit(dir, MILESTONE, (t) => {
    if (!t.includes(SNAPSHOT)) throw new Error("fixture changed");
    return t.replace(SNAPSHOT, table);
  });
  return dir;
}

const CHOICES = "✅ / ⚠️ / ⏳";
const placeholder = (line: number, column: number) =>
  `${MILESTONE}:${line}:${column}  error  Status cell still holds the template's choices "${CHOICES}"; keep the one status that applies (✅, ⚠️ or ⏳).  no-template-placeholder`;

function lint(dir: string, ...args: string[]) {
  const r = runCli(["--now", FIXTURE_TODAY, ...args], { cwd: dir, env: { NO_COLOR: "1" } });
  return { ...r, lines: r.stdout.split("\n").filter((l) => l.startsWith(MILESTONE)) };
}

describe("disable-line at the end of a table row", () => {
  it("suppresses that row only; every other row is still checked", () => {
    const dir = withTable(`| Area | Status | Notes |
| --- | --- | --- |
| Architecture/design | ${CHOICES} | |
| Implementation | ${CHOICES} | kept on purpose | <!-- milestone-lint-disable-line no-template-placeholder -->
| Tests & QA | ${CHOICES} | |
| Docs & runbooks | ${CHOICES} | |`);
    const r = lint(dir, "--report-unused-disables");
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([placeholder(60, 25), placeholder(62, 16), placeholder(63, 21)]);
  });

  it("with no id, suppresses every rule on the line", () => {
    const dir = withTable(`| Area | Status | Notes |
| --- | --- | --- |
| Architecture/design | ${CHOICES} | | <!-- milestone-lint-disable-line -->`);
    const r = lint(dir, "--report-unused-disables");
    expect(r.lines).toEqual([]);
    expect(r.status).toBe(0);
  });

  it("that suppresses nothing is reported as unused", () => {
    const dir = withTable(`${SNAPSHOT} <!-- milestone-lint-disable-line no-template-placeholder -->`);
    const r = lint(dir, "--report-unused-disables");
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([
      `${MILESTONE}:63:27  error  Unused milestone-lint-disable-line directive: no problem from "no-template-placeholder" was reported here; remove it.  unused-disable-directive`,
    ]);
  });
});

describe("disable-next-line between two table rows", () => {
  it("is reported: it ends the table, so the rows below it would go unchecked", () => {
    const dir = withTable(`| Area | Status | Notes |
| --- | --- | --- |
| Architecture/design | ${CHOICES} | |
<!-- milestone-lint-disable-next-line no-template-placeholder -->
| Implementation | ${CHOICES} | kept on purpose |
| Tests & QA | ${CHOICES} | |`);
    const r = lint(dir, "--report-unused-disables");
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([
      placeholder(60, 25),
      `${MILESTONE}:61:1  error  This milestone-lint-disable-next-line comment sits between two table rows: it ends the table, so the rows below it are no longer a table (nor checked as one). Remove the line and put \`<!-- milestone-lint-disable-line no-template-placeholder -->\` at the end of the row instead.  misplaced-disable-directive`,
    ]);
  });

  it("above a table, before its header, is not misplaced", () => {
    const dir = withTable(`<!-- milestone-lint-disable-next-line no-template-placeholder -->
| Area | ${CHOICES} | Notes |
| --- | --- | --- |
| Architecture/design | ✅ | |`);
    const r = lint(dir, "--report-unused-disables");
    expect(r.lines).toEqual([]);
    expect(r.status).toBe(0);
  });
});

describe("disable-line in lists and block quotes", () => {
  it("covers the list item or quoted line it ends", () => {
    const dir = tree();
    edit(dir, MILESTONE, (t) =>
      t.replace(
        "- Synonyms dictionary for product names.",
        "- Synonyms dictionary, due YYYY-MM-DD <!-- milestone-lint-disable-line no-template-placeholder -- agreed later -->\n- Owner: @handle-or-team\n\n> Review by YYYY-MM-DD <!-- milestone-lint-disable-line no-template-placeholder -->",
      ),
    );
    const r = lint(dir, "--report-unused-disables");
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([
      `${MILESTONE}:132:10  error  Template placeholder "@handle-or-team" is still here; write the owner's handle, e.g. @codex.  no-template-placeholder`,
    ]);
  });
});

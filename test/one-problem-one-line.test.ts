/**
 * One problem, one diagnostic, one line of text (issue 13, item 5), through the
 * built CLI: a value with a line break is quoted with `\n`, and a block scalar or an
 * unpadded ID is reported once, by the rule that says most precisely what is wrong.
 */
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_TODAY } from "./helpers/fixtures.js";
import { MILESTONE, edit, removeTrees, tree } from "./helpers/tree.js";

afterAll(removeTrees);

function lintWith(change: (text: string) => string) {
  const dir = tree();
  edit(dir, MILESTONE, change);
  const r = runCli(["--now", FIXTURE_TODAY], { cwd: dir, env: { NO_COLOR: "1" } });
  const lines = r.stdout.split("\n");
  return { ...r, problems: lines.filter((l) => l.startsWith(`${MILESTONE}:`)), lines };
}

/** Every line of stylish output is a problem, a blank line or the summary: no message spills over. */
function expectOneLineEach(lines: string[]): void {
  for (const line of lines) expect(line === "" || line.startsWith(`${MILESTONE}:`) || /^✖ \d+ problems? /.test(line) || /can be fixed with --fix/.test(line), line).toBe(true);
}

describe("a value with a line break", () => {
  it("is quoted with \\n, and the message stays on one line", () => {
    const r = lintWith((t) => t.replace('title: "Ranked search API"', 'title: "Ranked search API\\nsecond line"'));
    expect(r.status).toBe(1);
    expect(r.problems).toEqual([
      `${MILESTONE}:5:8  error  \`title\` is "Ranked search API\\nsecond line", which is not in the expected form; expected a short, non-empty, one-line title.  front-matter-schema`,
    ]);
    expectOneLineEach(r.lines);
  });
});

describe("a block scalar", () => {
  it("is reported once, by front-matter-simple-yaml", () => {
    const r = lintWith((t) => t.replace('title: "Ranked search API"', "title: >\n  Ranked search API"));
    expect(r.status).toBe(1);
    expect(r.problems).toEqual([
      `${MILESTONE}:5:8  error  \`title\` is a multiline block scalar (\`>\`); keep it on one line, e.g. \`"…"\`.  front-matter-simple-yaml`,
    ]);
    expectOneLineEach(r.lines);
  });
});

describe("an unpadded ID", () => {
  it("is reported once, by id-valid, with its fix", () => {
    const r = lintWith((t) => t.replace("id: EP-20260210-003/MS002", "id: EP-20260210-003/MS2").replace("execplan_id: EP-20260210-003", "execplan_id: EP-20260210-3"));
    expect(r.status).toBe(1);
    expect(r.problems).toEqual([
      `${MILESTONE}:2:5  error  \`id\` is EP-20260210-003/MS2: the milestone number MS2 must be three digits, zero padded (MS002). Write EP-20260210-003/MS002.  id-valid`,
      `${MILESTONE}:3:14  error  \`execplan_id\` is EP-20260210-3: the plan number 3 must be three digits, zero padded (003). Write EP-20260210-003.  id-valid`,
    ]);
  });

  it("an ID in no known form is still the schema's", () => {
    const r = lintWith((t) => t.replace("id: EP-20260210-003/MS002", "id: MS002"));
    expect(r.problems).toContainEqual(
      `${MILESTONE}:2:5  error  \`id\` is "MS002", which is not in the expected form; expected the milestone ID \`EP-YYYYMMDD-NNN/MS###\`, e.g. \`EP-20260117-014/MS003\`.  front-matter-schema`,
    );
  });
});

/**
 * No file can take the run down (issue 12): the inputs of the second audit, at the
 * sizes it used, each cost only its own report, with exact outcomes; every per-file
 * step turns a failure into a diagnostic on that file; a file over its time budget
 * is stopped; a worker thread that stops costs the file it was linting and no
 * other; and the results do not depend on how many threads lint them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { lintSource } from "../src/run/lint-file.js";
import { LineIndex } from "../src/source/line-index.js";
import { lintJob, lintJobs, type FileJob, type JobResult, type JobSettings } from "../src/run/lint-job.js";
import { Script } from "node:vm";
import { eachWithinBudget, OverBudget, withinBudget, type Outcome } from "../src/run/time-budget.js";
import { lintInThreads, ruleSpecs } from "../src/run/workers.js";
import { classify } from "../src/tree/place.js";
import type { Diagnostic, FileRule } from "../src/shared/types.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURES, FIXTURE_TODAY, REPO } from "./helpers/fixtures.js";
import { ACTIVE, validTree, type Tree } from "./helpers/hostile-tree.js";
import { ALL_FILE_RULES } from "./helpers/rules.js";

const REL = `${ACTIVE}/EP-20260210-003_MS002_ranked-search-api.md`;
const ABS = path.join(FIXTURES, "valid", REL);
const VALID = readFileSync(ABS, "utf8");
const ANCHOR = "- Behind the `search_v2` flag, on for internal tenants first.\n";
/** The valid milestone with `hostile` as a paragraph of its Rollout section. */
const withBody = (hostile: string) => VALID.replace(ANCHOR, `${ANCHOR}\n${hostile}\n`);

const lint = (text: string) => lintSource({ path: ABS, displayPath: REL, place: classify(ABS)!, text }, ALL_FILE_RULES, FIXTURE_TODAY);
const brief = (d: Diagnostic) => ({ ruleId: d.ruleId, line: d.line, column: d.column, message: d.message });

const TOO_LONG = "The Markdown after the front matter has more than 10000 lines, too many to parse in reasonable time: the Markdown of this file was not checked (its front matter was). Split the file.";
const TOO_DEEP =
  "This line nests lists or block quotes more than 100 levels deep (counting its `>` and list markers, and a level for every two columns of indentation), too deep to parse in reasonable time: the Markdown of this file was not checked (its front matter was). Flatten the nesting.";

describe("the inputs of the audit, each at its size, cost only their own file's report", () => {
  it("the valid milestone they are made from has no problem", () => {
    expect(lint(VALID).diagnostics).toEqual([]);
  });

  it("lone CR line endings count as lines: 120 000 list items are refused at the 10 001st line (it took 22 s and 2 GB)", () => {
    const out = lint(withBody("- a\n".repeat(120_000)).replace(/\n/g, "\r"));
    expect(out.diagnostics.map(brief)).toEqual([{ ruleId: "unreadable-file", line: 10_017, column: 1, message: TOO_LONG }]);
    expect(out.internalErrors).toBe(0);
  });

  it("and 10 000 `> ` on a CR line are refused at that line (a stack overflow)", () => {
    const out = lint(withBody(`${"> ".repeat(10_000)}x`).replace(/\n/g, "\r"));
    expect(out.diagnostics.map(brief)).toEqual([{ ruleId: "unreadable-file", line: 140, column: 1, message: TOO_DEEP }]);
  });

  it("a run of 10 000 `*` (or `_`), a letter and another, with a disable comment in the file, is read as text (9 rule crashes, 8–37 s)", () => {
    const disable = "<!-- milestone-lint-disable-next-line no-template-placeholder -->\n";
    for (const marker of ["*", "_"]) {
      const out = lint(withBody(`${disable}${marker.repeat(10_000)}a${marker.repeat(10_000)}`));
      expect(out.diagnostics).toEqual([]);
      expect(out.internalErrors).toBe(0);
      expect(out.directives).toHaveLength(1);
    }
  });

  it("20 000 duplicate YAML keys are each reported at their line", () => {
    const out = lint(VALID.replace("risk: low\n", `risk: low\n${"tags: [api]\n".repeat(20_000)}`));
    expect(out.diagnostics).toHaveLength(20_000);
    const message = "Front matter is not valid YAML: key `tags` appears more than once; keep one `tags:` line.";
    expect(brief(out.diagnostics[0] as Diagnostic)).toMatchObject({ ruleId: "front-matter-yaml-syntax", line: 13, column: 1 });
    expect((out.diagnostics[0] as Diagnostic).message.startsWith(message.slice(0, 60))).toBe(true);
    expect(out.diagnostics.at(-1)).toMatchObject({ line: 20_012, column: 1, endLine: 20_012, endColumn: 5 });
  });

  it.each([
    ["20 000 `<!` declaration openers", `x ${"<!a ".repeat(20_000)}`],
    ["10 000 `<![CDATA[` openers", `x ${"<![CDATA[ ".repeat(10_000)}`],
    // each `<!--` that never closes scanned the rest of its paragraph: 8.6 s
    ["an unclosed HTML comment with disable comments in it", `x <!-- ${"<!-- milestone-lint-disable a -- b ".repeat(5_000)}`],
    ["9 700 comment lines in a code block", `\`\`\`\n${"<!-- milestone-lint-disable -->\n".repeat(9_700)}\`\`\``],
  ])("%s: nothing to report, and no rule crashes", (_name, hostile) => {
    const out = lint(withBody(hostile));
    expect(out.diagnostics).toEqual([]);
    expect(out.internalErrors).toBe(0);
  });
});

describe("every per-file step turns a failure into a diagnostic on that file", () => {
  afterEach(() => {
    vi.doUnmock("../src/run/suppressions.js");
    vi.doUnmock("../src/source/markdown.js");
    vi.resetModules();
  });

  /** lintSource of `text` with `name` of `module` replaced by a function that overflows the stack. */
  async function lintWithFailing(module: string, name: string, text: string) {
    vi.resetModules();
    vi.doMock(module, async (original) => ({
      ...(await original<Record<string, unknown>>()),
      [name]: () => {
        throw new RangeError("Maximum call stack size exceeded");
      },
    }));
    const { lintSource: mocked } = await import("../src/run/lint-file.js");
    return mocked({ path: ABS, displayPath: REL, place: classify(ABS)!, text }, ALL_FILE_RULES, FIXTURE_TODAY);
  }

  it("an error reading the disable comments is the file's, and the rules' reports stand (it took the whole run down)", async () => {
    const out = await lintWithFailing("../src/run/suppressions.js", "readDirectives", VALID.replace("ms: 2", 'ms: "2"'));
    expect(out.internalErrors).toBe(1);
    expect(out.diagnostics.map((d) => [d.ruleId, d.line, d.message])).toEqual([
      ["front-matter-schema", 4, '`ms` must be a YAML integer (no quotes), but it is the string "2". Write `ms: 2`.'],
      [
        "unreadable-file",
        1,
        "Internal error: the milestone-lint comments of this file could not be read (Maximum call stack size exceeded), so none applies. The rules still ran; please report this.",
      ],
    ]);
  });

  it("a parser that fails on the file gives one error on it, not a crash of every rule that asked for the tree", async () => {
    const out = await lintWithFailing("../src/source/markdown.js", "parseMarkdown", VALID);
    expect(out.internalErrors).toBe(0);
    expect(out.diagnostics.map(brief)).toEqual([
      {
        ruleId: "unreadable-file",
        line: 1,
        column: 1,
        message: "The Markdown of this file could not be parsed (Maximum call stack size exceeded): it was not checked (its front matter was).",
      },
    ]);
  });
});

/** The result of a file that got one error at its start, and nothing else. */
function onlyError(file: string, message: string, internalErrors = 0): JobResult {
  const at = { line: 1, column: 1, endLine: 1, endColumn: 1 };
  return { diagnostics: [{ file, ...at, ruleId: "unreadable-file", severity: "error", message }], directives: [], internalErrors };
}

/** A milestone job for a file anywhere: its folder stands for the exec_plans folder. */
const job = (abs: string, displayPath = path.basename(abs)): FileJob => ({ path: abs, displayPath, place: { ...classify(ABS)!, root: path.dirname(abs) } });
const settings = (extra: Partial<JobSettings> = {}): JobSettings => ({ today: FIXTURE_TODAY, fix: false, write: false, hashing: false, ...extra });

/** Every file rule, and one that never ends on a file holding LOOP. */
const loops: FileRule = {
  meta: { id: "test-loops", description: "", severity: "error", appliesTo: ["milestone"], docsUrl: "" },
  check(context) {
    if (context.file.text.includes("LOOP")) for (;;);
  },
};
const WITH_LOOPS = [...ALL_FILE_RULES, { rule: loops, severity: "error" as const, options: {} }];

describe("a time budget for each file, the last guard", () => {
  it("stops a synchronous call that runs past it, and lets the next one run", () => {
    expect(() => withinBudget(() => {
      for (;;);
    }, 50)).toThrow(new OverBudget(50));
    expect(withinBudget(() => 42, 50)).toBe(42);
    expect(() => withinBudget(() => {
      throw new TypeError("its own error");
    }, 50)).toThrow(new TypeError("its own error"));
  });

  const busy = (ms: number) => {
    for (const end = performance.now() + ms; performance.now() < end; );
  };
  const outcomes = (count: number, work: (i: number) => number, budgetMs: number) => {
    const got: [number, Outcome<number>][] = [];
    eachWithinBudget(count, work, budgetMs, (i, outcome) => got.push([i, outcome]));
    return got;
  };

  it("runs many calls under one watchdog, each handed over in order", () => {
    const run = vi.spyOn(Script.prototype, "runInContext");
    try {
      expect(outcomes(50, (i) => i * 2, 1000)).toEqual(Array.from({ length: 50 }, (_, i) => [i, { ok: true, value: i * 2 }]));
      expect(run).toHaveBeenCalledTimes(1);
    } finally {
      run.mockRestore();
    }
  });

  it("stops only a call that ran alone for its budget: one after others used most of it runs again under a watchdog of its own", () => {
    // five calls of 80 ms under a budget of 200 ms: each is within it, their sum is not
    const got = outcomes(5, (i) => (busy(80), i), 200);
    expect(got).toEqual(Array.from({ length: 5 }, (_, i) => [i, { ok: true, value: i }]));
    const stopped = outcomes(4, (i) => {
      if (i === 2) for (;;);
      if (i === 1) throw new TypeError("its own error");
      return i;
    }, 100);
    expect(stopped).toEqual([
      [0, { ok: true, value: 0 }],
      [1, { ok: false, error: new TypeError("its own error") }],
      [2, { ok: false, error: new OverBudget(100) }],
      [3, { ok: true, value: 3 }],
    ]);
  });

  it("lints a batch as it lints each file: the file past its budget gets the error, the files around it their own results", async () => {
    const rules = WITH_LOOPS;
    const dir = mkdtempSync(path.join(tmpdir(), "milestone-lint-budget-"));
    try {
      writeFileSync(path.join(dir, "fine.md"), VALID.replace("ms: 2", 'ms: "2"'));
      writeFileSync(path.join(dir, "slow.md"), `${VALID}\nLOOP\n`);
      writeFileSync(path.join(dir, "valid.md"), VALID);
      const jobs = ["fine.md", "slow.md", "missing.md", "valid.md", "fine.md"].map((f) => job(path.join(dir, f)));
      const each = await Promise.all(jobs.map((j) => lintJob(j, rules, settings({ timeBudgetMs: 100, hashing: true }))));
      const answered: number[] = [];
      const batch = await lintJobs(jobs, rules, settings({ timeBudgetMs: 100, hashing: true }), (k) => answered.push(k));
      expect(batch).toEqual(each);
      expect(batch[1]?.diagnostics.map((d) => d.ruleId)).toEqual(["unreadable-file"]);
      expect(batch[0]?.read?.hash).toMatch(/^[A-Za-z0-9+/]{27}=$/);
      expect([...answered].sort()).toEqual([0, 1, 2, 3, 4]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("turns a file that takes too long into one unreadable-file error, and the next file is linted", async () => {
    const rules = WITH_LOOPS;
    const dir = mkdtempSync(path.join(tmpdir(), "milestone-lint-budget-"));
    try {
      writeFileSync(path.join(dir, "slow.md"), `${VALID}\nLOOP\n`);
      writeFileSync(path.join(dir, "fine.md"), VALID.replace("ms: 2", 'ms: "2"'));
      const slow = await lintJob(job(path.join(dir, "slow.md")), rules, settings({ timeBudgetMs: 100 }));
      expect(slow).toEqual(
        onlyError(
          "slow.md",
          "Linting this file took more than 0.1 s and was stopped: something in it is too costly to check (an input this tool's limits do not catch yet; please report it). Its front matter and Markdown were not checked.",
        ),
      );
      const fine = await lintJob(job(path.join(dir, "fine.md")), rules, settings({ timeBudgetMs: 100 }));
      expect(fine.diagnostics.map((d) => d.ruleId)).toEqual(["front-matter-schema"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A worker of lintInThreads' protocol that stops on the files named for it, and lints every other one as `linted`. */
const FAKE_WORKER = `
import { parentPort } from "node:worker_threads";
let queue = Promise.resolve();
parentPort.on("message", (batch) => {
  queue = queue.then(async () => {
    for (const { index, job } of batch) {
      if (job.path.endsWith("exit.md")) process.exit(3);
      if (job.path.endsWith("throw.md")) throw new Error("boom");
      if (job.path.endsWith("memory.md")) { const hog = []; for (;;) hog.push(new Array(1e6).fill(index)); }
      const at = { line: 1, column: 1, endLine: 1, endColumn: 1 };
      parentPort.postMessage({ index, result: { diagnostics: [{ file: job.displayPath, ...at, ruleId: "linted", severity: "warn", message: "in a worker" }], directives: [], internalErrors: 0 } });
    }
  });
});
`;

describe("a worker thread that stops costs only the file it was linting", () => {
  let dir: string;
  let worker: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "milestone-lint-workers-"));
    worker = path.join(dir, "worker.mjs");
    writeFileSync(worker, FAKE_WORKER);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const here = async (js: FileJob[]): Promise<JobResult[]> => {
    // slow, so that the workers take most files
    await new Promise((r) => setTimeout(r, 5 * js.length));
    const at = { line: 1, column: 1, endLine: 1, endColumn: 1 };
    return js.map((j) => ({ diagnostics: [{ file: j.displayPath, ...at, ruleId: "linted", severity: "warn", message: "here" }], directives: [], internalErrors: 0 }));
  };
  const setup = { rules: ruleSpecs([]), settings: settings() };

  it("one exits, one throws: every other file of 200 is linted, and the two are reported", async () => {
    // the first worker holds files 0–31 and the second 32–63 from the start: each meets its file
    const jobs = Array.from({ length: 200 }, (_, i) => job(path.join(dir, i === 5 ? "exit.md" : i === 40 ? "throw.md" : `f${i}.md`), `f${i}.md`));
    const results = await lintInThreads(jobs, setup, 3, here, worker);
    expect(results).toHaveLength(200);
    for (const [i, result] of results.entries()) {
      if (i === 5 || i === 40) continue;
      expect(result.diagnostics.map((d) => [d.file, d.ruleId]), `file ${i}`).toEqual([[`f${i}.md`, "linted"]]);
    }
    const stopped = (reason: string, i: number) =>
      onlyError(`f${i}.md`, `Internal error: linting this file stopped its worker thread (${reason}); it was not checked (the other files were). Please report this.`, 1);
    expect(results[5]).toEqual(stopped("the worker thread stopped with exit code 3", 5));
    expect(results[40]).toEqual(stopped("boom", 40));
  });

  it("one runs out of its heap: that file is reported as too costly, not as a crash", async () => {
    const jobs = Array.from({ length: 40 }, (_, i) => job(path.join(dir, i === 3 ? "memory.md" : `f${i}.md`), `f${i}.md`));
    const results = await lintInThreads(jobs, setup, 2, here, worker);
    expect(results[3]).toEqual(onlyError("f3.md", "Linting this file needed more than 512 MiB of memory and was stopped; it was not checked (the other files were)."));
    expect(results.filter((r) => r.diagnostics[0]?.ruleId === "linted")).toHaveLength(39);
  });

  it("the real worker keeps the time budget too: a file past it gives the same error in a worker as here", async () => {
    const slowFile = path.join(dir, "EP-20260210-003_MS003_slow.md");
    // about half a second of linting, ten times the budget below
    writeFileSync(slowFile, VALID.replace("risk: low\n", `risk: low\n${"tags: [api]\n".repeat(10_000)}`));
    const jobs = Array.from({ length: 6 }, () => job(slowFile, "slow.md"));
    const budget = settings({ timeBudgetMs: 50 });
    const rules = ALL_FILE_RULES;
    const results = await lintInThreads(jobs, { rules: ruleSpecs(rules), settings: budget }, 3, (js) => lintJobs(js, rules, budget), path.join(REPO, "dist/worker.js"));
    for (const result of results) {
      expect(result.diagnostics.map((d) => d.message)).toEqual([
        "Linting this file took more than 0.05 s and was stopped: something in it is too costly to check (an input this tool's limits do not catch yet; please report it). Its front matter and Markdown were not checked.",
      ]);
    }
  });
});

describe("the results do not depend on the thread count", () => {
  let tree: Tree;
  beforeAll(() => {
    tree = validTree();
    const ms = (n: number, text: string) =>
      tree.write(`${ACTIVE}/EP-20260210-003_MS00${n}_ranked-search-api.md`, text.replace("EP-20260210-003/MS002", `EP-20260210-003/MS00${n}`).replace("ms: 2", `ms: ${n}`));
    ms(3, withBody("- a\n".repeat(120_000)).replace(/\n/g, "\r"));
    ms(4, withBody(`${"> ".repeat(10_000)}x`).replace(/\n/g, "\r"));
    ms(5, withBody(`<!-- milestone-lint-disable -->\n${"*".repeat(10_000)}a${"*".repeat(10_000)}`));
    ms(6, withBody(`x ${"<!a ".repeat(20_000)}`));
    ms(7, VALID.replace("ms: 2", 'ms: "2"'));
  });
  afterAll(() => tree.remove());

  it("one thread, two or three: the same report, byte for byte, and the same exit code", () => {
    const run = (concurrency: string) => runCli(["--now", FIXTURE_TODAY, "--format", "json", "--concurrency", concurrency], { cwd: tree.dir });
    const single = run("off");
    expect(single.stderr).toBe("");
    expect(single.status).toBe(1);
    const report = JSON.parse(single.stdout) as { files: { file: string; diagnostics: { ruleId: string; line: number }[] }[] };
    const of = (n: number) => report.files.find((f) => f.file.includes(`_MS00${n}_`))?.diagnostics.map((d) => [d.ruleId, d.line]);
    expect([3, 4, 5, 6, 7].map(of)).toEqual([[["unreadable-file", 10_017]], [["unreadable-file", 140]], [], [], [["front-matter-schema", 4]]]);
    for (const threads of ["2", "3"]) {
      const threaded = run(threads);
      expect(threaded.stdout).toBe(single.stdout);
      expect(threaded.status).toBe(single.status);
    }
  });
});

describe("positions lie within the text", () => {
  it("an offset between the CR and the LF of a line ending is the end of its line", () => {
    const lines = new LineIndex("ab\r\ncd\r\n");
    expect(lines.position(2)).toEqual({ line: 1, column: 3 });
    expect(lines.position(3)).toEqual({ line: 1, column: 3 });
    expect(lines.position(4)).toEqual({ line: 2, column: 1 });
  });

  it("a YAML error in a quoted title folded over lines of a CRLF file is reported inside its line (it was 5:9–5:10 on a line of 8; fuzz seed -393557688)", () => {
    const text = VALID.replace('title: "Ranked search API"', 'title: "\nRanked search API"').replace(/\n/g, "\r\n");
    const lines = new LineIndex(text);
    const out = lint(text);
    expect(out.diagnostics.length).toBeGreaterThan(0);
    for (const d of out.diagnostics) {
      const length = (line: number) => lines.lineEnd(line) - lines.lineStart(line);
      expect(d.column, `${d.ruleId} ${d.line}:${d.column}`).toBeLessThanOrEqual(length(d.line) + 1);
      expect(d.endColumn, `${d.ruleId} ${d.endLine}:${d.endColumn}`).toBeLessThanOrEqual(length(d.endLine) + 1);
    }
    expect(out.diagnostics.filter((d) => d.ruleId === "front-matter-yaml-syntax").map((d) => [d.line, d.column, d.endLine, d.endColumn])).toEqual([[5, 9, 5, 9], [6, 1, 7, 7]]);
  });
});

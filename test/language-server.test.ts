/**
 * The built language server (dist/language-server.js), driven over stdio by a
 * JSON-RPC client as an editor drives it: what it publishes must be what the CLI
 * prints for the same texts, at the same places (LSP lines and columns are 0-based,
 * columns in UTF-16 code units like ours).
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Diagnostic as LspDiagnostic } from "vscode-languageserver/node";
import { lint } from "../src/index.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURES, FIXTURE_TODAY, ruleCases } from "./helpers/fixtures.js";
import { brief, FULL_CAPABILITIES, LspClient, uriOf } from "./helpers/lsp.js";
import { ARCHIVED, EXECPLAN, MILESTONE, TAKEN, draft, json, read, removeTrees, tree, write } from "./helpers/tree.js";

afterAll(removeTrees);

const clients: LspClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.kill();
});

async function start(root: string, options: Parameters<typeof LspClient.start>[1] = {}) {
  const started = await LspClient.start(root, options);
  clients.push(started.client);
  return started;
}

interface CliDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: "error" | "warn";
  message: string;
}

/** What the CLI prints for `files` of `dir` (JSON), as the LSP diagnostics the server should publish. */
function cliDiagnostics(dir: string, files: string[]): Map<string, ReturnType<typeof brief>[]> {
  const r = runCli(["--format", "json", "--now", FIXTURE_TODAY, ...files], { cwd: dir });
  const out = JSON.parse(r.stdout) as { files: { file: string; diagnostics: CliDiagnostic[] }[] };
  return new Map(
    out.files.map((f) => [
      f.file,
      f.diagnostics.map((d) => ({
        line: d.line - 1,
        character: d.column - 1,
        endLine: d.endLine - 1,
        endCharacter: d.endColumn - 1,
        code: d.ruleId,
        severity: d.severity === "error" ? 1 : 2,
        message: d.message,
      })),
    ]),
  );
}

/** The broken buffer of the first test: a quoted `ms` (fixable), a status the schema refuses, two placeholders in a table (one after an emoji outside the BMP). */
function brokenBuffer(text: string): string {
  return text
    .replace("ms: 2", 'ms: "2"')
    .replace("status: in_progress", "status: doing")
    .replace("| Implementation | ⏳ | Handler written, pagination open |", "| Implementation | ⏳ | … |")
    .replace("| Tests & QA | ⏳ | Load test script ready |", "| Tests 🚀 QA | ✅ / ⚠️ / ⏳ | Load test script ready |");
}

describe("the language server", () => {
  it("publishes the CLI's diagnostics for an edited buffer, fixes one, and re-publishes both files of a duplicate MS###", async () => {
    const dir = tree();
    const milestone = path.join(dir, MILESTONE);
    const archived = path.join(dir, ARCHIVED);
    const { client, init } = await start(dir);
    expect(init.capabilities.codeActionProvider).toEqual({ codeActionKinds: ["quickfix", "source.fixAll.milestone-lint"] });

    // 1. open with a broken buffer: exactly the CLI's diagnostics for that text
    const buffer = brokenBuffer(read(dir, MILESTONE));
    const opened = await client.open(milestone, buffer);
    expect(opened.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.code, d.severity])).toEqual([
      [3, 4, 3, 7, "front-matter-schema", 1],
      [5, 8, 5, 13, "front-matter-schema", 1],
      [60, 23, 60, 24, "no-template-placeholder", 1],
      // after 🚀 (two UTF-16 code units): column 16, not 15
      [61, 16, 61, 26, "no-template-placeholder", 1],
    ]);
    const onDisk = tree({ [MILESTONE]: buffer });
    expect(opened.diagnostics.map(brief)).toEqual(cliDiagnostics(onDisk, [MILESTONE]).get(MILESTONE));
    expect(opened.diagnostics.every((d) => d.source === "milestone-lint")).toBe(true);

    // 2. the quick fix of the quoted `ms`: applied, its diagnostic goes, the others stay
    const quoted = opened.diagnostics[0] as LspDiagnostic;
    const actions = await client.codeActions(milestone, quoted);
    const fix = actions.find((a) => a.title === "Fix this front-matter-schema problem");
    expect(fix?.kind).toBe("quickfix");
    expect(fix?.edit?.changes?.[uriOf(milestone)]).toEqual([{ range: quoted.range, newText: "2" }]);
    const fixed = await client.applyWorkspaceEdit(fix?.edit, milestone);
    expect(client.text(milestone)).toContain("\nms: 2\n");
    expect(fixed.diagnostics.map((d) => [d.range.start.line, d.code])).toEqual([
      [5, "front-matter-schema"],
      [60, "no-template-placeholder"],
      [61, "no-template-placeholder"],
    ]);

    // 3. a sibling takes MS002 too: both files are published again, as the CLI judges them
    await client.open(archived);
    const siblingTaken = read(dir, ARCHIVED).replace("id: EP-20260210-003/MS001", "id: EP-20260210-003/MS002").replace("ms: 1", "ms: 2");
    const milestoneAgain = client.nextPublish(milestone);
    const archivedAgain = await client.change(archived, siblingTaken);
    const milestoneNow = await milestoneAgain;
    const both = cliDiagnostics(tree({ [MILESTONE]: client.text(milestone), [ARCHIVED]: siblingTaken }), [MILESTONE, ARCHIVED]);
    expect(milestoneNow.diagnostics.map(brief)).toEqual(both.get(MILESTONE));
    expect(archivedAgain.diagnostics.map(brief)).toEqual(both.get(ARCHIVED));
    expect(milestoneNow.diagnostics.map((d) => d.code)).toContain("milestone-number-unique");

    // 4. the sibling closed: its disk copy (MS001) counts again
    const afterClose = client.nextPublish(milestone);
    await client.close(archived);
    expect((await afterClose).diagnostics.map((d) => d.code)).not.toContain("milestone-number-unique");

    // 5. shut down cleanly
    expect(await client.stop()).toBe(0);
  });

  it("lints a milestone that does not exist on disk yet against the tree", async () => {
    const dir = tree();
    const text = draft(dir, 2);
    const { client } = await start(dir);
    const published = await client.open(path.join(dir, TAKEN), text);
    expect(existsSync(path.join(dir, TAKEN))).toBe(false);
    const viaStdin = runCli(["--format", "json", "--now", FIXTURE_TODAY, "--stdin", "--stdin-filename", TAKEN], { cwd: dir, input: text });
    const cli = JSON.parse(viaStdin.stdout) as { files: { diagnostics: CliDiagnostic[] }[] };
    expect(published.diagnostics.map((d) => [d.range.start.line + 1, d.range.start.character + 1, d.code, d.message])).toEqual(
      cli.files[0]?.diagnostics.map((d) => [d.line, d.column, d.ruleId, d.message]),
    );
    expect(published.diagnostics.map((d) => d.code)).toContain("milestone-number-unique");
  });

  it("lints a tree without a config file with the profile the CLI picks there (a clean agentrules CLI tree: nothing)", async () => {
    const root = path.join(FIXTURES, "cli-trees", "complete-root");
    const milestone = path.join(root, ".agent/exec_plans/active/webhook-intake/milestones/active/MS002_retries.md");
    const { client } = await start(root);
    const opened = await client.open(milestone);
    expect(opened.diagnostics).toEqual([]);
    expect(cliDiagnostics(root, [path.relative(root, milestone)]).get(path.relative(root, milestone))).toEqual([]);
  });

  it("gives every diagnostic of the rule fixtures at the place the engine reports it", async () => {
    const root = path.join(FIXTURES, "rules");
    const cases = ruleCases().filter((c) => c.expected.config === undefined && (c.expected.now ?? FIXTURE_TODAY) === FIXTURE_TODAY);
    const files = cases.flatMap((c) =>
      [".agent", ".agents"]
        .filter((folder) => existsSync(path.join(c.dir, folder)))
        .flatMap((folder) => readdirSync(path.join(c.dir, folder), { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile() && e.name.endsWith(".md"))
        .map((e) => path.join(e.parentPath, e.name)),
    );
    expect(files.length).toBeGreaterThan(150);
    const { client } = await start(root);
    for (const file of files) await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: uriOf(file), languageId: "markdown", version: 1, text: readFileSync(file, "utf8") } });
    // a request answered once every pending lint has run: the publishes before it are the last ones
    await client.hover(files[0] as string, 0, 0);
    const engine = await lint({ cwd: root, patterns: files, now: FIXTURE_TODAY });
    const expected = new Map(engine.files.map((f) => [uriOf(path.resolve(root, f.file)), f.diagnostics]));
    let compared = 0;
    for (const file of files) {
      const last = client.published.get(uriOf(file))?.at(-1);
      const want = (expected.get(uriOf(file)) ?? []).map((d) => [d.line - 1, d.column - 1, d.endLine - 1, d.endColumn - 1, d.ruleId, d.severity === "error" ? 1 : 2, d.message]);
      expect(last?.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.code, d.severity, d.message]), file).toEqual(want);
      compared += want.length;
    }
    expect(compared).toBeGreaterThan(150);
  }, 60_000);

  it("offers the fixes of the whole file at once, as `source.fixAll.milestone-lint`", async () => {
    const dir = tree();
    const milestone = path.join(dir, MILESTONE);
    const { client } = await start(dir);
    const text = `\n\n${read(dir, MILESTONE).replace("ms: 2", 'ms: "2"')}`;
    const opened = await client.open(milestone, text);
    expect(opened.diagnostics.map((d) => d.code)).toEqual(["front-matter-first-byte", "front-matter-schema"]);
    const [all] = await client.codeActions(milestone, opened.diagnostics[0] as LspDiagnostic, ["source.fixAll"]);
    expect(all?.kind).toBe("source.fixAll.milestone-lint");
    const after = await client.applyWorkspaceEdit(all?.edit, milestone);
    expect(after.diagnostics).toEqual([]);
    expect(client.text(milestone)).toBe(read(dir, MILESTONE));
    // the fixed text equals what `--fix` writes
    const onDisk = tree({ [MILESTONE]: text });
    runCli(["--fix", "--now", FIXTURE_TODAY, MILESTONE], { cwd: onDisk });
    expect(read(onDisk, MILESTONE)).toBe(client.text(milestone));
  });

  it("disables a rule for a line or for the file with a comment that works", async () => {
    const dir = tree();
    const milestone = path.join(dir, MILESTONE);
    const { client } = await start(dir);
    const text = read(dir, MILESTONE).replace("status: in_progress", "status: doing").replace("- 2026-03-20 — Pagination", "- 2026-02-30 — Pagination");
    const opened = await client.open(milestone, text);
    const [status, changelog] = opened.diagnostics as [LspDiagnostic, LspDiagnostic];
    expect([status.code, changelog.code]).toEqual(["front-matter-schema", "changelog-entry"]);

    const titles = (await client.codeActions(milestone, status)).map((a) => a.title);
    // no comment can go inside the front matter: only the file-wide one is offered
    expect(titles).toEqual(["Disable front-matter-schema for this file"]);
    const lineActions = await client.codeActions(milestone, changelog);
    expect(lineActions.map((a) => a.title)).toEqual(["Disable changelog-entry for this line", "Disable changelog-entry for this file"]);
    const afterLine = await client.applyWorkspaceEdit(lineActions[0]?.edit, milestone);
    expect(afterLine.diagnostics.map((d) => d.code)).toEqual(["front-matter-schema"]);
    const [fileWide] = await client.codeActions(milestone, afterLine.diagnostics[0] as LspDiagnostic);
    const afterFile = await client.applyWorkspaceEdit(fileWide?.edit, milestone);
    expect(afterFile.diagnostics).toEqual([]);
    expect(client.text(milestone)).toContain('pr: ""\n---\n<!-- milestone-lint-disable-file front-matter-schema -->\n');
    expect(client.text(milestone)).toContain("<!-- milestone-lint-disable-next-line changelog-entry -->\n- 2026-02-30");
  });

  it("offers a suggested move as a file rename when the client can rename, and only then", async () => {
    const dir = tree();
    const milestone = path.join(dir, MILESTONE);
    const text = read(dir, MILESTONE).replace("status: in_progress", "status: archived");
    const target = path.join(dir, ".agent/exec_plans/search-index/milestones/archive/2026/11/25", path.basename(MILESTONE));

    const { client } = await start(dir, { capabilities: FULL_CAPABILITIES });
    const opened = await client.open(milestone, text);
    const misplaced = opened.diagnostics.find((d) => d.code === "status-matches-folder") as LspDiagnostic;
    const move = (await client.codeActions(milestone, misplaced)).find((a) => a.title.startsWith("Move"));
    expect(move?.title).toBe(`Move file to ${path.relative(dir, target)}`);
    expect(move?.edit?.documentChanges).toEqual([{ kind: "rename", oldUri: uriOf(milestone), newUri: uriOf(target), options: { overwrite: false, ignoreIfExists: false } }]);

    const { client: plain } = await start(dir);
    const again = await plain.open(milestone, text);
    const titles = (await plain.codeActions(milestone, again.diagnostics.find((d) => d.code === "status-matches-folder") as LspDiagnostic)).map((a) => a.title);
    expect(titles.some((t) => t.startsWith("Move"))).toBe(false);
  });

  it("shows the rule's description and documentation on hover", async () => {
    const dir = tree();
    const milestone = path.join(dir, MILESTONE);
    const { client } = await start(dir);
    await client.open(milestone, read(dir, MILESTONE).replace("status: in_progress", "status: doing"));
    const hover = await client.hover(milestone, 5, 10);
    expect(hover?.contents).toEqual({
      kind: "markdown",
      value:
        "**milestone-lint** `front-matter-schema` (error): Front matter has the required keys, with values of the right type, form and range\n\n" +
        "[Documentation](https://github.com/milestone-lint/milestone-lint/blob/main/docs/rules/front-matter-schema.md)",
    });
    expect(await client.hover(milestone, 1, 0)).toBeNull();
  });

  it("follows config files: created, changed, broken (one diagnostic and one message), mended", async () => {
    const dir = tree();
    const milestone = path.join(dir, MILESTONE);
    const { client } = await start(dir, { capabilities: FULL_CAPABILITIES });
    const opened = await client.open(milestone, read(dir, MILESTONE).replace("status: in_progress", "status: doing"));
    expect(opened.diagnostics.map((d) => d.code)).toEqual(["front-matter-schema"]);
    expect(client.registrations).toHaveLength(1);

    const config = path.join(dir, "milestone-lint.config.json");
    const notify = async (file: string) => {
      const next = client.nextPublish(milestone);
      await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(file), type: 1 }] });
      return next;
    };
    writeFileSync(config, json({ rules: { "front-matter-schema": "warn" } }));
    expect((await notify(config)).diagnostics.map((d) => [d.code, d.severity])).toEqual([["front-matter-schema", 2]]);

    writeFileSync(config, "{ not json");
    const broken = await notify(config);
    expect(broken.diagnostics.map((d) => [d.range.start.line, d.code, d.severity])).toEqual([[0, "cannot-lint", 1]]);
    expect(broken.diagnostics[0]?.message).toMatch(/^milestone-lint cannot lint this file: milestone-lint\.config\.json: invalid JSON at line 1, column 3/);
    expect(client.messages.map((m) => m.message)).toEqual([expect.stringMatching(/^milestone-lint cannot lint: milestone-lint\.config\.json: invalid JSON/)]);
    // still serving
    expect(await client.hover(milestone, 0, 0)).toBeNull();

    writeFileSync(config, json({ rules: { "front-matter-schema": "off" } }));
    expect((await notify(config)).diagnostics).toEqual([]);
  });

  it("notices config files written when the client cannot watch files: at the next edit, or within seconds", async () => {
    const dir = tree();
    const milestone = path.join(dir, MILESTONE);
    const { client } = await start(dir);
    const text = read(dir, MILESTONE).replace("status: in_progress", "status: doing");
    expect((await client.open(milestone, text)).diagnostics).toHaveLength(1);
    write(dir, "milestone-lint.config.json", json({ rules: { "front-matter-schema": "off" } }));
    expect((await client.change(milestone, `${text}\n`)).diagnostics).toEqual([]);
    const republished = client.nextPublish(milestone);
    write(dir, "milestone-lint.config.json", json({ rules: { "front-matter-schema": "warn" } }));
    expect((await republished).diagnostics.map((d) => [d.code, d.severity])).toEqual([["front-matter-schema", 2]]);
  });

  it("keeps serving when a plugin rule throws: one internal-error diagnostic", async () => {
    const dir = tree({
      "boom.mjs": `export const rules = [{ meta: { id: "boom", description: "throws", severity: "error", appliesTo: ["milestone"], docsUrl: "https://example.test" }, check() { throw new Error("kaboom"); } }];`,
      "milestone-lint.config.json": json({ plugins: ["./boom.mjs"] }),
    });
    const milestone = path.join(dir, MILESTONE);
    const { client } = await start(dir);
    const opened = await client.open(milestone);
    expect(opened.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["boom", 'Plugin rule "boom" (from "./boom.mjs") crashed on this file (kaboom). The other rules still ran; report this to the plugin\'s author.'],
    ]);
    const plan = path.join(dir, EXECPLAN);
    expect((await client.open(plan)).diagnostics).toEqual([]);
    expect(await client.stop()).toBe(0);
  });
});

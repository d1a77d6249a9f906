/** The `git mv` suggestions: paths shown relative to the working directory, quoted for the shell when needed. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { displayPathOf, gitMv, gitMvPath, parseGitMv } from "../src/tree/git-mv.js";
import { classify } from "../src/tree/place.js";
import type { SourceFile } from "../src/shared/types.js";

function file(abs: string, displayPath: string): SourceFile {
  const place = classify(abs);
  if (!place) throw new Error(abs);
  return { path: abs, displayPath, text: "", place };
}

const ACTIVE = "/r/.agent/exec_plans/p/milestones/active/EP-20260117-014_MS003_x.md";
const ARCHIVED = "/r/.agent/exec_plans/p/milestones/archive/2026/01/20/EP-20260117-014_MS003_x.md";

describe("git mv suggestions", () => {
  it("renames in place without mkdir", () => {
    const f = file(ACTIVE, ".agent/exec_plans/p/milestones/active/EP-20260117-014_MS003_x.md");
    expect(gitMv(f, "/r/.agent/exec_plans/p/milestones/active/EP-20260117-014_MS004_x.md")).toBe(
      "git mv -- .agent/exec_plans/p/milestones/active/EP-20260117-014_MS003_x.md .agent/exec_plans/p/milestones/active/EP-20260117-014_MS004_x.md",
    );
  });

  it("creates the target folder of a move", () => {
    const f = file(ACTIVE, "milestones/active/EP-20260117-014_MS003_x.md");
    expect(gitMv(f, ARCHIVED)).toBe(
      "mkdir -p -- milestones/archive/2026/01/20 && git mv -- milestones/active/EP-20260117-014_MS003_x.md milestones/archive/2026/01/20/EP-20260117-014_MS003_x.md",
    );
  });

  it("shows the target relative to the working directory, wherever that is", () => {
    expect(displayPathOf(file(ARCHIVED, "EP-20260117-014_MS003_x.md"), ACTIVE)).toBe("../../../../active/EP-20260117-014_MS003_x.md");
    expect(displayPathOf(file(ACTIVE, "../../p/milestones/active/EP-20260117-014_MS003_x.md"), ARCHIVED)).toBe(
      "../../p/milestones/archive/2026/01/20/EP-20260117-014_MS003_x.md",
    );
  });

  it("quotes paths the shell would split", () => {
    const abs = "/r/.agent/exec_plans/p/milestones/active/EP-20260117-014_MS003_it's here.md";
    const f = file(abs, ".agent/exec_plans/p/milestones/active/EP-20260117-014_MS003_it's here.md");
    expect(gitMv(f, "/r/.agent/exec_plans/p/milestones/active/EP-20260117-014_MS003_its-here.md")).toBe(
      "git mv -- '.agent/exec_plans/p/milestones/active/EP-20260117-014_MS003_it'\\''s here.md' .agent/exec_plans/p/milestones/active/EP-20260117-014_MS003_its-here.md",
    );
  });

  it("ends the options with `--`, so that git and mkdir take a name starting with `-` for a path", () => {
    const f = { path: "/r/.agent/exec_plans/p/milestones/active/-f.md", displayPath: "-f.md" };
    expect(gitMv(f, "/r/.agent/exec_plans/p/milestones/archive/2026/01/20/-v.md")).toBe("mkdir -p -- ../archive/2026/01/20 && git mv -- -f.md ../archive/2026/01/20/-v.md");
  });

  it("writes a name with a line break or another control character as $'…', so that the command stays one line", () => {
    const f = { path: "/r/.agent/exec_plans/p/milestones/active/a\nb.md", displayPath: "a\nb.md" };
    const command = gitMv(f, "/r/.agent/exec_plans/p/milestones/active/it's\x1b[2J\\.md");
    expect(command).toBe("git mv -- $'a\\nb.md' $'it\\'s\\x1b[2J\\\\.md'");
    expect(command).not.toMatch(/[\n\x1b]/);
    expect(parseGitMv(command)).toEqual({ from: "a\nb.md", to: "it's\x1b[2J\\.md" });
  });

  it("gives commands git and mkdir run as they are (bytes on disk)", () => {
    const repo = mkdtempSync(path.join(tmpdir(), "milestone-lint-git-mv-"));
    try {
      execFileSync("git", ["init", "-q", repo]);
      const names = ["-f.md", "a\nb.md", "it's here.md"];
      for (const name of names) writeFileSync(path.join(repo, name), name);
      execFileSync("git", ["-C", repo, "add", "--", ...names]);
      const root = path.join(repo, ".agent/exec_plans/p/milestones/active");
      for (const [i, name] of names.entries()) {
        const f = { path: path.join(root, name), displayPath: name };
        execFileSync("bash", ["-c", gitMv(f, path.join(root, "-moved", `-${i}\n.md`))], { cwd: repo });
      }
      expect(readdirSync(path.join(repo, "-moved")).sort()).toEqual(["-0\n.md", "-1\n.md", "-2\n.md"]);
      expect(readFileSync(path.join(repo, "-moved", "-1\n.md"), "utf8")).toBe("a\nb.md");
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it("reads back the paths of every move it suggests (the language server offers them as renames)", () => {
    const quoted = file("/r/.agent/exec_plans/p/milestones/active/EP-20260117-014_MS003_it's here.md", "a b/EP-20260117-014_MS003_it's here.md");
    const plain = file(ACTIVE, "milestones/active/EP-20260117-014_MS003_x.md");
    expect(parseGitMv(gitMv(quoted, "/r/.agent/exec_plans/p/milestones/active/x y.md"))).toEqual({ from: "a b/EP-20260117-014_MS003_it's here.md", to: "a b/x y.md" });
    expect(parseGitMv(gitMv(plain, ARCHIVED))).toEqual({
      from: "milestones/active/EP-20260117-014_MS003_x.md",
      to: "milestones/archive/2026/01/20/EP-20260117-014_MS003_x.md",
    });
    expect(parseGitMv(gitMvPath(plain, "/r/.agent/exec_plans/p", "/r/.agent/exec_plans/complete/2026/01/20/p"))).toEqual({
      from: ".",
      to: "../complete/2026/01/20/p",
    });
    expect(parseGitMv("git rm milestones/active/x.md")).toBeUndefined();
    expect(parseGitMv("git mv a")).toBeUndefined();
  });
});

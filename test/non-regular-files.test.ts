/**
 * Every file the tool reads goes through one reader (src/source/read-file.ts): a
 * named pipe or a link to a device is refused with a sentence, never waited on or
 * read until memory runs out, and no file is read past its cap. Through the built
 * CLI, whose runs time out (and fail) after 60 s.
 */
import { afterAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readBounded, readStart, readTextBounded } from "../src/source/read-file.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_TODAY } from "./helpers/fixtures.js";
import { EXECPLAN, MILESTONE, json, removeTrees, tree, write } from "./helpers/tree.js";

afterAll(removeTrees);

const mkfifo = (file: string) => execFileSync("mkfifo", [file]);
const lint = (dir: string, ...args: string[]) => runCli(["--now", FIXTURE_TODAY, ...args], { cwd: dir });

describe("the one reader", () => {
  it("refuses a named pipe and a device without waiting on them, and reads no further than its cap", () => {
    const dir = tree();
    mkfifo(path.join(dir, "pipe"));
    expect(() => readBounded(path.join(dir, "pipe"), 100)).toThrow("it is a named pipe, not a regular file");
    expect(() => readBounded("/dev/zero", 100)).toThrow("it is a device, not a regular file");
    expect(() => readBounded(dir, 100)).toThrow("it is a folder, not a regular file");
    expect(() => readBounded(path.join(dir, "none"), 100)).toThrow("it does not exist");
    write(dir, "big", "x".repeat(2000));
    expect(() => readBounded(path.join(dir, "big"), 1024)).toThrow("it is 2 KiB, over the 1 KiB that is read");
    expect(readBounded(path.join(dir, "big"), 2000).length).toBe(2000);
    expect(readStart(path.join(dir, "big"), 3).toString()).toBe("xxx");
    write(dir, "bom", "\uFEFF{}");
    expect(readTextBounded(path.join(dir, "bom"), 10)).toBe("{}");
  });

  it("reads a file that says it is empty (as /proc files do) only up to its cap", () => {
    expect(() => readBounded("/proc/self/maps", 16)).toThrow(/over the 1 KiB that is read/);
  });
});

describe("configuration files that are not regular files end the run at once, with the file and the reason", () => {
  it.each([
    [".gitignore, a named pipe", ".gitignore", "fifo", "it is a named pipe, not a regular file"],
    [".gitignore, a link to /dev/zero", ".gitignore", "/dev/zero", "it is a device, not a regular file"],
    ["a config file, a named pipe", "milestone-lint.config.json", "fifo", "it is a named pipe, not a regular file"],
    ["a config module, a named pipe", "milestone-lint.config.mjs", "fifo", "it is a named pipe, not a regular file"],
    ["a config file, a link to /dev/zero", ".milestonelintrc.json", "/dev/zero", "it is a device, not a regular file"],
  ])("%s", (_name, file, kind, reason) => {
    const dir = tree();
    if (kind === "fifo") mkfifo(path.join(dir, file));
    else symlinkSync(kind, path.join(dir, file));
    const r = lint(dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const shown = file === ".gitignore" ? path.join(dir, file) : file;
    expect(r.stderr).toMatch(new RegExp(`^milestone-lint: ${shown.replace(/[.]/g, "\\.")}:? cannot be (read|loaded) \\(${reason}\\)`));
  });

  it("a schema file that is a named pipe, a device, or too large", () => {
    const dir = tree();
    mkfifo(path.join(dir, "pipe.json"));
    write(dir, "big.json", `{"x": "${"x".repeat(2 * 1024 * 1024)}"}`);
    for (const [schema, reason] of [
      ["./pipe.json", "it is a named pipe, not a regular file"],
      ["/dev/zero", "it is a device, not a regular file"],
      ["./big.json", "it is 2.0 MiB, over the 1.0 MiB that is read"],
    ]) {
      write(dir, "milestone-lint.config.json", json({ schema: { milestone: schema } }));
      const r = lint(dir);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`milestone-lint: milestone-lint.config.json: schema file "${schema}" cannot be read (${reason})\n`);
    }
  });

  it("a schema path to a file that is not JSON says where, not what it holds (it printed a system file's first bytes)", () => {
    const dir = tree({ "secret.txt": "root:x:0:0:root:/root:/bin/bash\n" });
    write(dir, "milestone-lint.config.json", json({ schema: { milestone: "./secret.txt" } }));
    const r = lint(dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('milestone-lint: milestone-lint.config.json: schema file "./secret.txt" is not valid JSON (at line 1, column 1: expected a value but found `r`)\n');
    expect(r.stderr).not.toContain("root:x");
  });

  it("a plugin that is a named pipe", () => {
    const dir = tree({ "milestone-lint.config.json": json({ plugins: ["./plugin.mjs"] }) });
    mkfifo(path.join(dir, "plugin.mjs"));
    const r = lint(dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('milestone-lint: milestone-lint.config.json: plugin "./plugin.mjs" cannot be loaded (it is a named pipe, not a regular file)\n');
  });

  it("a package.json that is a named pipe is not a config of ours: the run goes on", () => {
    const dir = tree();
    mkfifo(path.join(dir, "package.json"));
    const r = lint(dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("files of the tree that are not regular files are reported on, and the rest linted", () => {
  it("a registry.json that is a named pipe, and a milestone that links to /dev/zero", () => {
    const dir = tree();
    mkfifo(path.join(dir, ".agent/exec_plans/registry.json"));
    const zero = MILESTONE.replace("MS002_ranked-search-api", "MS003_zero");
    symlinkSync("/dev/zero", path.join(dir, zero));
    const r = lint(dir, "--format", "json");
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { files: { file: string; diagnostics: { ruleId: string; line: number; message: string }[] }[] };
    const of = (file: string) => out.files.find((f) => f.file === file)?.diagnostics.map((d) => [d.ruleId, d.line, d.message]);
    expect(of(".agent/exec_plans/registry.json")).toEqual([
      ["registry-in-sync", 1, "File is a named pipe, not a regular file; it is not read. It is generated from the plans' front matter: rebuild it (`agentrules execplan-registry update`)."],
    ]);
    // a link out of the exec_plans folder is refused before what it points to is looked at
    expect(of(zero)?.[0]?.[2]).toMatch(/^File is a symlink to "\/dev\/zero", outside the exec_plans folder/);
    expect(of(EXECPLAN)).toEqual([]);
    expect(readFileSync(path.join(dir, MILESTONE), "utf8")).toContain("Ranked search API");
  });
});

describe("the cache file", () => {
  it("a named pipe or a link at its place is refused, never read, waited on or written through", () => {
    const dir = tree();
    mkfifo(path.join(dir, ".milestonelintcache"));
    const pipe = lint(dir, "--cache");
    expect(pipe.status).toBe(2);
    expect(pipe.stderr).toBe(
      `milestone-lint: The cache file ${path.join(dir, ".milestonelintcache")} is a named pipe, not a cache file; milestone-lint neither reads nor overwrites it. Remove it, or give --cache-location another file.\n`,
    );
    const target = path.join(dir, "elsewhere.json");
    writeFileSync(target, "{}");
    symlinkSync(target, path.join(dir, "link.json"));
    const link = lint(dir, "--cache", "--cache-location", "link.json");
    expect(link.status).toBe(2);
    expect(link.stderr).toBe(
      `milestone-lint: The cache file ${path.join(dir, "link.json")} is a symlink (a cache is never written through a link); milestone-lint neither reads nor overwrites it. Remove it, or give --cache-location another file.\n`,
    );
    expect(readFileSync(target, "utf8")).toBe("{}");
  });
});

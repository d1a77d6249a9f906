/**
 * The package as npm ships it (issue 13, items 6, 7 and 10): the packed tarball
 * passes @arethetypeswrong/cli and publint (offline), holds the docs and the
 * licence, its types promise only what runs (ESM: a CommonJS import fails the type
 * check as it fails at run time), the README's plugin example passes
 * `tsc --checkJs --strict`, and package-lock.json agrees with package.json, so
 * that `npm install` on a fresh clone leaves the checkout clean.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO } from "./helpers/fixtures.js";
import { builtinRules } from "../rules/index.js";

const pkg = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as Record<string, unknown>;

let work: string;
let tarball: string;
/** The tarball unpacked as a dependency of a scratch project whose other dependencies are the repository's. */
let consumer: string;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-pack-"));
  // dist/ is built by `npm test` before vitest runs: pack it as it is, without running the build again
  const packed = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: REPO, encoding: "utf8" })) as { filename: string }[];
  tarball = path.join(work, packed[0]?.filename ?? "");
  consumer = path.join(work, "consumer");
  const modules = path.join(consumer, "node_modules");
  mkdirSync(path.join(modules, "milestone-lint"), { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", path.join(modules, "milestone-lint"), "--strip-components=1"]);
  for (const name of readdirSync(path.join(REPO, "node_modules"))) {
    if (name.startsWith(".") || name === "milestone-lint") continue;
    symlinkSync(path.join(REPO, "node_modules", name), path.join(modules, name));
  }
  writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function tsc(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(REPO, "node_modules/typescript/bin/tsc"), "--noEmit", "--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", ...args], {
    cwd: consumer,
    encoding: "utf8",
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("the packed tarball", () => {
  it("passes @arethetypeswrong/cli (ESM only, without fetching @types)", () => {
    const r = spawnSync(process.execPath, [path.join(REPO, "node_modules/@arethetypeswrong/cli/dist/index.js"), tarball, "--profile", "esm-only", "--no-definitely-typed", "--format", "ascii", "--no-color", "--no-emoji"], {
      encoding: "utf8",
    });
    const output = `${r.stdout}${r.stderr}`;
    expect(r.status, output).toBe(0);
    expect(output).toContain('"milestone-lint"\n\nnode16 (from ESM): OK (ESM)\nbundler: OK \n');
  });

  it("passes publint, strict", async () => {
    const { publint } = await import("publint");
    const { formatMessage } = await import("publint/utils");
    const bytes = readFileSync(tarball);
    const { messages, pkg: manifest } = await publint({ pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }, strict: true, level: "suggestion" });
    expect(messages.map((m) => formatMessage(m, manifest))).toEqual([]);
  });

  it("holds the docs the messages point to, and the licence", () => {
    const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n");
    for (const file of ["package/LICENSE", "package/docs/format.md", "package/README.md", "package/dist/cli.cjs", "package/schemas/config.schema.json"]) expect(files).toContain(file);
    // every rule's docsUrl names a page the package holds
    for (const rule of builtinRules) {
      const page = /\/(docs\/rules\/[a-z-]+\.md)$/.exec(rule.meta.docsUrl)?.[1];
      expect(page, rule.meta.docsUrl).toBeDefined();
      expect(files).toContain(`package/${page}`);
    }
    expect(readFileSync(path.join(REPO, "LICENSE"), "utf8")).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} the milestone-lint authors\n/);
    expect(pkg.license).toBe("MIT");
  });
});

describe("the types", () => {
  it("an ES module imports the API and type-checks", () => {
    writeFileSync(path.join(consumer, "use.mts"), `import { lint } from "milestone-lint";\nconst result = await lint({ patterns: [] });\nexport const count: number = result.errorCount;\n`);
    expect(tsc("use.mts")).toEqual({ status: 0, output: "" });
  });

  it("a CommonJS file does not type-check an import that fails at run time", () => {
    writeFileSync(path.join(consumer, "use.cts"), `import { lint } from "milestone-lint";\nexport const run = lint;\n`);
    writeFileSync(path.join(consumer, "use.cjs"), `require("milestone-lint");\n`);
    const run = spawnSync(process.execPath, ["use.cjs"], { cwd: consumer, encoding: "utf8" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("ERR_PACKAGE_PATH_NOT_EXPORTED");
    const checked = tsc("use.cts");
    expect(checked.status).not.toBe(0);
    expect(checked.output).toContain("use.cts(1,22)");
  });

  it("the README's plugin example passes tsc --checkJs --strict", () => {
    const readme = readFileSync(path.join(REPO, "README.md"), "utf8");
    const block = /```js\n(\/\*\* @type \{import\("milestone-lint"\)\.FileRule[\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    writeFileSync(path.join(consumer, "plugin.mjs"), block as string);
    expect(tsc("--allowJs", "--checkJs", "plugin.mjs")).toEqual({ status: 0, output: "" });
    // the example in the repository is the README's, comments aside
    const code = (text: string) => text.replace(/\/\*\*(?!\s*@type)[\s\S]*?\*\/\n|^\s*\/\/.*\n/gm, "").trim();
    expect(code(readFileSync(path.join(REPO, "examples/plugins/require-tags.mjs"), "utf8"))).toBe(code(block as string));
  });
});

describe("package-lock.json", () => {
  it("agrees with package.json, so that npm install rewrites nothing", () => {
    const lock = JSON.parse(readFileSync(path.join(REPO, "package-lock.json"), "utf8")) as { name: string; version: string; packages: Record<string, Record<string, unknown>> };
    const root = lock.packages[""] ?? {};
    expect({ name: lock.name, version: lock.version }).toEqual({ name: pkg.name, version: pkg.version });
    for (const key of ["name", "version", "license", "bin", "engines", "dependencies", "devDependencies"]) expect(root[key], key).toEqual(pkg[key]);
  });
});

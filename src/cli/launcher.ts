/**
 * The `milestone-lint` command (dist/cli.cjs): runs the bundled CLI, dist/cli-main.cjs,
 * with the V8 code cache that `npm run build` writes beside it. With the cache, V8
 * neither parses the bundle nor compiles the functions a run uses (about 90 ms of a
 * one-file run's 330 ms here; Node 20 has no `module.enableCompileCache()`).
 * The cache only helps: V8 rejects one written by another Node version or with other
 * flags, and the bundle is then compiled as usual.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { setFlagUnlessGiven } from "../shared/node-flags.js";
import vm from "node:vm";

/**
 * How far V8 lets a heap grow past what its last full collection kept, in percent
 * (set for every thread of the run). V8's own factor goes up to 4 for a program that
 * allocates fast: a whole-tree run of 10 000 milestones, whose threads parse and drop
 * a syntax tree per file, peaked at ≈ 510 MiB, most of it garbage not yet collected;
 * with 100 (a factor of 2), ≈ 375 MiB for the same CPU time (bench/RESULTS.md). Set
 * before the bundle is compiled, as in the build's training run, so that the code
 * cache (whose check covers V8's flags) still fits. A value given to Node wins.
 */
const HEAP_GROWING_PERCENT = 100;
setFlagUnlessGiven(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);

const bundle = path.join(__dirname, "cli-main.cjs");
const cacheFile = `${bundle}.v8cache`;

let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // no cache (a build that did not write one): compile as usual
}

function start(): void {
  // the bundle's function takes CommonJS's arguments and `__import`, this file's import(), for
  // config files and plugins (src/shared/import-module.ts): code from a code cache cannot call import()
  const wrapped = `(function (exports, require, module, __filename, __dirname, __import) {${readFileSync(bundle, "utf8")}\n})`;
  const script = new vm.Script(wrapped, { filename: bundle, cachedData });

  // `write`: the build's training run; the cache then holds every function the run compiled.
  // `report`: says on stderr whether V8 took the cache (a test checks that it does).
  const mode = process.env.MILESTONE_LINT_CODE_CACHE;
  if (mode === "write") process.on("exit", () => writeFileSync(cacheFile, script.createCachedData()));
  if (mode === "report") process.stderr.write(`code cache: ${cachedData === undefined ? "missing" : script.cachedDataRejected ? "rejected" : "used"}\n`);

  const module = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(bundle), module, bundle, __dirname, (url: string) => import(url));
}

try {
  start();
} catch (error) {
  // a broken install (the bundle missing or damaged): exit 2, "could not do its job", not a stack and 1
  process.stderr.write(`milestone-lint: internal error: cannot start (${error instanceof Error ? error.message.split("\n")[0] : String(error)}); reinstall milestone-lint\n`);
  process.exitCode = 2;
}

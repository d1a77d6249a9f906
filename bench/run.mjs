// `npm run bench`: generates seeded exec_plans trees of 1, 1 000 and 10 000
// milestones under bench/.work/ (git-ignored) and times, on the same files and
// interleaved run by run: `node -e ''`, reading every file, markdownlint-cli2
// (default rules), a single-threaded read + remark + yaml + ajv loop, and
// milestone-lint cold, with --cache cold and with --cache warm (the default
// strategy, metadata, and --cache-strategy content). In the trees of more than one
// milestone, the pre-commit case too: one staged milestone judged against the whole
// tree, without a cache, with a warm one, and with a warm one after the staged file was
// saved again (its times set to now; run after every other command, as it changes the
// tree). Medians, ratios and peak RSS go to
// bench/RESULTS.md (or stdout only in quick mode).
//
// BENCH_QUICK=1: sizes 1 and 200, 3 runs, nothing written. BENCH_RUNS=n: runs per size
// (default 5); BENCH_RUNS_LARGE=n: runs on 10 000 files (default 2: markdownlint-cli2
// and the remark loop take minutes there). BENCH_SIZES=1,1000: only these sizes (the
// tables then have no row for the others).
//
// With the 1 000-milestone tree (or BENCH_ONLY=lsp, which runs nothing else), the
// language server's latency is measured too (bench/lsp-latency.mjs): didChange to
// publishDiagnostics for one milestone, over 200 edits, beside the CLI on that file.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateTree } from "./generate.mjs";
import { measureLatency } from "./lsp-latency.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.dirname(HERE);
const WORK = path.join(HERE, ".work");
const QUICK = process.env.BENCH_QUICK === "1";
const SIZES = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(",").map(Number) : QUICK ? [1, 200] : [1, 1000, 10000];
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 3 : 5));
const RUNS_LARGE = Number(process.env.BENCH_RUNS_LARGE ?? 2);
const runsFor = (size) => (size >= 10000 ? RUNS_LARGE : RUNS);
const NOW = "2026-11-25";
const BUILT = path.join(REPO, "dist");
/** A copy of the build, so that rebuilding while the benchmark runs does not change what it measures. */
const CLI = path.join(WORK, "dist/cli.cjs");
const MDL = path.join(REPO, "node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs");
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

if (!existsSync(path.join(BUILT, "cli.cjs"))) {
  console.error("bench: dist/cli.cjs is missing; run `npm run build` first.");
  process.exit(2);
}
rmSync(path.dirname(CLI), { recursive: true, force: true });
cpSync(BUILT, path.dirname(CLI), { recursive: true });

/** Runs one command; wall time in ms and, where /usr/bin/time exists, CPU time (user + system, ms) and peak RSS in MiB. */
function measure(args, cwd) {
  const argv = TIME ? [TIME, "-f", "%M %U %S", process.execPath, ...args] : [process.execPath, ...args];
  const start = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = performance.now() - start;
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  const [kb, user, system] = TIME ? r.stderr.trim().split("\n").at(-1).split(" ").map(Number) : [NaN, NaN, NaN];
  return { ms, cpuMs: (user + system) * 1000, rssMiB: kb / 1024, stdout: r.stdout };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const ONLY_LSP = process.env.BENCH_ONLY === "lsp";
const EDITS = 200;

const results = [];
for (const size of ONLY_LSP ? [] : SIZES) {
  const root = path.join(WORK, `tree-${size}`);
  const files = generateTree(root, size, 20261125);
  // each tree stands for a repository of its own: without this, the tree would sit under this
  // repository's .gitignore (bench/.work/) and milestone-lint would leave every file out
  mkdirSync(path.join(root, ".git"), { recursive: true });
  // one file: the pre-commit case lints the staged file by path; else the whole tree
  const target = size === 1 ? path.relative(root, files[0]) : ".agent";
  const cache = path.join(root, ".milestonelintcache");
  const contentCache = path.join(root, ".milestonelintcache-content");
  // the pre-commit case in a large tree: one milestone from the middle of the tree, with a cache of its own
  const staged = path.relative(root, files[Math.floor(files.length / 2)]);
  const oneCache = path.join(root, ".milestonelintcache-one");
  const commands = {
    node: { args: ["-e", ""] },
    read: { args: [path.join(HERE, "floor-read.mjs"), target] },
    markdownlint: { args: [MDL, size === 1 ? target : ".agent/**/*.md"] },
    pipeline: { args: [path.join(HERE, "floor-pipeline.mjs"), target] },
    cold: { args: [CLI, "--now", NOW, target] },
    cacheCold: { args: [CLI, "--now", NOW, "--cache", target], before: () => rmSync(cache, { force: true }) },
    cacheWarm: { args: [CLI, "--now", NOW, "--cache", target], fill: "cacheCold" },
    contentWarm: { args: [CLI, "--now", NOW, "--cache", "--cache-strategy", "content", "--cache-location", contentCache, target], fill: "self" },
    ...(size > 1
      ? {
          oneCold: { args: [CLI, "--now", NOW, staged] },
          oneWarm: { args: [CLI, "--now", NOW, "--cache", "--cache-location", oneCache, staged], fill: "self" },
          // the hook's usual case: the staged file saved since the cache was written (here its times only, so that
          // the output stays the same), which the cache's whole-run results cannot answer
          oneTouched: {
            args: [CLI, "--now", NOW, "--cache", "--cache-location", `${oneCache}-touched`, staged],
            fill: "self",
            before: () => utimesSync(path.join(root, staged), new Date(), new Date()),
            changesTree: true,
          },
        }
      : {}),
  };
  const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  const cpu = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  const rss = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  const outputs = {};
  // the commands that change the tree run after all the others
  const passes = [Object.entries(commands).filter(([, c]) => !c.changesTree), Object.entries(commands).filter(([, c]) => c.changesTree)];
  // a warm cache is the one the same command left (or, for the default location, the cold --cache run); a
  // pass's caches are filled before it measures anything, twice: the first round creates every cache file in
  // the tree's root, the second keeps each run's whole result with the root as it will stay (a whole-run result is
  // replayed only while the folder of its cache holds the same names, src/run/verdict.ts)
  const fill = (pass) => {
    const own = pass.filter(([, c]) => c.fill === "self");
    for (let round = 0; round < 2 && own.length > 0; round++) {
      if (pass.some(([, c]) => c.fill === "cacheCold") && !existsSync(cache)) measure(commands.cacheCold.args, root);
      for (const [, c] of own) {
        c.before?.();
        measure(c.args, root);
      }
    }
  };
  for (const pass of passes) for (let run = 0; run < runsFor(size); run++) {
    if (run === 0) fill(pass);
    for (const [name, c] of pass) {
      c.before?.();
      if (c.fill === "cacheCold" && !existsSync(cache)) measure(commands.cacheCold.args, root);
      const m = measure(c.args, root);
      times[name].push(m.ms);
      cpu[name].push(m.cpuMs);
      rss[name].push(m.rssMiB);
      outputs[name] = m.stdout;
      process.stderr.write(`${size} files, run ${run + 1}: ${name} ${m.ms.toFixed(0)} ms\n`);
    }
  }
  // the cache must not change what is reported
  if ([outputs.cacheCold, outputs.cacheWarm, outputs.contentWarm].some((o) => o !== outputs.cold)) throw new Error(`--cache changed the output on ${size} files`);
  if ([outputs.oneWarm, outputs.oneTouched].some((o) => o !== outputs.oneCold)) throw new Error(`--cache changed the output of the one staged file in ${size} files`);
  const diagnostics = (outputs.cold.match(/ error /g) ?? []).length;
  // every generated tree of more than one file has broken milestones: no report means no file was linted
  if (size > 1 && diagnostics === 0) throw new Error(`milestone-lint reported nothing on ${size} files: were they left out?`);
  results.push({
    size,
    runs: runsFor(size),
    bytes: files.reduce((n, f) => n + readFileSync(f).length, 0),
    diagnostics,
    ms: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])),
    cpu: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, median(v)])),
    rss: Object.fromEntries(Object.entries(rss).map(([k, v]) => [k, Math.max(...v)])),
  });
  // written after every size, so that a long run interrupted on 10 000 files keeps the others
  report(results, size === SIZES.at(-1));
}

/** Renders the tables; writes bench/RESULTS.md unless in quick mode, prints them after the last size. */
function report(results, last) {
  const f0 = (n) => (Number.isFinite(n) ? n.toFixed(0) : "–");
  const f2 = (n) => (Number.isFinite(n) ? n.toFixed(2) : "–");
  const rows = results.map((r) => {
    const m = r.ms;
    const c = r.cpu;
    return {
      ...r,
      ratios: { startup: m.cold / m.node, vsMdl: m.markdownlint / m.cold, vsPipeline: m.cold / m.pipeline, warm: m.cacheWarm / m.cold },
      cpuRatios: { startup: c.cold / c.node, vsMdl: c.markdownlint / c.cold, vsPipeline: c.cold / c.pipeline, warm: c.cacheWarm / c.cold },
    };
  });
  const cpus = os.cpus();
  const lines = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.`,
    "",
    `Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}. Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(", ")} (the machine is shared: other processes ran during the benchmark).`,
    "",
    "Trees from bench/generate.mjs (seed 20261125): plans of 5–20 milestones, every template section filled, about 4 % of milestones broken in the front matter. The one-file case lints one milestone by path (the pre-commit case).",
    "",
    "## Wall time, median (ms)",
    "",
    "| Milestones | Runs | Size | `node -e ''` | read every file | markdownlint-cli2 | read+remark+yaml+ajv loop | milestone-lint | `--cache` cold | `--cache` warm |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map((r) => `| ${r.size} | ${r.runs} | ${r.bytes < 2 ** 20 ? `${(r.bytes / 1024).toFixed(1)} KiB` : `${(r.bytes / 2 ** 20).toFixed(1)} MiB`} | ${f0(r.ms.node)} | ${f0(r.ms.read)} | ${f0(r.ms.markdownlint)} | ${f0(r.ms.pipeline)} | ${f0(r.ms.cold)} | ${f0(r.ms.cacheCold)} | ${f0(r.ms.cacheWarm)} |`),
    "",
    "## CPU time (user + system, all threads), median (ms)",
    "",
    "On a shared machine wall time includes waiting for a core; CPU time does not, but it counts the work of every thread, so parallel runs show their total work here.",
    "",
    "| Milestones | `node -e ''` | read every file | markdownlint-cli2 | read+remark+yaml+ajv loop | milestone-lint | `--cache` cold | `--cache` warm |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map((r) => `| ${r.size} | ${f0(r.cpu.node)} | ${f0(r.cpu.read)} | ${f0(r.cpu.markdownlint)} | ${f0(r.cpu.pipeline)} | ${f0(r.cpu.cold)} | ${f0(r.cpu.cacheCold)} | ${f0(r.cpu.cacheWarm)} |`),
    "",
    "## Ratios (wall time; CPU time in brackets)",
    "",
    "| Milestones | milestone-lint ÷ `node -e ''` | markdownlint-cli2 ÷ milestone-lint | milestone-lint ÷ remark loop | warm `--cache` ÷ cold |",
    "| ---: | ---: | ---: | ---: | ---: |",
    ...rows.map((r) => {
      const [w, c] = [r.ratios, r.cpuRatios];
      return `| ${r.size} | ${f2(w.startup)}× (${f2(c.startup)}×) | ${f2(w.vsMdl)}× (${f2(c.vsMdl)}×) | ${f2(w.vsPipeline)}× (${f2(c.vsPipeline)}×) | ${f0(w.warm * 100)} % (${f0(c.warm * 100)} %) |`;
    }),
    "",
    "## Where users wait: the pre-commit case and warm runs",
    "",
    "Median wall time in ms, and its ratio to `node -e ''` in the same runs (CPU time in brackets). The staged file is one milestone from the middle of the tree, linted by path and judged against the whole tree; `--cache` warm is the cache the same command left, in a tree unchanged since; \"staged file saved\" is that cache after the staged file's times were set to now (a hook's usual case: the file changed). The whole tree cold is compared with markdownlint-cli2 (how many times faster).",
    "",
    "| Milestones | one staged file, no cache | one staged file, warm `--cache` | one staged file saved, warm `--cache` | whole tree, warm `--cache` (metadata) | whole tree, warm `--cache-strategy content` | whole tree cold, × faster than markdownlint-cli2 |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map((r) => {
      const m = r.ms;
      const c = r.cpu;
      const ratio = (k) => (Number.isFinite(m[k]) ? `${f0(m[k])} (${f2(m[k] / m.node)}×; CPU ${f2(c[k] / c.node)}×)` : "–");
      return `| ${r.size} | ${ratio("oneCold")} | ${ratio("oneWarm")} | ${ratio("oneTouched")} | ${ratio("cacheWarm")} | ${ratio("contentWarm")} | ${f2(m.markdownlint / m.cold)}× (CPU ${f2(c.markdownlint / c.cold)}×) |`;
    }),
    "",
    "## Peak memory (RSS, MiB, highest of the runs)",
    "",
    "| Milestones | `node -e ''` | markdownlint-cli2 | remark loop | milestone-lint | `--cache` cold | `--cache` warm | `--cache-strategy content` warm | one staged file | one staged file, warm | one staged file saved, warm |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map((r) => `| ${r.size} | ${f0(r.rss.node)} | ${f0(r.rss.markdownlint)} | ${f0(r.rss.pipeline)} | ${f0(r.rss.cold)} | ${f0(r.rss.cacheCold)} | ${f0(r.rss.cacheWarm)} | ${f0(r.rss.contentWarm)} | ${f0(r.rss.oneCold)} | ${f0(r.rss.oneWarm)} | ${f0(r.rss.oneTouched)} |`),
    "",
  ];
  const table = lines.join("\n");
  if (last) process.stdout.write(table);
  if (!QUICK) {
    // the hand-written assessment below the tables is kept across runs
    const file = path.join(HERE, "RESULTS.md");
    const marker = "## Against the targets";
    const old = existsSync(file) ? readFileSync(file, "utf8") : "";
    const kept = old.includes(marker) ? old.slice(old.indexOf(marker)) : `${marker}\n\n(to be written)\n`;
    writeFileSync(file, `${table}\n${kept}`);
    process.stderr.write(`written to ${path.relative(REPO, file)}\n`);
  }
}

/** The language server on one milestone of the 1 000-milestone tree, beside the CLI linting that file. */
async function lspLatency() {
  const root = path.join(WORK, "tree-1000");
  const files = generateTree(root, 1000, 20261125);
  mkdirSync(path.join(root, ".git"), { recursive: true });
  const target = files[0];
  const cli = [];
  for (let run = 0; run < RUNS; run++) cli.push(measure([CLI, "--now", NOW, path.relative(root, target)], root).ms);
  process.stderr.write(`language server: ${EDITS} edits of ${path.relative(root, target)}\n`);
  const lsp = await measureLatency({ server: path.join(path.dirname(CLI), "language-server.js"), root, file: target, edits: EDITS, now: NOW });
  const f0 = (n) => n.toFixed(0);
  const section = [
    "## Language server latency",
    "",
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, same machine. One milestone (\`${path.relative(root, target)}\`) of the 1 000-milestone tree, opened in \`milestone-lint-language-server\` (stdio, default \`debounceMs\` 15), then ${lsp.edits} edits one after another, each waiting for the diagnostics of the one before: a character typed at the end of the body, and every 20th edit breaking or mending \`status\`. Each edit is timed from sending \`didChange\` to receiving the \`publishDiagnostics\` of that version (the debounce included). Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(", ")}.`,
    "",
    "| | median (ms) | p95 (ms) | max (ms) |",
    "| --- | ---: | ---: | ---: |",
    `| didChange → publishDiagnostics, ${lsp.edits} edits | ${f0(lsp.median)} | ${f0(lsp.p95)} | ${f0(lsp.max)} |`,
    `| open → first publishDiagnostics (reads the whole tree once) | ${f0(lsp.openMs)} | | |`,
    `| \`milestone-lint <that file>\` (the CLI, ${RUNS} runs) | ${f0(median(cli))} | | ${f0(Math.max(...cli))} |`,
    "",
  ].join("\n");
  process.stdout.write(`\n${section}`);
  if (QUICK) return;
  const file = path.join(HERE, "RESULTS.md");
  const old = existsSync(file) ? readFileSync(file, "utf8") : "";
  const start = old.indexOf("## Language server latency");
  const marker = "## Against the targets";
  const next = start < 0 ? -1 : old.indexOf("\n## ", start + 1);
  const updated =
    start >= 0
      ? old.slice(0, start) + section + (next < 0 ? "" : old.slice(next + 1))
      : old.includes(marker)
        ? old.replace(marker, `${section}\n${marker}`)
        : `${old}\n${section}`;
  writeFileSync(file, updated);
}

if (ONLY_LSP || SIZES.includes(1000)) await lspLatency();

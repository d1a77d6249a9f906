// Bundles the CLI, the API, the phase-one worker and the language server into single
// files: one file to load starts far faster than hundreds of node_modules files. No
// code splitting, so each entry (and the worker beside it) sits directly in dist/.
// The CLI is a script run by a small launcher with a V8 code cache, written here by a
// training run; the language server, started once per editor session, is a plain
// ES module (no code cache: its import() of config files and plugins stays native).
// Types come from tsc.
import { build } from "esbuild";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fdirWithoutOptionalPicomatch, fromMarkdownOneHandlerContext } from "./bundle-patches.mjs";

const require = createRequire(import.meta.url);

/**
 * Replaces src/config/precompiled-schemas.ts and src/config/precompiled-config-schema.ts with ajv
 * standalone code for the bundled schemas, compiled with the same options as at run
 * time, so that no run pays for compiling them (or for loading ajv's compiler).
 */
const PRECOMPILED = {
  "precompiled-schemas.ts": { options: "src/config/ajv-options.json", schemas: { milestone: "schemas/milestone.schema.json", execplan: "schemas/execplan.schema.json" } },
  "precompiled-config-schema.ts": { options: "src/config/ajv-config-options.json", schemas: { config: "schemas/config.schema.json" } },
};
const precompiledSchemas = {
  name: "precompiled-schemas",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]config[\\/]precompiled-[a-z-]+\.ts$/ }, (args) => {
      const { options, schemas } = PRECOMPILED[path.basename(args.path)];
      const { Ajv } = require("ajv");
      const standaloneCode = require("ajv/dist/standalone").default;
      const ajv = new Ajv({ ...JSON.parse(readFileSync(options, "utf8")), code: { source: true, esm: true } });
      const ids = {};
      for (const [name, file] of Object.entries(schemas)) {
        const schema = JSON.parse(readFileSync(file, "utf8"));
        ajv.compile(schema);
        ids[name] = schema.$id;
      }
      const contents = `${standaloneCode(ajv, ids)}\nexport const precompiled = { ${Object.keys(schemas).join(", ")} };\n`;
      return { contents, loader: "js", resolveDir: process.cwd() };
    });
  },
};

/**
 * Node built-ins are loaded with require() (the banner's) rather than import: an
 * ESM import of a built-in builds a facade that reads every export, and for `fs`
 * that loads all of node:stream at every start.
 */
const builtinsByRequire = {
  name: "builtins-by-require",
  setup(b) {
    b.onResolve({ filter: /^(node:)?(fs|fs\/promises|path|url|os|util|module|buffer|process|crypto|worker_threads|vm|zlib)$/ }, (args) => {
      if (args.namespace === "builtin") return undefined;
      return { path: args.path.replace(/^node:/, ""), namespace: "builtin" };
    });
    b.onLoad({ filter: /.*/, namespace: "builtin" }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(`node:${args.path}`)});`,
      loader: "js",
    }));
  },
};

/** In the CLI bundle, import() is the launcher's, given as `__import` (see src/shared/import-module.ts). */
const importByLauncher = {
  name: "import-by-launcher",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]shared[\\/]import-module\.ts$/ }, () => ({ contents: "export const importModule = (url) => __import(url);", loader: "js" }));
  },
};

rmSync("dist", { recursive: true, force: true });
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  // smaller source is faster for V8 to pre-parse at every start; messages never show stacks.
  // BUILD_MINIFY=0 keeps names, for reading a --cpu-prof profile
  minify: process.env.BUILD_MINIFY !== "0",
  legalComments: "none",
  plugins: [precompiledSchemas, fdirWithoutOptionalPicomatch, fromMarkdownOneHandlerContext, builtinsByRequire],
  logLevel: "warning",
};
// CommonJS dependencies call require() for Node built-ins
const esmRequire = 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);';
// the API and the phase-one worker: ES modules
await build({
  ...common,
  entryPoints: { index: "src/index.ts", worker: "src/run/worker.ts" },
  outdir: "dist",
  format: "esm",
  banner: { js: esmRequire },
});
// the language server's bin: an ES module too
await build({
  ...common,
  entryPoints: { "language-server": "src/lsp/main.ts" },
  outdir: "dist",
  format: "esm",
  banner: { js: `#!/usr/bin/env node\n${esmRequire}` },
});
chmodSync("dist/language-server.js", 0o755);
// the CLI: a script, because only a script can be run with a V8 code cache (src/cli/launcher.ts)
await build({
  ...common,
  entryPoints: { "cli-main": "src/cli/cli.ts" },
  outdir: "dist",
  outExtension: { ".js": ".cjs" },
  format: "cjs",
  define: { "import.meta.url": "__import_meta_url" },
  banner: { js: 'const __import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  plugins: [...common.plugins, importByLauncher],
});
await build({
  ...common,
  entryPoints: { cli: "src/cli/launcher.ts" },
  outdir: "dist",
  outExtension: { ".js": ".cjs" },
  format: "cjs",
  banner: { js: "#!/usr/bin/env node" },
});
chmodSync("dist/cli.cjs", 0o755);
// the training run: lints the bundled example, then writes the code cache of every function it compiled
const training = spawnSync(process.execPath, ["dist/cli.cjs", "--now", "2026-11-25", "examples/.agent"], {
  env: { ...process.env, MILESTONE_LINT_CODE_CACHE: "write", NO_COLOR: "1" },
  encoding: "utf8",
});
if (training.status !== 1 || !existsSync("dist/cli-main.cjs.v8cache")) {
  throw new Error(`build: the training run of dist/cli.cjs failed (exit ${training.status}): ${training.stderr}`);
}
execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });

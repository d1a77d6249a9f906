// Bundles the CLI, the API and the phase-one worker into single ESM files: one
// file to load starts far faster than hundreds of node_modules files. No code
// splitting, so each entry (and the worker beside it) sits directly in dist/.
// Types come from tsc.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * Replaces src/precompiled-schemas.ts with ajv standalone code for the bundled
 * schemas, compiled with the same options as at run time (src/ajv-options.json),
 * so that no run pays for compiling them.
 */
const precompiledSchemas = {
  name: "precompiled-schemas",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]precompiled-schemas\.ts$/ }, () => {
      const { Ajv } = require("ajv");
      const standaloneCode = require("ajv/dist/standalone").default;
      const options = JSON.parse(readFileSync("src/ajv-options.json", "utf8"));
      const ajv = new Ajv({ ...options, code: { source: true, esm: true } });
      const ids = {};
      for (const kind of ["milestone", "execplan"]) {
        const schema = JSON.parse(readFileSync(`schemas/${kind}.schema.json`, "utf8"));
        ajv.compile(schema);
        ids[kind] = schema.$id;
      }
      const contents = `${standaloneCode(ajv, ids)}\nexport const precompiled = { milestone, execplan };\n`;
      return { contents, loader: "js", resolveDir: process.cwd() };
    });
  },
};

/**
 * fdir (under tinyglobby) tries to require() picomatch from node_modules when it
 * loads, for a glob() method tinyglobby never calls: that costs every start a
 * module resolution and a second, unbundled copy of picomatch.
 */
const fdirWithoutOptionalPicomatch = {
  name: "fdir-without-optional-picomatch",
  setup(b) {
    b.onLoad({ filter: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const optional = /try\s*\{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\} catch \{\}/;
      if (!optional.test(source)) throw new Error("fdir changed: review the fdir-without-optional-picomatch build plugin");
      return { contents: source.replace(optional, ""), loader: "js" };
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
    b.onResolve({ filter: /^(node:)?(fs|fs\/promises|path|url|os|util|module|buffer|process|crypto|worker_threads)$/ }, (args) => {
      if (args.namespace === "builtin") return undefined;
      return { path: args.path.replace(/^node:/, ""), namespace: "builtin" };
    });
    b.onLoad({ filter: /.*/, namespace: "builtin" }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(`node:${args.path}`)});`,
      loader: "js",
    }));
  },
};

rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: { cli: "src/cli.ts", index: "src/index.ts", worker: "src/worker.ts" },
  outdir: "dist",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // smaller source is faster for V8 to pre-parse at every start; messages never show stacks
  minify: true,
  legalComments: "none",
  // CommonJS dependencies call require() for Node built-ins
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  plugins: [precompiledSchemas, fdirWithoutOptionalPicomatch, builtinsByRequire],
  logLevel: "warning",
});
execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });

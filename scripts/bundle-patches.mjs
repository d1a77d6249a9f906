// Changes to dependencies' code made while bundling (scripts/build.mjs). Each finds
// the exact code it replaces and fails the build when it is not there, so that an
// upgrade of the dependency is reviewed rather than silently left unpatched.
import { readFileSync } from "node:fs";

/** Returns `source` with `pattern` replaced, or throws naming the patch to review. */
function replaceOnce(source, pattern, replacement, patch) {
  if (!pattern.test(source)) throw new Error(`build: the code the ${patch} patch replaces is gone: review scripts/bundle-patches.mjs`);
  return source.replace(pattern, replacement);
}

/**
 * fdir (under tinyglobby) tries to require() picomatch from node_modules when it
 * loads, for a glob() method tinyglobby never calls: that costs every start a
 * module resolution and a second, unbundled copy of picomatch.
 */
export const fdirWithoutOptionalPicomatch = {
  name: "fdir-without-optional-picomatch",
  setup(b) {
    b.onLoad({ filter: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, (args) => ({
      contents: replaceOnce(readFileSync(args.path, "utf8"), /try\s*\{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\} catch \{\}/, "", "fdir-without-optional-picomatch"),
      loader: "js",
    }));
  },
};

/**
 * mdast-util-from-markdown (under remark-parse) calls the handler of every micromark
 * event with `this` a new copy of its compile context: `{...context, sliceSerialize}`.
 * On Node 20 those copies took ≈ 0.75 ms of the ≈ 4 ms a generated milestone's
 * parse takes, and a fifth of a whole-tree run (bench/RESULTS.md). One copy made per
 * document, its `sliceSerialize` set before each call, gives the handlers the same
 * `this` to read: no handler of the library or of mdast-util-frontmatter assigns to
 * `this` or keeps it past the call (test/bundle-patches.test.ts parses the fixtures
 * with both and compares the trees).
 */
export const fromMarkdownOneHandlerContext = {
  name: "from-markdown-one-handler-context",
  setup(b) {
    b.onLoad({ filter: /[\\/]mdast-util-from-markdown[\\/]lib[\\/]index\.js$/ }, (args) => {
      const call = /handler\[events\[index\]\[1\]\.type\]\.call\(\{\s*\.\.\.context,\s*sliceSerialize: events\[index\]\[2\]\.sliceSerialize\s*\}, events\[index\]\[1\]\);/;
      let source = readFileSync(args.path, "utf8");
      source = replaceOnce(source, /events = prepared;/, "events = prepared;\n    const handlerContext = {...context, sliceSerialize: undefined};", "from-markdown-one-handler-context");
      source = replaceOnce(source, call, "handlerContext.sliceSerialize = events[index][2].sliceSerialize;\n        handler[events[index][1].type].call(handlerContext, events[index][1]);", "from-markdown-one-handler-context");
      return { contents: source, loader: "js" };
    });
  },
};

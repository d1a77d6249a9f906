/** Types of scripts/bundle-patches.mjs, for test/bundle-patches.test.ts. */
import type { Plugin } from "esbuild";

export const fdirWithoutOptionalPicomatch: Plugin;
export const fromMarkdownOneHandlerContext: Plugin;

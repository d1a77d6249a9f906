/**
 * The validator of schemas/config.schema.json compiled ahead of time. Empty here
 * (tests and `tsc` compile at run time); `scripts/build.mjs` replaces it in the
 * bundle with ajv standalone code, so reading a config file compiles nothing.
 */
import type { ValidateFunction } from "ajv";

export const precompiled: { config?: ValidateFunction } = {};

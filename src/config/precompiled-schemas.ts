/**
 * Validators of the bundled schemas compiled ahead of time. This source version is
 * empty (tests and `tsc` compile at run time); `scripts/build.mjs` replaces it in
 * the bundle with ajv standalone code, so the CLI does not compile them at every start.
 */
import type { ValidateFunction } from "ajv";
import type { FileKind } from "../shared/types.js";

export const precompiled: Partial<Record<FileKind, ValidateFunction>> = {};

/** The configuration a run uses when nothing else is said: every rule at its default severity. */
import type { ResolvedConfig } from "./types.js";

export function defaultConfig(): ResolvedConfig {
  return { rules: {}, layout: "auto", ignores: [] };
}

/** Formatters by name, loaded on demand so that a run pays only for the one it prints. */
import type { Formatter } from "./types.js";

export const FORMATTERS: Record<string, () => Promise<Formatter>> = {
  stylish: async () => (await import("./stylish.js")).stylish,
  json: async () => (await import("./json.js")).json,
  sarif: async () => (await import("./sarif.js")).sarif,
  github: async () => (await import("./github.js")).github,
  junit: async () => (await import("./junit.js")).junit,
  html: async () => (await import("./html.js")).htmlFormat,
  markdown: async () => (await import("./markdown.js")).markdown,
};

/** The formats that show `result.tree` (the board, and JSON for other tools); a run for another is spared building it. */
export const SHOWS_TREE: ReadonlySet<string> = new Set(["json", "html", "markdown"]);

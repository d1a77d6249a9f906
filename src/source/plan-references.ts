/**
 * The paths a plan refers to: the targets of its Markdown links (`[x](path)`,
 * `[x]: path`) and the Markdown files it names in code spans (`` `docs/exec-plans/active/x.md` ``).
 * URLs, anchors and mail addresses are not paths. The parser reads link syntax as
 * text (see markdown.ts), so links are found in the text outside code, line by line.
 */
import { insideAny, scanBody } from "./body-scan.js";
import { nodeRange } from "./markdown.js";
import type { AnyFileContext, Range } from "../shared/types.js";

export interface PlanReference {
  /** The path as written, without its `#anchor` or `?query`, `%20` decoded. */
  path: string;
  /** Where the path is written. */
  range: Range;
  /** A link's target, or a path in a code span. */
  kind: "link" | "code";
}

/** `](target)` or `](<target> "title")`; the target has no spaces unless in `<…>`. */
const INLINE_LINK = /\]\(\s*(?:<([^<>\r\n]+)>|([^\s()<>]+))(?:\s+(?:"[^"\r\n]*"|'[^'\r\n]*'))?\s*\)/g;
/** `[label]: target` on a line of its own; `[^1]: …` is a footnote, not a link. */
const DEFINITION = /^[ \t]{0,3}\[(?!\^)[^\]\r\n]+\]:[ \t]*(?:<([^<>\r\n]+)>|(\S+))/gm;
/** A Markdown file named in a code span: one word, a folder and a `.md` name. */
const CODE_PATH = /^(?:\.{1,2}\/)?[\w.@-]+(?:\/[\w.@-]+)*\/[\w.@-]+\.md$/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const MAX_PATH = 400;

function asPath(target: string): string | undefined {
  if (target === "" || target.startsWith("#") || SCHEME.test(target) || target.startsWith("//")) return undefined;
  const bare = target.replace(/[#?].*$/, "");
  if (bare === "") return undefined;
  try {
    return decodeURI(bare);
  } catch {
    return bare;
  }
}

/** The references of the plan, in document order. */
export function planReferences(context: AnyFileContext): PlanReference[] {
  return context.memo("plan:references", () => {
    const text = context.file.text;
    const { codeRanges } = scanBody(context);
    const from = context.frontMatter.close?.end ?? 0;
    const body = text.slice(from);
    const found: PlanReference[] = [];
    const add = (m: RegExpMatchArray, kind: "link" | "code"): void => {
      const target = m[1] ?? m[2] ?? "";
      const at = from + (m.index ?? 0) + m[0].indexOf(target);
      const p = asPath(target);
      if (p === undefined || insideAny(codeRanges, at)) return;
      found.push({ path: p, range: { start: at, end: at + target.replace(/[#?].*$/, "").length }, kind });
    };
    for (const m of body.matchAll(INLINE_LINK)) add(m, "link");
    for (const m of body.matchAll(DEFINITION)) add(m, "link");
    for (const node of scanBody(context).codeSpans) {
      const { start, end } = nodeRange(node);
      const value = node.value.trim();
      // a path is short; a long span is code, and not worth a scan
      if (value.length > MAX_PATH || !CODE_PATH.test(value)) continue;
      const at = text.indexOf(value, start);
      if (at >= 0 && at < end) found.push({ path: value, range: { start: at, end: at + value.length }, kind: "code" });
    }
    return found.sort((a, b) => a.range.start - b.range.start);
  });
}

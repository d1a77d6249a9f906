/** What the whole-tree index keeps of one file: its place and its front matter's top-level keys, with positions. */
import { isMap, isScalar, isSeq, type Node } from "yaml";
import { frontMatterContent, readFrontMatter } from "../source/front-matter.js";
import { LineIndex, spanOf } from "../source/line-index.js";
import { simpleFrontMatter } from "../source/simple-front-matter.js";
import { detachedCopy } from "../shared/detached.js";
import type { FilePlace, FrontMatter, IndexEntry, IndexedKey, Place, SourceFile, Span } from "../shared/types.js";

/** The front matter's top-level keys, with positions, for the whole-tree rules. */
export function indexEntry<P extends FilePlace>(source: SourceFile & { place: P }, frontMatter: FrontMatter, lines: LineIndex, linted: boolean): IndexEntry<P> {
  const keys: Record<string, IndexedKey> = Object.create(null);
  const data = frontMatter.data;
  const values = data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  // yaml node ranges are relative to the YAML between the fences
  const shift = frontMatter.content?.start ?? 0;
  for (const k of frontMatter.keys) {
    if (Object.hasOwn(keys, k.name)) continue;
    const key: IndexedKey = {
      // a copy: strings YAML sliced from the text would keep the whole file's text alive as long as the index
      value: values && Object.hasOwn(values, k.name) ? structuredClone(values[k.name]) : undefined,
      keySpan: spanOf(lines, k.key),
      valueSpan: spanOf(lines, k.value),
    };
    keys[k.name] = key;
    if (isSeq(k.pair.value)) {
      key.itemSpans = k.pair.value.items.map((item) => {
        const r = (item as Node).range;
        return r ? spanOf(lines, { start: r[0] + shift, end: r[1] + shift }) : spanOf(lines, k.value);
      });
    } else if (isMap(k.pair.value)) {
      const fields: Record<string, Span> = Object.create(null);
      for (const pair of k.pair.value.items) {
        const r = (pair.value as Node | null)?.range;
        if (isScalar(pair.key) && r && !Object.hasOwn(fields, String(pair.key.value))) fields[String(pair.key.value)] = spanOf(lines, { start: r[0] + shift, end: r[1] + shift });
      }
      key.fieldSpans = fields;
    }
  }
  return { path: source.path, displayPath: source.displayPath, place: source.place, linted, keys };
}

/**
 * The index entry of a file read for the whole-tree rules only: the same as
 * `indexEntry` over the parsed front matter, but front matter of the simple shape
 * nearly every file has is read without `yaml` (src/source/simple-front-matter.ts).
 */
export function frontMatterEntry(source: SourceFile & { place: Place }): IndexEntry {
  return simpleFrontMatterEntry(source) ?? indexEntry(source, readFrontMatter(source.text), new LineIndex(source.text), false);
}

/**
 * frontMatterEntry for front matter of the simple shape, without `yaml`; undefined
 * for any other. One pass over the lines with patterns that do not backtrack: its
 * time is linear in the (capped) size of the file, so it needs no time budget.
 */
export function simpleFrontMatterEntry(source: SourceFile & { place: Place }): IndexEntry | undefined {
  const { text } = source;
  const content = frontMatterContent(text);
  const keys = content && simpleFrontMatter(text, content);
  if (!keys) return undefined;
  // strings sliced from the text would keep it alive as long as the index
  for (const name in keys) (keys[name] as IndexedKey).value = detachedCopy((keys[name] as IndexedKey).value);
  return { path: source.path, displayPath: source.displayPath, place: source.place, linted: false, keys };
}

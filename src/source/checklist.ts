/**
 * Checklist items (`- [ ] …`, `- [x] …`) of a part of a file. The parser knows no
 * task lists (no GFM), so the box is read from the text at the start of the item.
 */
import type { List, ListItem } from "mdast";
import { scanBody } from "./body-scan.js";
import { nodeRange } from "./markdown.js";
import type { AnyFileContext, Range } from "../shared/types.js";

export interface ChecklistItem {
  node: ListItem;
  /** `[ ]` or `[x]`. */
  box: Range;
  checked: boolean;
  /** The item's first line after the box, trimmed. */
  text: string;
  /** Where that text starts. */
  textStart: number;
}

const BOX = /^\[([ xX])\](?=\s|$)/;

/** The box of a list item, when its first block is a paragraph that starts with one. */
export function checklistItem(fileText: string, item: ListItem): ChecklistItem | undefined {
  const first = item.children[0];
  if (first?.type !== "paragraph") return undefined;
  const start = nodeRange(first).start;
  const m = BOX.exec(fileText.slice(start, start + 4));
  if (!m) return undefined;
  let lineEnd = fileText.indexOf("\n", start);
  if (lineEnd < 0 || lineEnd > nodeRange(item).end) lineEnd = nodeRange(item).end;
  const rest = fileText.slice(start + 3, lineEnd);
  const textStart = start + 3 + (rest.length - rest.trimStart().length);
  return { node: item, box: { start, end: start + 3 }, checked: m[1] !== " ", text: rest.trim(), textStart };
}

/** The list items that start in `[from, to)`, nested ones included, in document order. */
export function listItemsIn(context: AnyFileContext, from: number, to: number): ListItem[] {
  return scanBody(context).listItems.filter((item) => {
    const start = nodeRange(item).start;
    return start >= from && start < to;
  });
}

/** The checklist items that start in `[from, to)`. */
export function checklistIn(context: AnyFileContext, from: number, to: number): ChecklistItem[] {
  const text = context.file.text;
  return listItemsIn(context, from, to).flatMap((item) => checklistItem(text, item) ?? []);
}

export interface SectionChecklist {
  /** Every checklist item, nested ones included. */
  items: ChecklistItem[];
  /**
   * Items without a box (and without checklist items under them) in the section's
   * own lists that hold checklist items: steps written as plain bullets. A list with
   * no box at all is a list of notes, not of steps.
   */
  unboxed: ListItem[];
}

/** The checklist of a section's content, `[from, to)`, and the steps in it written without a box. */
export function sectionChecklist(context: AnyFileContext, from: number, to: number): SectionChecklist {
  const items = checklistIn(context, from, to);
  // items of the section's own lists, not the notes nested under a step
  const lists = scanBody(context).root.children.filter((n): n is List => n.type === "list" && nodeRange(n).start >= from && nodeRange(n).start < to);
  // the boxes are in document order: the first at or after a node's start says whether it holds one
  const holdsBox = (node: List | ListItem) => {
    const { start, end } = nodeRange(node);
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((items[mid] as ChecklistItem).box.start < start) lo = mid + 1;
      else hi = mid;
    }
    const first = items[lo];
    return first !== undefined && first.box.start < end;
  };
  const unboxed = lists.filter(holdsBox).flatMap((list) => list.children.filter((item) => !holdsBox(item)));
  return { items, unboxed };
}

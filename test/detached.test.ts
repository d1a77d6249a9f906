/**
 * Values the whole-tree index keeps must not keep the texts they were read from alive
 * (src/shared/detached.ts): measured on the heap, against plain slices, which do.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { detachedCopy, detachedString } from "../src/shared/detached.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const TEXTS = 100;
const TEXT_CHARS = 1 << 20;

/** Heap growth, in MiB, from keeping `keep` of 100 texts of 1 MiB each after the texts are let go. */
function retained(keep: (text: string, i: number) => unknown): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: unknown[] = [];
  for (let i = 0; i < TEXTS; i++) {
    // a text of its own each time (not one repeated string), as read from 100 files
    const text = `title: "Milestone ${i} of the plan, written out"\n${"x".repeat(TEXT_CHARS)}${i}`;
    kept.push(keep(text, i));
  }
  gc();
  const grown = (process.memoryUsage().heapUsed - before) / (1 << 20);
  expect(kept).toHaveLength(TEXTS);
  return grown;
}

describe("detached copies of values read from a text", () => {
  it("keep only themselves alive, where slices keep their whole text", () => {
    const slice = (text: string) => text.slice(8, 40);
    // the control: V8's slices are views into the 1 MiB texts
    expect(retained(slice)).toBeGreaterThan(50);
    expect(retained((text) => detachedString(slice(text)))).toBeLessThan(5);
    expect(retained((text) => detachedCopy({ title: slice(text), tags: [slice(text), 3], links: { plan: slice(text) } }))).toBeLessThan(5);
  });

  it("are equal to what they copy, short strings and other values included", () => {
    const text = "id: EP-20260117-014/MS003\ntitle: Short\n";
    expect(detachedString(text.slice(4, 25))).toBe("EP-20260117-014/MS003");
    expect(detachedString("")).toBe("");
    expect(detachedString(text.slice(33, 38))).toBe("Short");
    const value = { plan: "../EP-20260117-014.md", docs: ["a", "b"], n: 3, done: false, none: null };
    expect(detachedCopy(value)).toEqual(value);
    expect(detachedCopy([["deeper", { deepest: ["x"] }]])).toEqual([["deeper", { deepest: ["x"] }]]);
    for (const scalar of [1, true, null, undefined, "text"]) expect(detachedCopy(scalar)).toBe(scalar);
  });
});

/** Hostile YAML keys, in process: no prototype pollution, odd keys reported or read as names. */
import { afterAll, describe, expect, it } from "vitest";
import { readFrontMatter } from "../src/source/front-matter.js";
import { lint } from "../src/index.js";
import { FIXTURE_TODAY } from "./helpers/fixtures.js";
import { VALID_MILESTONE, validMilestoneText, validTree } from "./helpers/hostile-tree.js";

const PROTO_KEYS = "__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\n";

describe("__proto__ and constructor keys", () => {
  afterAll(() => {
    // in case a test failed halfway: keep the other tests in this worker honest
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  it("are plain own keys of the data, and Object.prototype is untouched", () => {
    const fm = readFrontMatter(`---\n${PROTO_KEYS}---\n`);
    expect(fm.errors).toEqual([]);
    const data = fm.data as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(data, "__proto__")?.value).toEqual({ polluted: "yes" });
    expect(Object.hasOwn(data, "constructor")).toBe(true);
    expect(fm.keys.map((k) => k.name)).toEqual(["__proto__", "constructor"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("go through a whole run with every rule without polluting anything", async () => {
    const tree = validTree();
    try {
      tree.write(VALID_MILESTONE, validMilestoneText().replace("---\n\n", `${PROTO_KEYS}---\n\n`));
      const result = await lint({ cwd: tree.dir, now: FIXTURE_TODAY });
      expect(result.internalErrors).toBe(0);
      expect(result.files.find((f) => f.file === VALID_MILESTONE)).toBeDefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.hasOwn(Object.prototype, "polluted")).toBe(false);
    } finally {
      tree.remove();
    }
  });
});

describe("keys that are not strings", () => {
  it("numbers, booleans and null are read as the names they print as", () => {
    const fm = readFrontMatter("---\n1: one\ntrue: yes\n---\n");
    expect(fm.errors).toEqual([]);
    expect(fm.keys.map((k) => k.name)).toEqual(["1", "true"]);
    expect(fm.data).toEqual({ 1: "one", true: "yes" });
  });

  it("a list or a map as a key is an error at that key (the CLI catalogue checks stderr stays empty)", () => {
    const text = "---\nid: x\n? [a, b]\n: 1\n? {c: d}\n: 2\n---\n";
    const fm = readFrontMatter(text);
    expect(fm.errors.map((e) => [e.message, text.slice(e.range.start, e.range.end)])).toEqual([
      ["a key must be a plain name, but this key is a list", "[a, b]"],
      ["a key must be a plain name, but this key is a map", "{c: d}"],
    ]);
    expect(fm.keys.map((k) => k.name)).toEqual(["id"]);
    expect(fm.data).toBeUndefined();
  });
});

describe("deep nesting", () => {
  const TOO_DEEP = "it is nested too deeply to read (more levels of lists or maps than any front matter needs)";
  it.each([
    ["flow lists", `a: ${"[".repeat(60_000)}`],
    ["flow maps", `a: ${"{b: ".repeat(30_000)}`],
    ["compact sequences", "- ".repeat(60_000)],
    ["compact sequences after a key", `a: ${"- ".repeat(60_000)}`],
    ["block maps", Array.from({ length: 200 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n")],
  ])("%s are refused before parsing, fast", (_, yaml) => {
    const started = performance.now();
    const fm = readFrontMatter(`---\n${yaml}\n---\n`);
    expect(fm.errors.map((e) => [e.message, e.range.start])).toEqual([[TOO_DEEP, 4]]);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("real nesting, a few levels deep, parses", () => {
    const fm = readFrontMatter("---\nlinks:\n  issue: x\ntags: [a, [b, {c: [d]}]]\nsteps:\n  - - x\n    - y\n  - k: [1]\n---\n");
    expect(fm.errors).toEqual([]);
    expect(fm.data).toEqual({ links: { issue: "x" }, tags: ["a", ["b", { c: ["d"] }]], steps: [["x", "y"], { k: [1] }] });
  });
});

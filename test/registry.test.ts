/** registry.json read with positions, and broken ones described without crashing. */
import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readRegistry, registryRootOf } from "../src/tree/registry.js";
import { findJsonError } from "../src/source/json-error.js";

const dir = mkdtempSync(path.join(tmpdir(), "ml-registry-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
async function read(text: string) {
  const root = path.join(dir, String(n++), ".agent", "exec_plans");
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, "registry.json"), text);
  return readRegistry(root, "registry.json", true);
}

describe("readRegistry", () => {
  it("keeps the span of every entry and field", async () => {
    const r = await read('{\n  "plans": [\n    {"id": "EP-20260210-003", "tags": ["a", "b"]}\n  ]\n}\n');
    expect(r?.problem).toBeUndefined();
    expect(r?.plansKey).toEqual({ line: 2, column: 3, endLine: 2, endColumn: 10 });
    expect(r?.plans[0]?.span).toMatchObject({ line: 3, column: 5 });
    expect(r?.plans[0]?.fields.id).toMatchObject({ value: "EP-20260210-003", valueSpan: { line: 3, column: 12 } });
    expect(r?.plans[0]?.fields.tags?.itemSpans?.map((s) => s.column)).toEqual([40, 45]);
  });

  it("counts a byte-order mark in the columns of line 1", async () => {
    const r = await read('\uFEFF{"plans": [{"id": "EP-20260210-003"}]}');
    expect(r?.plans[0]?.fields.id?.valueSpan.column).toBe(20);
  });

  it("describes invalid JSON at the place it breaks", async () => {
    const r = await read('{\n  "plans": [\n    {"id": "EP-20260210-003",}\n  ]\n}\n');
    expect(r?.problem).toEqual({
      message: "registry.json is not valid JSON: expected a \"quoted\" key but found `}` (JSON allows no trailing comma before `}`).",
      span: { line: 3, column: 30, endLine: 3, endColumn: 30 },
    });
    expect(r?.plans).toEqual([]);
  });

  it("describes a registry without a plans list", async () => {
    expect((await read('{"schema_version": 1}'))?.problem?.message).toMatch(/has no `plans` list/);
    expect((await read('{"plans": {}}'))?.problem?.message).toMatch(/`plans` key that is not a list/);
    expect((await read("[]"))?.problem?.message).toMatch(/has no `plans` list/);
  });

  it("judges a `plans` key given twice on the last, as every JSON reader does, and names each repeated key", async () => {
    const text = '{\n  "plans": [{"id": "EP-20260210-003"}],\n  "schema_version": 1,\n  "plans": [\n    {"id": "EP-20260301-001", "id": "EP-20260301-002"}\n  ]\n}\n';
    expect((JSON.parse(text) as { plans: { id: string }[] }).plans[0]?.id).toBe("EP-20260301-002");
    const r = await read(text);
    expect(r?.problem).toBeUndefined();
    expect(r?.plansKey).toEqual({ line: 4, column: 3, endLine: 4, endColumn: 10 });
    expect(r?.plans.map((p) => p.fields.id?.value)).toEqual(["EP-20260301-002"]);
    expect(r?.duplicateKeys).toEqual([
      { name: "plans", span: { line: 4, column: 3, endLine: 4, endColumn: 10 }, firstLine: 2 },
      { name: "id", span: { line: 5, column: 31, endLine: 5, endColumn: 35 }, firstLine: 5 },
    ]);
  });

  it("finds repeated keys in one pass: 50 000 of them read in a moment", async () => {
    const r = await read(`{"plans": [], ${Array.from({ length: 50_000 }, () => '"k": 1').join(", ")}}`);
    expect(r?.duplicateKeys).toHaveLength(49_999);
  });

  it("survives hostile nesting and an empty file", async () => {
    expect((await read("[".repeat(200_000)))?.problem).toBeDefined();
    expect((await read(""))?.problem?.message).toMatch(/not valid JSON/);
  });

  it("is undefined when the root has none, and knows a registry path", async () => {
    expect(await readRegistry(path.join(dir, "none"), "x", true)).toBeUndefined();
    expect(registryRootOf(path.join(dir, ".agent", "exec_plans", "registry.json"))).toBe(path.join(dir, ".agent", "exec_plans"));
    expect(registryRootOf(path.join(dir, ".agent", "exec_plans", "x", "registry.json"))).toBeUndefined();
  });
});

describe("findJsonError", () => {
  it("accepts what JSON.parse accepts", () => {
    for (const ok of ['{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]}', " 3 ", '""']) expect(findJsonError(ok)).toBeUndefined();
  });

  it("points at the first bad character", () => {
    expect(findJsonError("[1, 2,]")).toEqual({ offset: 6, message: "a comma before `]` (JSON allows no trailing comma)" });
    expect(findJsonError("{'a': 1}")).toMatchObject({ offset: 1 });
    expect(findJsonError('{"a" 1}')).toMatchObject({ offset: 5, message: "expected `:` after a key but found `1`" });
    expect(findJsonError('{"a": 1} x')).toMatchObject({ offset: 9 });
    expect(findJsonError('"abc')).toMatchObject({ message: "a string is not closed" });
  });
});

/**
 * relativeInside answers the usual case (a normalised path inside a normalised
 * folder) by slicing, once per file of a large tree: it must answer everything
 * exactly as path.relative does.
 */
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { relativeInside } from "../src/shared/paths.js";

/** What relativeInside says, by path.relative alone. */
function byRelative(dir: string, abs: string): string | undefined {
  const rel = path.relative(dir, abs);
  // a name that starts with two dots (`..drafts`) is inside; only `..` itself leads out
  if (rel === "" || rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join("/");
}

const segment = fc.constantFrom("a", "b", "exec_plans", ".agent", ".", "..", "..drafts", "", "x.md", "a b");
const absolute = fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join("/")}`);

describe("relativeInside", () => {
  it("says what path.relative says, for paths normalised or not", () => {
    fc.assert(
      fc.property(absolute, fc.array(segment, { maxLength: 4 }), fc.boolean(), (dir, below, inside) => {
        const abs = inside ? `${dir}/${below.join("/")}` : `/${below.join("/")}`;
        expect(relativeInside(dir, abs)).toBe(byRelative(dir, abs));
      }),
      { numRuns: 2000 },
    );
  });

  it("gives the path below the folder, with / separators", () => {
    expect(relativeInside("/repo/.agent/exec_plans", "/repo/.agent/exec_plans/p/milestones/active/MS001_a.md")).toBe("p/milestones/active/MS001_a.md");
    expect(relativeInside("/repo", "/repo")).toBeUndefined();
    expect(relativeInside("/repo", "/repository/x.md")).toBeUndefined();
  });
});

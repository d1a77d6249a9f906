/** Two values in one message: shortened only where they agree, never where they differ. */
import { describe, expect, it } from "vitest";
import { quotePair } from "../src/shared/quote-pair.js";

describe("quotePair", () => {
  it("shows short values whole, and equal values whole", () => {
    expect(quotePair("planned", "active")).toEqual(["planned", "active"]);
    const long = "x".repeat(300);
    expect(quotePair(long, long)).toEqual([long, long]);
  });

  it("keeps the part that differs of two long values, cutting only what they share", () => {
    const head = "Profiles in the TOML config, with per-command overrides, environment interpolation, secrets from the keychain and ";
    const [a, b] = quotePair(`${head}a migration`, `${head}no migration`);
    expect(a).toBe("…the keychain and a migration");
    expect(b).toBe("…the keychain and no migration");
  });

  it("cuts after a path separator, and at both ends when the difference is in the middle", () => {
    const before = "services/billing/.agents/exec_plans/active/profile-config/milestones/active/";
    const after = "/MS002_command-overrides-and-environment-interpolation.md";
    const [a, b] = quotePair(`${before}x${after}`, `${before}complete${after}`);
    expect(a).toBe("…milestones/active/x/MS002_command-overr…");
    expect(b).toBe("…milestones/active/complete/MS002_command-overr…");
  });

  it("never splits a character outside the basic plane", () => {
    const head = "🚀".repeat(60);
    const [a] = quotePair(`${head}a`, `${head}b`);
    expect(a.startsWith("…")).toBe(true);
    expect(a.slice(1)).not.toMatch(/^[\uDC00-\uDFFF]/);
  });
});

/** Did-you-mean: typos, separators and case, prefixes, and status synonyms. */
import { describe, expect, it } from "vitest";
import { didYouMean, didYouMeanSentence } from "../src/shared/suggest.js";

const MILESTONE_STATUSES = ["planned", "in_progress", "completed", "blocked", "archived"];
const PLAN_STATUSES = ["planned", "active", "paused", "done", "archived"];

describe("didYouMean", () => {
  it.each([
    ["in-progress", MILESTONE_STATUSES, "in_progress"],
    ["In Progress", MILESTONE_STATUSES, "in_progress"],
    ["statsu", ["status", "domain"], "status"],
    ["medium", ["low", "med", "high"], "med"],
    ["compelted", MILESTONE_STATUSES, "completed"],
  ])("%s → %s", (value, candidates, expected) => {
    expect(didYouMean(value, candidates)).toBe(expected);
  });

  it("suggests nothing for a value far from every candidate, or one already allowed", () => {
    expect(didYouMean("frobnicate", MILESTONE_STATUSES)).toBeUndefined();
    expect(didYouMean("planned", MILESTONE_STATUSES)).toBeUndefined();
  });
});

describe("didYouMeanSentence", () => {
  it("names the status a synonym stands for, in the vocabulary of the file's kind", () => {
    expect(didYouMeanSentence("done", MILESTONE_STATUSES)).toBe(' Did you mean "completed"?');
    expect(didYouMeanSentence("completed", PLAN_STATUSES)).toBe(' Did you mean "done"?');
    expect(didYouMeanSentence("in_progress", PLAN_STATUSES)).toBe(' Did you mean "active"?');
    expect(didYouMeanSentence("WIP", MILESTONE_STATUSES)).toBe(' Did you mean "in_progress"?');
    expect(didYouMeanSentence("on-hold", MILESTONE_STATUSES)).toBe(' Did you mean "blocked"?');
  });

  it("is empty when nothing is close", () => {
    expect(didYouMeanSentence("frobnicate", MILESTONE_STATUSES)).toBe("");
  });
});

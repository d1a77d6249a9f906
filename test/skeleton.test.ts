/**
 * Reading the skeleton a rules document (PLANS.md) prescribes, and matching a plan's
 * headings to it: the shapes rules documents take (a fenced or indented skeleton,
 * sections under the document's own headings, a list), bilingual headings, the
 * wordings people give a section.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acceptedKeys, completeSkeleton, knownSectionOf, skeletonSectionOf, wordingOf, type SkeletonInput } from "../src/source/plan-sections.js";
import { readSkeleton } from "../src/source/skeleton.js";
import { FIXTURES } from "./helpers/fixtures.js";

const headings = (text: string) => readSkeleton(text)?.skeleton.sections.map((s) => `${s.required ? "*" : ""}${s.heading}`);

describe("readSkeleton", () => {
  it("reads the code block that names the most sections, its level, title and timestamps", () => {
    const text = [
      "# How we plan",
      "",
      "A good Progress section looks like this:",
      "",
      "```md",
      "## Progress",
      "- [x] (2026-01-05 09:30Z) Done.",
      "```",
      "",
      "The skeleton:",
      "",
      "````markdown",
      "# <Title>",
      "",
      "### Purpose / Big Picture",
      "### Progress",
      "- [x] (YYYY-MM-DD HH:MMZ) A step.",
      "### Surprises & Discoveries",
      "### Decision Log",
      "### Milestones",
      "#### Milestone 1",
      "### Outcomes & Retrospective",
      "### <Another section of yours>",
      "````",
    ].join("\n");
    const reading = readSkeleton(text);
    expect(reading?.from).toBe("the skeleton in the code block at line 12");
    expect(reading?.skeleton).toMatchObject({ level: 3, title: true, timestamps: true });
    expect(headings(text)).toEqual(["Purpose / Big Picture", "*Progress", "*Surprises & Discoveries", "*Decision Log", "Milestones", "*Outcomes & Retrospective"]);
  });

  it("reads an indented skeleton without a title and without timestamps", () => {
    const text = "# Plans\n\n    ## Progress\n\n    - [ ] A step.\n\n    ## Decision Log\n\n    ## Outcomes & Retrospective\n";
    expect(readSkeleton(text)?.skeleton).toEqual({
      level: 2,
      title: false,
      timestamps: false,
      checklist: true,
      sections: [
        { heading: "Progress", required: true },
        { heading: "Decision Log", required: true },
        { heading: "Outcomes & Retrospective", required: true },
      ],
    });
  });

  it("takes only the practice's sections from a document that explains them under its own headings", () => {
    const text = "# Plans\n\n## Where plans live\n\n`plans/`\n\n## Purpose\n\nWhy.\n\n## Progress\n\n- [x] (2026-01-05) Like this.\n\n## Reviews\n\nAsk.\n\n## Decision Log\n\nRecord.\n";
    const reading = readSkeleton(text);
    expect(reading?.from).toBe("the sections it explains under its own headings");
    expect(reading?.skeleton).toMatchObject({ level: 2, title: true, timestamps: true });
    expect(headings(text)).toEqual(["Purpose", "*Progress", "*Decision Log"]);
  });

  it("takes the sections a document only lists", () => {
    const text = "# Plans\n\nEach plan includes:\n\n- **Status**: planning or done\n- **Progress**: timestamped checkboxes\n- `Decision Log` — decisions\n- Surprises & Discoveries: what surprised us\n";
    expect(readSkeleton(text)?.from).toBe("the sections it lists");
    expect(headings(text)).toEqual(["*Progress", "*Decision Log", "*Surprises & Discoveries"]);
  });

  it("keeps a bilingual skeleton's headings whole, and a rules document's own misspelling", () => {
    const text = "```md\n# <題名>\n\n## 進捗 / Progress\n\n## Suprises & Discoveries\n\n## 意思決定 (Decision Log)\n```\n";
    expect(headings(text)).toEqual(["*進捗 / Progress", "*Suprises & Discoveries", "*意思決定 (Decision Log)"]);
  });

  it.each([
    ["under its own headings", "# Plans\n\n## Progress\n\nA log, one line a session:\n\n    2026-05-04 14:20 UTC - what was done - what came of it\n\n## Decision Log\n\nEach decision.\n"],
    ["in a code block", "```md\n# <Title>\n\n## Progress\n\n- 2026-05-04: what was done.\n\n## Decision Log\n```\n"],
    ["in a list", "# Plans\n\n- **Progress**: a dated log, one line a session.\n- **Decision Log**: each decision.\n"],
  ])("reads a Progress kept as a log, without boxes, %s: no checklist asked for", (_, text) => {
    expect(readSkeleton(text)?.skeleton).toMatchObject({ checklist: false, timestamps: false });
  });

  it.each([
    ["a box", "# Plans\n\n## Progress\n\n- [ ] (YYYY-MM-DD HH:MMZ) A step.\n\n## Decision Log\n"],
    ["the word", "# Plans\n\n## Progress\n\nFine-grained checkboxes, each stamped when done.\n\n## Decision Log\n"],
    ["nothing said of it", "```md\n## Progress\n\n## Decision Log\n```\n"],
    ["a list that only names it", "# Plans\n\n- `Progress`: kept current.\n- `Decision Log`: decisions, ticked off when revisited.\n"],
  ])("reads Progress as a checklist where the skeleton shows %s", (_, text) => {
    expect(readSkeleton(text)?.skeleton.checklist).toBe(true);
  });

  it("finds nothing in a document that names fewer than two sections", () => {
    expect(readSkeleton("# Contributing\n\n## Progress\n\nWe are making progress.\n")).toBeUndefined();
    expect(readSkeleton("")).toBeUndefined();
  });

  it.each([
    ["docs-layout", "PLANS.md"],
    ["agents-bilingual", ".agents/PLANS.md"],
    ["both-worlds", "docs/PLANS.md"],
    ["progress-log", "PLANS.md"],
    ["rules-behind-index", ".agents/PLANS.md"],
  ])("reads from %s's %s the skeleton its config holds", (repo, doc) => {
    const dir = path.join(FIXTURES, "execplan", repo);
    const config = JSON.parse(readFileSync(path.join(dir, "milestone-lint.config.json"), "utf8")) as { plans: { skeleton: SkeletonInput } };
    expect(readSkeleton(readFileSync(path.join(dir, doc), "utf8"))?.skeleton).toEqual(completeSkeleton(config.plans.skeleton));
  });
});

describe("a plan's heading against the skeleton", () => {
  const skeleton = completeSkeleton({
    sections: [
      { heading: "目的 / Purpose" },
      { heading: "進捗 / Progress", required: true },
      { heading: "Surprises & Discoveries", required: true },
      { heading: "Decision Log", required: true, aliases: ["決定事項"] },
      { heading: "Artifacts and Notes (optional)" },
    ],
  });
  const accepted = skeleton.sections.map(acceptedKeys);
  const sectionOf = (text: string) => skeletonSectionOf(accepted, text);

  it.each([
    ["進捗 / Progress", 1],
    ["Progress", 1],
    ["進捗", 1],
    ["2. Progress", 1],
    ["Surprises and Discoveries", 2],
    ["surprises & discoveries", 2],
    ["決定事項", 3],
    ["Artifacts and Notes", 4],
    ["Next steps", undefined],
  ])("%s is section %s", (text, index) => {
    expect(sectionOf(text)).toBe(index);
  });

  it("names the practice's section a heading is, and the wording to ask for", () => {
    expect(knownSectionOf("Decision log")).toBe("decisions");
    expect(knownSectionOf("Progress Log")).toBe("progress");
    expect(knownSectionOf("Suprises & Discoveries")).toBe("surprises");
    expect(knownSectionOf("Next steps")).toBeUndefined();
    expect(wordingOf("Suprises & Discoveries")).toBe("Surprises & Discoveries");
    expect(wordingOf("進捗 / Progress")).toBe("進捗 / Progress");
  });
});

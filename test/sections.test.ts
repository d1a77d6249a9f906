/** The section model's pieces that the fixtures exercise only in passing: comment classification and table cells. */
import { describe, expect, it } from "vitest";
import { TEMPLATE_SECTIONS, classifyComment, markerText } from "../src/source/sections.js";
import { tableRows } from "../src/source/table-cells.js";

const exact = new Map(TEMPLATE_SECTIONS.map((s, i) => [markerText(s.marker), i]));
const classify = (value: string) => classifyComment(value, TEMPLATE_SECTIONS, exact);
const OBJECTIVE = TEMPLATE_SECTIONS.findIndex((s) => s.marker === "Objective");
const RISKS = TEMPLATE_SECTIONS.findIndex((s) => s.marker === "Risks");

describe("classifyComment", () => {
  it("knows the template's markers exactly", () => {
    expect(classify("<!-- SECTION: Objective -->")).toEqual({ kind: "exact", section: OBJECTIVE });
    expect(classify("<!-- SECTION: Architecture / Design -->")).toEqual({ kind: "exact", section: 5 });
  });

  it.each([
    ["<!-- SECTON: Objective -->", "Objective"],
    ["<!-- SECTION: Objectives -->", "Objectives"],
    ["<!-- section: objective -->", "objective"],
    ["<!--SECTION: Objective-->", "Objective"],
    ["<!-- SECTION:Objective -->", "Objective"],
    ["<!-- SECTION Objective -->", "Objective"],
    ["<!--  SECTION:  Objective  -->", "Objective"],
    ["<!-- Objective -->", "Objective"],
  ])("%s is a misspelled Objective marker", (value, name) => {
    expect(classify(value)).toEqual({ kind: "misspelt", name, suggestion: OBJECTIVE });
  });

  it("suggests a marker from the heading's words", () => {
    expect(classify("<!-- SECTION: Risks & Mitigations -->")).toEqual({ kind: "misspelt", name: "Risks & Mitigations", suggestion: RISKS });
  });

  it("names no section for an unknown one, and ignores other comments", () => {
    expect(classify("<!-- SECTION: Notes -->")).toEqual({ kind: "misspelt", name: "Notes" });
    expect(classify("<!-- TODO: ask the DB team -->")).toBeUndefined();
    expect(classify("<!-- prettier-ignore -->")).toBeUndefined();
    expect(classify("<!---->")).toBeUndefined();
    expect(classify("<!-- Sections below are generated -->")).toBeUndefined();
    expect(classify("<!-- section break -->")).toBeUndefined();
  });
});

describe("tableRows", () => {
  const cells = (text: string) => tableRows(text, { start: 0, end: text.length }).map((row) => row.map((c) => [c.text, c.range.start]));

  it("reads the header and body rows with each cell's offset", () => {
    expect(cells("| A | B |\n| --- | :-: |\n| … | x \\| y |")).toEqual([
      [["A", 2], ["B", 6]],
      [["…", 26], ["x \\| y", 30]],
    ]);
  });

  it("needs a delimiter row with as many cells as the header", () => {
    expect(cells("| A | B |\n| x | y |")).toEqual([]);
    expect(cells("| A | B |\n| --- |")).toEqual([]);
    expect(cells("A | B\n--- | ---\nx | y")).toEqual([
      [["A", 0], ["B", 4]],
      [["x", 16], ["y", 20]],
    ]);
  });

  it("handles CRLF lines", () => {
    expect(cells("| A |\r\n| - |\r\n| … |")).toEqual([[["A", 2]], [["…", 16]]]);
  });
});

import { describe, expect, it } from "vitest";
import { asTypedLines, punctuated } from "./punctuate";
import type { FieldMemory } from "./types";

// A made-up supplier's address, printed over two lines on its reviewed documents.
const entry = (texts: Record<string, number>, lines = 2): FieldMemory => ({
  field: "vendor_address",
  text: Object.keys(texts)[0]!,
  constant: true,
  texts,
  shape: "",
  label: null,
  offset: null,
  position: { x0: 0, x1: 1, cy: 0 },
  words: 6,
  lines,
  documents: Object.keys(texts).flatMap((t, i) => Array.from({ length: texts[t]! }, (_, j) => `doc-${i}-${j}`)),
});

describe("the reviewers' line breaks in a value printed over several lines", () => {
  const read = "12 HIGH STREET\nLEEDS LS1 4AP";
  it("are dropped where most reviews typed the value on one line, with the commas they type at the break", () => {
    const typed = [entry({ "12 HIGH STREET, LEEDS LS1 4AP": 2, "12 HIGH STREET\nLEEDS LS1 4AP": 1 })];
    expect(asTypedLines(read, typed)).toBe("12 HIGH STREET LEEDS LS1 4AP");
    expect(punctuated(asTypedLines(read, typed), typed)).toBe("12 HIGH STREET, LEEDS LS1 4AP");
  });

  it("are kept where most reviews kept them, or the supplier prints the field on one line", () => {
    expect(asTypedLines(read, [entry({ "12 HIGH STREET\nLEEDS LS1 4AP": 2, "12 HIGH STREET LEEDS LS1 4AP": 1 })])).toBe(read);
    expect(asTypedLines(read, [entry({ "12 HIGH STREET LEEDS LS1 4AP": 3 }, 1)])).toBe(read);
    expect(asTypedLines(read, [])).toBe(read);
  });
});

import { describe, expect, it } from "vitest";
import type { Box, OcrWord } from "../types";
import { pageOf } from "./__fixtures__/page";
import { extentSignals, unclaimedWords } from "./extent";

/** A word of text layer print: box in grid units, on line `line`. */
function word(id: string, text: string, box: Box, line: string): OcrWord {
  return { id, text, box, quad: [], conf: 1, lineId: line, symbols: [] } as unknown as OcrWord;
}

const page = (words: OcrWord[]) => pageOf(words, "textlayer");

// A table row: description "Heavy Duty Stapler" at x 100–300, its amount at x 800–850, 13 units tall.
const desc = [
  word("d0", "Heavy", { x0: 100, y0: 500, x1: 150, y1: 513 }, "l0"),
  word("d1", "Duty", { x0: 155, y0: 500, x1: 195, y1: 513 }, "l0"),
  word("d2", "Stapler", { x0: 200, y0: 500, x1: 300, y1: 513 }, "l0"),
];
const amount = word("a0", "12.00", { x0: 800, y0: 500, x1: 850, y1: 513 }, "l0");
const descBox = { x0: 100, y0: 500, x1: 300, y1: 513 };
const amountBox = { x0: 800, y0: 500, x1: 850, y1: 513 };

describe("extent signals of a text value", () => {
  it("finds nothing around a cell that took all of its print", () => {
    const p = page([...desc, amount]);
    const s = extentSignals(p, descBox, unclaimedWords(p, [descBox, amountBox]));
    expect(s).toEqual({ orphanBelow: false, orphanBeside: false, sizeRatio: 1, underLarge: false });
  });

  it("sees the wrapped second line of a description left unclaimed under it", () => {
    const p = page([...desc, amount, word("w0", "(blue)", { x0: 100, y0: 516, x1: 150, y1: 529 }, "l1")]);
    expect(extentSignals(p, descBox, unclaimedWords(p, [descBox, amountBox])).orphanBelow).toBe(true);
    // the same line claimed by the value (its box spans both lines): nothing orphaned
    const both = { ...descBox, y1: 529 };
    expect(extentSignals(p, both, unclaimedWords(p, [both, amountBox])).orphanBelow).toBe(false);
  });

  it("sees the rest of a name cut at a word space, but not a label before it", () => {
    const cut = { x0: 155, y0: 500, x1: 300, y1: 513 }; // "Duty Stapler" without "Heavy"
    const p = page([...desc, amount]);
    expect(extentSignals(p, cut, unclaimedWords(p, [cut, amountBox])).orphanBeside).toBe(true);
    const labelled = page([word("l", "Item:", { x0: 40, y0: 500, x1: 95, y1: 513 }, "l0"), ...desc, amount]);
    expect(extentSignals(labelled, descBox, unclaimedWords(labelled, [descBox, amountBox])).orphanBeside).toBe(false);
  });

  it("measures print of another size joined to the value and a watermark over it", () => {
    const detail = word("d3", "Completed", { x0: 305, y0: 502, x1: 360, y1: 513 }, "l0");
    const joined = { ...descBox, x1: 360 };
    const p = page([...desc, detail, amount, word("wm", "DRAFT", { x0: 250, y0: 300, x1: 700, y1: 650 }, "l9")]);
    const s = extentSignals(p, joined, unclaimedWords(p, [joined, amountBox]));
    expect(s.sizeRatio).toBeCloseTo(13 / 11);
    expect(s.underLarge).toBe(true);
  });
});

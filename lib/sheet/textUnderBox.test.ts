import { describe, expect, it } from "vitest";
import type { OcrWord } from "@/lib/engine/types";
import { textUnderBox } from "./textUnderBox";

function word(id: string, text: string, x0: number, y0: number, x1: number, y1: number, lineId: string): OcrWord {
  const box = { x0, y0, x1, y1 };
  return {
    id,
    text,
    box,
    quad: [
      { x: x0, y: y0 },
      { x: x1, y: y0 },
      { x: x1, y: y1 },
      { x: x0, y: y1 },
    ],
    conf: 0.9,
    symbols: [],
    lineId,
  };
}

const page = {
  words: [
    word("w0", "Total", 100, 500, 160, 520, "l0"),
    word("w1", "12,430.00", 600, 500, 700, 520, "l0"),
    word("w2", "EUR", 705, 500, 740, 520, "l0"),
    word("w3", "incl.", 600, 530, 640, 550, "l1"),
    word("w4", "VAT", 645, 530, 690, 550, "l1"),
  ],
};

describe("textUnderBox", () => {
  it("proposes the words whose centres fall in the drawn box, in reading order", () => {
    expect(textUnderBox(page, { xmin: 590, ymin: 495, xmax: 745, ymax: 525 })).toBe("12,430.00 EUR");
    expect(textUnderBox(page, { xmin: 590, ymin: 495, xmax: 695, ymax: 555 })).toBe("12,430.00 incl. VAT");
  });
  it("takes a mostly covered word and nothing from an empty area", () => {
    expect(textUnderBox(page, { xmin: 590, ymin: 495, xmax: 690, ymax: 525 })).toBe("12,430.00");
    expect(textUnderBox(page, { xmin: 0, ymin: 0, xmax: 50, ymax: 50 })).toBe("");
  });
});

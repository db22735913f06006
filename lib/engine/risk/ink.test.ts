import { describe, expect, it } from "vitest";
import type { OcrWord } from "../types";
import { pageOf } from "./__fixtures__/page";
import { familyOf } from "./calibrate";
import { derive } from "./derive";
import { inkSignals } from "./ink";
import { type RiskModel, scoreRisk } from "./model";

/** A word at x0..x1 on line `line` (grid units), one symbol per letter with the given confidences. */
function word(id: string, text: string, x0: number, x1: number, line: string, confs: number[] = []): OcrWord {
  const box = { x0, y0: line === "l0" ? 100 : 200, x1, y1: line === "l0" ? 110 : 210 };
  const step = (x1 - x0) / text.length;
  return {
    id,
    text,
    box,
    quad: [],
    conf: 0.95,
    lineId: line,
    symbols: [...text].map((c, i) => ({ text: c, conf: confs[i] ?? 0.99, box: { ...box, x0: x0 + i * step, x1: x0 + (i + 1) * step } })),
  } as unknown as OcrWord;
}

const page = (words: OcrWord[]) => pageOf(words);

const valueBox = { x0: 0, y0: 95, x1: 500, y1: 115 };

describe("ink signals of a value", () => {
  it("finds the weakest letter that a sure word hides", () => {
    const p = page([word("w0", "Kestrel", 10, 80, "l0", [0.99, 0.99, 0.62]), word("w1", "Tooling", 90, 160, "l0")]);
    const s = inkSignals(p, valueBox, "Kestrel Tooling");
    expect(s.charMin).toBeCloseTo(0.62);
    expect(s.tightSpace).toBe(false);
  });

  it("calls a space narrower than a third of a letter a guess", () => {
    // "1" then "TB" 1 unit apart, letters ~10 units wide: printed "1TB", read "1 TB"
    const p = page([word("w0", "1", 10, 20, "l0"), word("w1", "TB", 21, 41, "l0")]);
    expect(inkSignals(p, valueBox, "1 TB").tightSpace).toBe(true);
    const q = page([word("w0", "1", 10, 20, "l0"), word("w1", "TB", 30, 50, "l0")]);
    expect(inkSignals(q, valueBox, "1 TB").tightSpace).toBe(false);
  });

  it("sees the same text printed again on another line, and only there", () => {
    const twice = page([word("w0", "Kestrel", 10, 80, "l0"), word("w1", "Thanks,", 10, 80, "l1"), word("w2", "Kestrel", 90, 160, "l1")]);
    expect(inkSignals(twice, valueBox, "Kestrel").repeated).toBe(true);
    const once = page([word("w0", "Kestrel", 10, 80, "l0"), word("w1", "Thanks", 10, 80, "l1")]);
    expect(inkSignals(once, valueBox, "Kestrel").repeated).toBe(false);
    // too short to mean anything ("1", "EUR")
    const short = page([word("w0", "EUR", 10, 80, "l0"), word("w1", "EUR", 10, 80, "l1")]);
    expect(inkSignals(short, valueBox, "EUR").repeated).toBe(false);
  });

  it("knows a character the glyphs stage replaced (read/glyphs.ts): the value is not what the reader read", () => {
    const sign = word("w1", "×", 30, 36, "l0");
    const p = page([word("w0", "120", 10, 28, "l0"), { ...sign, symbols: [{ ...sign.symbols[0]!, read: "x" }] }, word("w2", "90", 40, 52, "l0")]);
    expect(inkSignals(p, valueBox, "120 × 90").restored).toBe(true);
    expect(inkSignals(page([word("w0", "120", 10, 28, "l0"), word("w1", "x", 30, 36, "l0")]), valueBox, "120 x").restored).toBe(false);
  });
});

describe("the photo family", () => {
  it("is a flattened OCR'd sheet that is neither a text layer nor receipt-shaped", () => {
    expect(familyOf({ photo_page: 1 })).toBe("photo");
    expect(familyOf({ photo_page: 1, receipt_shape: 1 })).toBe("receipt");
    expect(familyOf({ photo_page: 1, text_layer: 1 })).toBe("text");
  });

  it("gives a photo's values their own interaction weights", () => {
    const f = derive({ photo_page: 1, line_cell: 1 });
    expect(f.ph_line_cell).toBe(1);
    expect(derive({ photo_page: 1, receipt_shape: 1, line_cell: 1 }).ph_line_cell).toBe(0);
    expect(derive({ line_cell: 1 }).ph_line_cell).toBe(0);
  });

  it("a model without a photo calibration scores photos with the clean scans' one, as before the family existed", () => {
    const m: RiskModel = { version: 1, features: ["line_cell"], weights: [1], bias: -3, calibration: { scan: [2, -1] } };
    expect(scoreRisk(m, { photo_page: 1, line_cell: 1 })).toBeCloseTo(scoreRisk(m, { line_cell: 1 }), 10);
    expect(scoreRisk({ ...m, calibration: { scan: [2, -1], photo: [1, 0] } }, { photo_page: 1, line_cell: 1 })).toBeCloseTo(1 / (1 + Math.exp(2)), 10);
  });
});

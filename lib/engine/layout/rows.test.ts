import { describe, expect, it } from "vitest";
import { ocrPage } from "../__fixtures__/ocr-page";
import type { OcrWord } from "../types";
import { analyzePage, joinWords, spaceInsideWord } from "./rows";
import { makePage } from "./testing";

const QUAD: OcrWord["quad"] = [
  { x: 0, y: 0 },
  { x: 0, y: 0 },
  { x: 0, y: 0 },
  { x: 0, y: 0 },
];

describe("analyzePage", () => {
  it("groups words into rows and splits rows at column gaps", () => {
    const page = makePage([
      {
        y: 100,
        runs: [
          ["Invoice No:", 100],
          ["INV-2049", 400],
        ],
      },
      {
        y: 130,
        runs: [
          ["Date:", 100],
          ["2026-11-21", 400],
        ],
      },
    ]);
    const layout = analyzePage(page);
    expect(layout.rows.map((r) => r.segments.map((s) => s.text))).toEqual([
      ["Invoice No:", "INV-2049"],
      ["Date:", "2026-11-21"],
    ]);
  });

  it("keeps a slightly skewed line together", () => {
    const page = makePage([
      { y: 100, runs: [["Total", 100]] },
      { y: 104, runs: [["$12.50", 600]] },
    ]);
    for (const l of page.lines) l.angle = 0.4;
    expect(analyzePage(page).rows).toHaveLength(1);
  });

  it("keeps a word the reader set on a line with its neighbours, though its centre sits lower (no ascenders)", () => {
    // dev-001-0021's OCR: "82 rue des Lilas" (block 0) beside "Réf. commande : 4509114948" (block 1, 4 units higher),
    // one line of the reader's; "rue" has no ascender, so its centre is 1.5 units below its neighbours'.
    const word = (id: string, text: string, x0: number, y0: number, x1: number, y1: number, blockId: string): OcrWord => ({
      id,
      text,
      box: { x0, y0, x1, y1 },
      quad: QUAD,
      conf: 0.96,
      symbols: [],
      lineId: "l5",
      blockId,
    });
    const words = [
      word("w20", "82", 64.5, 131.1, 82.2, 139.6, "b0"),
      word("w21", "rue", 90.2, 133.3, 115.2, 139.6, "b0"),
      word("w22", "des", 122.5, 130.5, 149.9, 139.6, "b0"),
      word("w23", "Lilas", 157.1, 130.5, 191.8, 139.6, "b0"),
      word("w24", "Réf.", 690.6, 126.5, 718.0, 135.6, "b1"),
      word("w25", "commande", 726.0, 126.5, 816.3, 135.6, "b1"),
      word("w26", ":", 823.5, 129.3, 825.9, 135.6, "b1"),
      word("w27", "4509114948", 833.2, 127.1, 935.5, 135.6, "b1"),
    ];
    const others = [word("x1", "13001", 64, 146, 107, 154, "b0"), word("x2", "Marseille", 113, 146, 183, 154, "b0")].map((w) => ({ ...w, lineId: "l6" }));
    const page = ocrPage({
      width: 1241,
      height: 1755,
      language: "fra",
      words: [...words, ...others],
      lines: [
        { id: "l5", wordIds: words.map((w) => w.id), box: { x0: 64, y0: 126, x1: 936, y1: 140 }, angle: 0 },
        { id: "l6", wordIds: ["x1", "x2"], box: { x0: 64, y0: 146, x1: 183, y1: 154 }, angle: 0 },
      ],
    });
    expect(analyzePage(page).rows.map((r) => r.segments.map((s) => s.text))).toEqual([["82 rue des Lilas", "Réf. commande : 4509114948"], ["13001 Marseille"]]);
  });

  it("closes gaps left by CJK radicals placed as separate runs", () => {
    const page = makePage([
      {
        y: 100,
        runs: [
          ["⼩", 100],
          ["計", 108],
        ],
      },
    ]);
    expect(analyzePage(page).segments[0]?.text).toBe("小計");
  });

  it("keeps the printed space after a date comma, but closes OCR splits of a thousands group", () => {
    const word = (text: string, x0: number): OcrWord => ({
      id: text,
      text,
      box: { x0, y0: 100, x1: x0 + 8 * text.length, y1: 112 },
      quad: QUAD,
      conf: 1,
      symbols: [],
      lineId: "l",
    });
    // OCR pages (cjkGap > 0): a year 6 units after "23," is a separate word; "800" 6 units after "133," is one number.
    expect(joinWords([word("June", 100), word("23,", 138), word("2026", 168)], 1, 0.8).text).toBe("June 23, 2026");
    expect(joinWords([word("133,", 100), word("800", 138)], 1, 0.8).text).toBe("133,800");
    // Monospaced receipts leave a cell-wide gap after the decimal point; "A4, 80 g" is no number.
    expect(joinWords([word("49.", 100), word("40", 130)], 1, 0.8).text).toBe("49.40");
    expect(joinWords([word("A4,", 100), word("80", 130)], 1, 0.8).text).toBe("A4, 80");
    // A currency code glued to the amount is no letter of a word: "RM20. 40" is RM 20.40.
    expect(joinWords([word("RM20.", 100), word("40", 150)], 1, 0.8).text).toBe("RM20.40");
    expect(joinWords([word("-EUR5,", 100), word("90", 160)], 1, 0.8).text).toBe("-EUR5,90");
    expect(joinWords([word("AB4,", 100), word("80", 140)], 1, 0.8).text).toBe("AB4, 80");
  });

  it("keeps a narrow no-break space between two text-layer runs, which OCR pages would close", () => {
    const word = (text: string, x0: number): OcrWord => ({
      id: text,
      text,
      box: { x0, y0: 100, x1: x0 + 8 * text.length, y1: 120 },
      quad: QUAD,
      conf: 1,
      symbols: [],
      lineId: "l",
    });
    // "2 583,66": runs 2 units apart on a 20-unit-high (ascent to descent) text-layer line.
    expect(joinWords([word("2", 100), word("583,66", 110)], 1).text).toBe("2 583,66");
    // Touching runs (a ligature or a kerned split) stay one word.
    expect(joinWords([word("Of", 100), word("fice", 116.5)], 1).text).toBe("Office");
  });

  it("spaces CJK before a digit or bracket at a smaller gap, but not inside dates, block-lot numbers or counters", () => {
    const word = (text: string, x0: number, w = 10 * text.length): OcrWord => ({
      id: text,
      text,
      box: { x0, y0: 100, x1: x0 + w, y1: 110 },
      quad: QUAD,
      conf: 1,
      symbols: [],
      lineId: "l",
    });
    // 5 units is half the text height: a space from CJK to "24型" or "(半日)" and after a postcode, none elsewhere.
    expect(joinWords([word("液晶モニター", 0), word("24型", 65)], 1, 0.8).text).toBe("液晶モニター 24型");
    expect(joinWords([word("社員研修", 0), word("(半日)", 45)], 1, 0.8).text).toBe("社員研修 (半日)");
    expect(joinWords([word("〒150-0001", 0), word("東京都", 105)], 1, 0.8).text).toBe("〒150-0001 東京都");
    expect(joinWords([word("令和6年8月", 0), word("1日", 65)], 1, 0.8).text).toBe("令和6年8月1日");
    expect(joinWords([word("100", 0), word("袋", 35)], 1, 0.8).text).toBe("100袋");
    expect(joinWords([word("中区栄", 0), word("5-12-2", 50)], 1, 0.8).text).toBe("中区栄5-12-2");
  });

  it("measures the gap between words from their glyphs when an OCR word box overreaches", () => {
    const sym = (text: string, x0: number) => ({ text, box: { x0, y0: 100, x1: x0 + 7, y1: 112 }, conf: 1 });
    const laptop: OcrWord = {
      id: "a",
      text: "Laptop",
      box: { x0: 100, y0: 100, x1: 260, y1: 112 },
      quad: QUAD,
      conf: 0.8,
      symbols: [..."Laptop"].map((c, i) => sym(c, 100 + 8 * i)),
      lineId: "l",
    };
    const stand: OcrWord = {
      id: "b",
      text: "Stand,",
      box: { x0: 152, y0: 100, x1: 200, y1: 112 },
      quad: QUAD,
      conf: 1,
      symbols: [..."Stand,"].map((c, i) => sym(c, 152 + 8 * i)),
      lineId: "l",
    };
    expect(joinWords([laptop, stand], 1, 0.8).text).toBe("Laptop Stand,");
  });

  it("reads the narrow space OCR keeps inside a word from its glyph boxes", () => {
    const word = (text: string, xs: number[]): OcrWord => ({
      id: text,
      text,
      box: { x0: xs[0]!, y0: 100, x1: xs.at(-1)! + 6, y1: 110 },
      quad: QUAD,
      conf: 1,
      symbols: [...text].map((c, i) => ({ text: c, box: { x0: xs[i]!, y0: 100, x1: xs[i]! + 6, y1: 110 }, conf: 1 })),
      lineId: "l",
    });
    // "€" then 5 units to the digits (a space), digits 1.5 apart.
    expect(spaceInsideWord(word("€527.99", [0, 11, 18.5, 26, 33.5, 41, 48.5]), 10)).toBe("€ 527.99");
    expect(spaceInsideWord(word("$527.99", [0, 7.5, 15, 22.5, 30, 37.5, 45]), 10)).toBe("$527.99");
    expect(spaceInsideWord(word("1077,50", [0, 12, 19.5, 27, 34.5, 42, 49.5]), 10)).toBe("1 077,50");
    // A house number has no thousands groups, and a CJK page's ¥ keeps its full-width gap.
    expect(spaceInsideWord(word("1068", [0, 12, 19.5, 27]), 10)).toBe("1068");
    expect(spaceInsideWord(word("23,2026", [0, 7.5, 15, 22.5, 30, 37.5, 45]), 10)).toBe("23, 2026");
    // A narrow "1" leaves a wide ink gap after it: judged against the lower median, the space after "€" still shows.
    expect(spaceInsideWord(word("€15.99", [0, 12.7, 19.9, 28, 31.2, 39.3]), 10)).toBe("€ 15.99");
    expect(spaceInsideWord(word("¥64,080", [0, 11, 18.5, 26, 33.5, 41, 48.5]), 10, false)).toBe("¥64,080");
  });
});

import { describe, expect, it } from "vitest";
import { ocrPage } from "../__fixtures__/ocr-page";
import type { OcrPage, OcrWord } from "../types";
import { fusePages } from "./fuse";
import { boxToQuad } from "./geometry";

/** A word at x0 on a row at y (grid units), one symbol per character, 10 units each; spaces split words. */
function row(text: string, x0: number, y: number, conf: number, lineId: string): OcrWord[] {
  const words: OcrWord[] = [];
  let x = x0;
  for (const part of text.split(" ")) {
    if (part) {
      const chars = [...part];
      const box = { x0: x, y0: y, x1: x + 10 * chars.length, y1: y + 20 };
      const symbols = chars.map((c, i) => ({ text: c, box: { x0: x + 10 * i, y0: y, x1: x + 10 * (i + 1), y1: y + 20 }, conf }));
      words.push({ id: "", text: part, box, quad: boxToQuad(box), conf, symbols, lineId });
      x += 10 * chars.length;
    }
    x += 5; // a narrow space
  }
  return words;
}

function page(rows: OcrWord[][], source: OcrPage["source"] = "other"): OcrPage {
  const words = rows.flat().map((w, i) => ({ ...w, id: `w${i}` }));
  const lines = [...new Set(words.map((w) => w.lineId))].map((id) => {
    const ws = words.filter((w) => w.lineId === id);
    return {
      id,
      wordIds: ws.map((w) => w.id),
      box: { x0: ws[0]!.box.x0, y0: ws[0]!.box.y0, x1: ws[ws.length - 1]!.box.x1, y1: ws[0]!.box.y1 },
      angle: 0,
    };
  });
  return ocrPage({ source, words, lines });
}

const text = (p: OcrPage) => p.lines.map((l) => l.wordIds.map((id) => p.words[Number(id.slice(1))]!.text).join(" ")).join("\n");
const noEuro = (ch: string) => ch !== "€" && ch !== "ß";

describe("fusePages", () => {
  it("takes the second reading where it only adds characters the first cannot produce, and its spaces", () => {
    const first = page([row("Total", 100, 100, 0.95, "l0"), row("1234,50E", 300, 100, 0.9, "l0")]);
    const second = page([[...row("Total", 100, 100, 0.9, "a"), ...row("1 234,50 €", 300, 100, 0.85, "a")]], "tesseract");
    const { page: fused, stats } = fusePages(first, second, { firstCharset: noEuro });
    expect(text(fused)).toBe("Total 1 234,50 €");
    expect(stats.completed).toBe(1);
    expect(fused.words.some((w) => w.alt !== undefined)).toBe(false);
    expect(fused.words.map((w) => w.id)).toEqual(fused.words.map((_, i) => `w${i}`));
    expect(fused.lines.flatMap((l) => l.wordIds)).toEqual(fused.words.map((w) => w.id));
  });

  it("raises the confidence of words both readings agree on", () => {
    const { page: fused, stats } = fusePages(page([row("Invoice", 100, 100, 0.8, "l0")]), page([row("Invoice", 100, 100, 0.7, "a")]));
    expect(stats.agreed).toBe(1);
    expect(fused.words[0]!.conf).toBeGreaterThan(0.9);
    expect(fused.words[0]!.alt).toBeUndefined();
  });

  it("keeps the more confident reading of a real difference, with the other as a doubt", () => {
    const first = page([row("7.24", 100, 100, 0.6, "l0")]);
    const second = page([row("7.84", 100, 100, 0.95, "a")]);
    const a = fusePages(first, second).page.words[0]!;
    expect(a.text).toBe("7.84");
    expect(a.alt).toBe("7.24");
    expect(a.conf).toBeLessThan(0.95);
    const b = fusePages(page([row("7.24", 100, 100, 0.97, "l0")]), page([row("7.84", 100, 100, 0.7, "a")])).page.words[0]!;
    expect(b.text).toBe("7.24");
    expect(b.alt).toBe("7.84");
    expect(b.conf).toBeLessThan(0.97);
  });

  it("adds a sure word only the second reading has, on the row it belongs to", () => {
    const first = page([row("Amount 12,50", 100, 100, 0.95, "l0"), row("Thanks", 100, 300, 0.95, "l1")]);
    const second = page([[...row("Amount 12,50", 100, 100, 0.9, "a"), ...row("EUR", 400, 102, 0.92, "a")], row("xx", 600, 600, 0.3, "b")]);
    const { page: fused, stats } = fusePages(first, second);
    expect(stats.added).toBe(1);
    expect(text(fused)).toBe("Amount 12,50 EUR\nThanks");
  });
});

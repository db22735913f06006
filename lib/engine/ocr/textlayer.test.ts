import { describe, expect, it } from "vitest";
import type { TextLayerPage } from "../types";
import { charWidthEm, pageFromTextLayer } from "./textlayer";

const page: TextLayerPage = {
  width: 1000,
  height: 2000,
  items: [
    // Deliberately out of order: reading order must come from geometry.
    { text: "Total: 1.234,56 €", x: 600, y: 400, width: 300, height: 20 },
    { text: "Rechnung Nr. 42", x: 100, y: 100, width: 200, height: 20 },
    { text: "Hauptstraße 12", x: 100, y: 402, width: 180, height: 20 },
    { text: "   ", x: 0, y: 0, width: 10, height: 10 },
  ],
};

describe("pageFromTextLayer", () => {
  it("builds words, lines and reading order on the 0–1000 grid", () => {
    const p = pageFromTextLayer(page, 3)!;
    expect(p).not.toBeNull();
    expect(p.index).toBe(3);
    expect(p.source).toBe("textlayer");
    expect(p.words.map((w) => w.text)).toEqual(["Rechnung", "Nr.", "42", "Hauptstraße", "12", "Total:", "1.234,56", "€"]);
    expect(p.words.map((w) => w.id)).toEqual(["w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7"]);
    // The far-right "Total" run is a separate line (a column), not glued to the address.
    expect(p.lines.map((l) => l.wordIds.length)).toEqual([3, 2, 3]);
    const first = p.words[0]!;
    expect(first.box.x0).toBeCloseTo(100);
    expect(first.box.y0).toBeCloseTo(50);
    expect(first.box.y1).toBeCloseTo(60);
    expect(first.lineId).toBe(p.lines[0]!.id);
    expect(first.quad[2]).toEqual({ x: first.box.x1, y: first.box.y1 });
  });

  it("interpolates one symbol box per character, in order, proportional to width", () => {
    const p = pageFromTextLayer(page, 0)!;
    const w = p.words.find((x) => x.text === "Hauptstraße")!;
    expect(w.symbols.map((s) => s.text).join("")).toBe("Hauptstraße");
    expect(w.symbols.every((s) => s.interpolated === true && s.conf === 1)).toBe(true);
    for (let i = 1; i < w.symbols.length; i++) {
      expect(w.symbols[i]!.box.x0).toBeCloseTo(w.symbols[i - 1]!.box.x1);
    }
    // Capital H is wider than the l-like t.
    const h = w.symbols[0]!.box;
    const t = w.symbols[4]!.box;
    expect(h.x1 - h.x0).toBeGreaterThan(t.x1 - t.x0);
    // The last word of the run ends at the run's right edge.
    const twelve = p.words.find((x) => x.text === "12")!;
    expect(twelve.box.x1).toBeCloseTo(280);
  });

  it("returns null for empty or garbage text layers", () => {
    expect(pageFromTextLayer({ width: 100, height: 100, items: [] }, 0)).toBeNull();
    const garbage = "\ue000\ue001\ue002\u0003\u0004\ue005 \ue006\ue007";
    expect(pageFromTextLayer({ width: 100, height: 100, items: [{ text: garbage, x: 1, y: 1, width: 50, height: 5 }] }, 0)).toBeNull();
    const punct = "!!@@##$$%%^^&&**";
    expect(pageFromTextLayer({ width: 100, height: 100, items: [{ text: punct, x: 1, y: 1, width: 50, height: 5 }] }, 0)).toBeNull();
  });

  it("keeps CJK text and gives full-width glyphs equal boxes", () => {
    const p = pageFromTextLayer({ width: 500, height: 500, items: [{ text: "請求書 合計", x: 10, y: 10, width: 110, height: 20 }] }, 0)!;
    expect(p.words.map((w) => w.text)).toEqual(["請求書", "合計"]);
    const s = p.words[0]!.symbols;
    expect(s[0]!.box.x1 - s[0]!.box.x0).toBeCloseTo(s[1]!.box.x1 - s[1]!.box.x0);
  });

  it("folds look-alike Kangxi radicals from CJK ToUnicode maps back to ideographs", () => {
    const p = pageFromTextLayer({ width: 500, height: 500, items: [{ text: "東京都渋\u2f95区 ￥1,000", x: 10, y: 10, width: 200, height: 20 }] }, 0)!;
    expect(p.words.map((w) => w.text)).toEqual(["東京都渋谷区", "￥1,000"]);
  });
});

describe("pageFromTextLayer with a tilted run", () => {
  it("keeps a tilted stamp out of the table row it crosses, so the row stays level", () => {
    const p = pageFromTextLayer(
      {
        width: 1000,
        height: 1000,
        items: [
          { text: "Laptop Stand", x: 100, y: 500, width: 120, height: 15 },
          { text: "PAID", x: 150, y: 495, width: 60, height: 30, angle: -15 },
          { text: "36.44", x: 300, y: 500, width: 50, height: 15 },
        ],
      },
      0,
    )!;
    const lineOf = (t: string) => p.lines.find((l) => l.wordIds.includes(p.words.find((w) => w.text === t)!.id))!;
    expect(lineOf("Laptop").angle).toBe(0);
    expect(lineOf("Laptop").id).toBe(lineOf("Stand").id);
    expect(lineOf("PAID").angle).toBe(-15);
    expect(lineOf("PAID").id).not.toBe(lineOf("Laptop").id);
  });
});

describe("character widths inside a run", () => {
  it("places a word inside a long run where a Helvetica-like face prints it", () => {
    // "Payment terms: Net 15" at 10 px in Helvetica: "Payment terms: " is 72.8 px of 102.26.
    const p = pageFromTextLayer({ width: 1000, height: 1000, items: [{ text: "Payment terms: Net 15", x: 100, y: 100, width: 102.26, height: 12 }] }, 0)!;
    const net = p.words.find((w) => w.text === "Net")!;
    expect(net.box.x0).toBeCloseTo(172.8, 1);
    expect(charWidthEm("i")).toBeLessThan(charWidthEm("n"));
    expect(charWidthEm("é")).toBe(charWidthEm("e"));
  });
});

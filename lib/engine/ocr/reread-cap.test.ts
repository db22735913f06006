import { describe, expect, it } from "vitest";
import { ocrPage } from "../__fixtures__/ocr-page";
import { chooseRegions } from "./second-pass";
import { affordable, cropGeometry, MAX_REREAD_PIXELS, MAX_REREAD_REGIONS } from "./reread";

describe("the re-read's work cap", () => {
  it("reads a prefix of the regions: the most important first, until the pixel cap", () => {
    expect(affordable([100, 200, 300], 24, 1000)).toBe(3);
    expect(affordable([400, 500, 200], 24, 1000)).toBe(2);
    // A region that does not fit ends the reading even if a later, smaller one would: the order is the priority.
    expect(affordable([400, 700, 10], 24, 1000)).toBe(1);
    // The first region is read even when alone it is over the cap.
    expect(affordable([5000, 10], 24, 1000)).toBe(1);
    expect(affordable([], 24, 1000)).toBe(0);
  });

  it("reads at most MAX_REREAD_REGIONS regions", () => {
    expect(affordable(Array(40).fill(1))).toBe(MAX_REREAD_REGIONS);
    expect(affordable(Array(40).fill(1), 5, 1000)).toBe(5);
  });

  it("is the same answer every time (no clock in it)", () => {
    const px = Array.from({ length: 30 }, (_, i) => 40_000 + ((i * 7919) % 50_000));
    const n = affordable(px);
    for (let k = 0; k < 5; k++) expect(affordable(px)).toBe(n);
    expect(px.slice(0, n).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(MAX_REREAD_PIXELS);
  });

  it("counts the upscaled crop with its margin: a small print is scaled to the text height tesseract reads best at", () => {
    // A 2000×3000 page, a value 10 px high and 100 px wide: scaled ×4 (the cap), 20-px margins.
    const g = cropGeometry(2000, 3000, 0, { x0: 500, y0: 500, x1: 550, y1: 500 + 10 / 3 });
    expect(g.scale).toBe(4);
    expect(g.pixels).toBe((Math.round(g.width * 4) + 40) * (Math.round(g.height * 4) + 40));
    // Sideways the text height runs along x.
    const s = cropGeometry(3000, 2000, 90, { x0: 500, y0: 500, x1: 500 + 10 / 3, y1: 550 });
    expect(s.sideways).toBe(true);
    expect(s.scale).toBe(4);
    // A crop under 4 px is not read and costs nothing.
    expect(cropGeometry(100, 100, 0, { x0: 0, y0: 0, x1: 10, y1: 10 }).pixels).toBe(0);
  });

  it("takes chooseRegions' order, failed checks first: a full page of unsure values keeps the checked one", () => {
    // 30 unsure amounts (conf 0.5) and one well read (conf 0.95) that a failed check names.
    const words = Array.from({ length: 31 }, (_, i) => {
      const box = { x0: 700, y0: 20 + i * 30, x1: 760, y1: 40 + i * 30 };
      const text = `${i + 1}.00`;
      const conf = i === 30 ? 0.95 : 0.5;
      return {
        id: `w${i}`,
        text,
        box,
        quad: [] as never,
        conf,
        symbols: [...text].map((c) => ({ text: c, box, conf })),
        lineId: `l${i}`,
      };
    });
    const page = ocrPage({ words, lines: words.map((w) => ({ id: w.lineId, wordIds: [w.id], box: w.box, angle: 0 })) });
    const fields = words.map((_, i) => ({ name: `a${i}`, type: "number" as const }));
    const data = Object.fromEntries(
      words.map((w, i) => [
        `a${i}`,
        {
          value: w.text,
          bbox: { xmin: w.box.x0, ymin: w.box.y0, xmax: w.box.x1, ymax: w.box.y1 },
          vertices: null,
          match_ratio: 1,
          bbox_source: "vision_symbol_match",
          page: 0,
        },
      ]),
    );
    const issues = [{ code: "total_sum", severity: "error" as const, message: "", fields: ["a30"] }];
    const regions = chooseRegions([page], fields, { data, issues } as never);
    const px = regions.map((r) => cropGeometry(2000, 2000, 0, r.box).pixels);
    const read = regions.slice(0, affordable(px, MAX_REREAD_REGIONS, px[0]! * 3.5));
    expect(read).toHaveLength(3);
    expect(read[0]!.paths).toEqual(["a30"]);
  });
});

import { describe, expect, it } from "vitest";
import { renderPng } from "../ocr/__fixtures__/render";
import { findPaper } from "./paper";
import { toGrey } from "./raster";

describe("findPaper", () => {
  it("finds a tilted sheet on a dark, textured desk", async () => {
    const stripes = Array.from({ length: 30 }, (_, i) => `<rect x="0" y="${i * 20}" width="800" height="8" fill="#5a4a3a"/>`).join("");
    const lines = Array.from(
      { length: 12 },
      (_, i) => `<text x="220" y="${170 + i * 28}" font-family="DejaVu Sans" font-size="18">Line ${i} of the receipt 12.50</text>`,
    ).join("");
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="100%" height="100%" fill="#3b2f25"/>${stripes}<g transform="rotate(4 400 300)"><rect x="200" y="120" width="420" height="380" fill="#eeeae0"/>${lines}</g></svg>`;
    const grey = await toGrey((await renderPng(svg)).png);
    const r = findPaper(grey)!;
    expect(r).not.toBeNull();
    // The rotated sheet spans about x 170–650, y 100–520.
    expect(r.x0).toBeGreaterThan(140);
    expect(r.x0).toBeLessThan(200);
    expect(r.x1).toBeGreaterThan(620);
    expect(r.x1).toBeLessThan(680);
    expect(r.y0).toBeGreaterThan(70);
    expect(r.y1).toBeLessThan(560);
  });

  it("does not crop a page that is all paper", async () => {
    const grey = await toGrey(
      (
        await renderPng(
          `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="500"><rect width="100%" height="100%" fill="#fff"/><text x="20" y="40" font-size="20">Hello</text></svg>`,
        )
      ).png,
    );
    expect(findPaper(grey)).toBeNull();
  });
});

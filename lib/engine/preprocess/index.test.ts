import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { createOcrEngine } from "../ocr";
import { renderPng, rotatePng, svgPage } from "../ocr/__fixtures__/render";
import { normalizeIllumination } from "./illumination";
import { prepareForOcr } from "./index";
import { textDirection } from "./orientation";
import { greyToPng, toGrey } from "./raster";

const engine = createOcrEngine({ detectOrientation: false, prepare: { removeRules: false } });
afterAll(() => engine.close());

const lines = [
  { text: "Receipt 4711", x: 30, y: 50 },
  { text: "Coffee beans 2 x 7.50", x: 30, y: 100 },
  { text: "TOTAL 15.00", x: 30, y: 150 },
];
const words = (p: { words: { text: string }[] }) => p.words.map((w) => w.text).join(" ");

describe("textDirection", () => {
  it("tells horizontal text lines from a sideways page", async () => {
    // A page-like block of lines (a three-line snippet is too little evidence either way).
    const many = Array.from({ length: 12 }, (_, i) => ({
      text: `Item ${i + 1} Widget type ${String.fromCharCode(65 + i)} ${i * 3 + 2}.50`,
      x: 30,
      y: 40 + i * 36,
      size: 22,
    }));
    const page = await renderPng(svgPage(500, 470, many, ""));
    expect(textDirection(await toGrey(page.png))).toBe("horizontal");
    expect(textDirection(await toGrey((await rotatePng(page, 90)).png))).toBe("vertical");
    expect(textDirection(await toGrey((await rotatePng(page, 270)).png))).toBe("vertical");
  });
});

describe("prepareForOcr", () => {
  it("turns a sideways page upright, upscales it, and maps points back", async () => {
    const page = await renderPng(svgPage(500, 200, lines));
    const sideways = await rotatePng(page, 90); // 200 wide × 500 high
    const prep = await prepareForOcr(sideways, { rotation: 270, scale: 2 });
    expect([prep.width, prep.height]).toEqual([1000, 400]);
    // The upright page's top-left corner is where the clockwise turn put it: top-right.
    expect(prep.toOriginal({ x: 0, y: 0 })).toEqual({ x: 200, y: 0 });
    expect(prep.toOriginal({ x: 1000, y: 400 })).toEqual({ x: 0, y: 500 });
    const ocr = await engine.recognize({ png: prep.png, width: prep.width, height: prep.height }, { lang: "en" });
    expect(words(ocr)).toContain("TOTAL 15.00");
  });
});

describe("normalizeIllumination", () => {
  it("rescues text under a dark, uneven shadow", async () => {
    // Grey text on paper shaded from white to dark grey: a global threshold loses it.
    const shade = `<defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#555"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>`;
    const svg =
      svgPage(500, 200, [], shade).replace("</svg>", "") +
      lines.map((l) => `<text x="${l.x}" y="${l.y}" font-family="DejaVu Sans" font-size="28" fill="#333">${l.text}</text>`).join("") +
      "</svg>";
    const img = await renderPng(svg);
    const grey = await toGrey(img.png);
    normalizeIllumination(grey);
    // The shaded paper on the right is white again; the ink stays dark.
    const right = grey.data[180 * grey.width + 480] ?? 0;
    expect(right).toBeGreaterThan(240);
    const png = await greyToPng(grey);
    const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect(data.reduce((m, v) => Math.min(m, v), 255)).toBeLessThan(60);
    const ocr = await engine.recognize({ png, width: grey.width, height: grey.height }, { lang: "en" });
    expect(words(ocr)).toContain("Coffee beans 2 x 7.50");
    expect(words(ocr)).toContain("TOTAL 15.00");
  });
});

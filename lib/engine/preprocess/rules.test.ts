import { afterAll, describe, expect, it } from "vitest";
import { createOcrEngine } from "../ocr";
import { renderPng, svgPage } from "../ocr/__fixtures__/render";
import { greyToPng, stripPngResolution, toGrey } from "./raster";
import { invertDarkFills, removeRules } from "./rules";

const engine = createOcrEngine({ detectOrientation: false, prepare: { removeRules: false } });
afterAll(() => engine.close());

/** A ruled 3×4 table: every cell bordered, a dark header row with white text. */
function ruledTable(): string {
  const cols = [20, 240, 400, 600];
  const rows = [20, 70, 120, 170, 220];
  let rules = `<rect x="20" y="20" width="580" height="50" fill="#1f4e79"/>`;
  for (const y of rows) rules += `<rect x="20" y="${y - 1}" width="580" height="2" fill="#333"/>`;
  for (const x of cols) rules += `<rect x="${x - 1}" y="20" width="2" height="200" fill="#333"/>`;
  const cell = (t: string, c: number, r: number, fill = "#000") =>
    `<text x="${(cols[c] ?? 0) + 12}" y="${(rows[r] ?? 0) + 34}" font-family="DejaVu Sans" font-size="24" fill="${fill}">${t}</text>`;
  const body = [
    cell("Item", 0, 0, "#fff"),
    cell("Qty", 1, 0, "#fff"),
    cell("Amount", 2, 0, "#fff"),
    cell("Paper", 0, 1),
    cell("12", 1, 1),
    cell("48,000", 2, 1),
    cell("Toner", 0, 2),
    cell("3", 1, 2),
    cell("9,100", 2, 2),
    cell("Stapler", 0, 3),
    cell("7", 1, 3),
    cell("1,400", 2, 3),
  ].join("");
  return svgPage(620, 240, [], rules + body);
}

describe("removeRules", () => {
  it("whitens long thin runs, keeps short strokes, inverts thick dark fills", () => {
    const width = 200;
    const height = 60;
    const data = new Uint8Array(width * height).fill(255);
    for (let x = 10; x < 190; x++) data[5 * width + x] = 0; // a rule
    for (let x = 20; x < 40; x++) data[30 * width + x] = 0; // a short stroke (a dash)
    for (let y = 40; y < 56; y++) for (let x = 10; x < 190; x++) data[y * width + x] = 20; // a dark cell
    data[48 * width + 100] = 250; // one white "text" pixel in it
    const img = { data, width, height };
    const stats = removeRules(img, { minRunShare: 0.2 });
    expect(stats).toEqual({ rules: 1, fills: 1 });
    expect(data[5 * width + 100]).toBe(255);
    expect(data[30 * width + 30]).toBe(0);
    expect(data[45 * width + 50]).toBe(255);
    expect(data[48 * width + 100]).toBeLessThan(10);
  });

  it("lets Tesseract read a ruled table with a dark header row", async () => {
    const img = await renderPng(ruledTable());
    const grey = await toGrey(img.png);
    removeRules(grey);
    const png = stripPngResolution(await greyToPng(grey));
    const page = await engine.recognize({ png, width: grey.width, height: grey.height }, { lang: "en" });
    const text = page.lines.map((l) => l.wordIds.map((id) => page.words.find((w) => w.id === id)?.text).join(" "));
    expect(text).toEqual(["Item Qty Amount", "Paper 12 48,000", "Toner 3 9,100", "Stapler 7 1,400"]);
  });
});

describe("invertDarkFills", () => {
  it("inverts a wide dark fill with white text, leaves rules, a thin bar and grey text strokes", () => {
    const width = 400;
    const height = 200;
    const data = new Uint8Array(width * height).fill(255);
    for (let x = 10; x < 390; x++) data[20 * width + x] = 0; // a rule, 1 px
    for (let y = 40; y < 44; y++) for (let x = 10; x < 390; x++) data[y * width + x] = 0; // a 4-px bar
    // A blurred text line: grey strokes (~130) in a long band, as a photo's small print after the stretch.
    for (let y = 60; y < 72; y++) for (let x = 10; x < 300; x++) data[y * width + x] = x % 6 < 3 ? 130 : 255;
    for (let y = 100; y < 130; y++) for (let x = 20; x < 380; x++) data[y * width + x] = 15; // a dark header row
    for (let y = 110; y < 120; y++) for (let x = 100; x < 110; x++) data[y * width + x] = 240; // its white "text"
    const img = { data, width, height };
    expect(invertDarkFills(img)).toBe(1);
    expect(data[105 * width + 50]).toBe(255); // the fill is paper now
    expect(data[115 * width + 105]).toBeLessThan(20); // its text dark
    expect(data[20 * width + 100]).toBe(0);
    expect(data[42 * width + 100]).toBe(0);
    expect(data[65 * width + 12]).toBe(130);
  });
});

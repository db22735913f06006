import { afterAll, describe, expect, it } from "vitest";
import { EngineError } from "../../types";
import { renderPng, svgPage } from "../__fixtures__/render";
import { boxesFromMap } from "./det";
import { createOnnxReader } from "./index";
import { rowsOf } from "./page";

const reader = createOnnxReader();
afterAll(() => reader.close());

const receipt = svgPage(640, 260, [
  { text: "Invoice 4711", x: 30, y: 60, size: 30 },
  { text: "Coffee 7.50", x: 30, y: 130 },
  { text: "TOTAL 12.50", x: 30, y: 200, size: 30 },
]);

describe("the ONNX reader (PP-OCRv4, real inference)", () => {
  it("reads lines into words with per-character boxes and confidences on the grid", async () => {
    const img = await renderPng(receipt);
    const page = await reader.recognize(img, { index: 1 });
    expect(page).toMatchObject({ index: 1, width: 640, height: 260, rotation: 0 });
    const text = page.words.map((w) => w.text).join(" ");
    expect(text).toContain("4711");
    expect(text).toContain("12.50");
    expect(page.lines.length).toBe(3);
    expect(page.words.map((w) => w.id)).toEqual(page.words.map((_, i) => `w${i}`));
    expect(page.lines.flatMap((l) => l.wordIds)).toEqual(page.words.map((w) => w.id));
    const total = page.words.find((w) => w.text === "12.50")!;
    expect(total.conf).toBeGreaterThan(0.8);
    expect(total.conf).toBeLessThanOrEqual(1);
    expect(total.symbols.map((s) => s.text).join("")).toBe("12.50");
    // The total sits right of "TOTAL" on the last line (baseline y=200 of 260 → grid ≈ 680–790).
    expect(total.box.y0).toBeGreaterThan(600);
    expect(total.box.y1).toBeLessThan(850);
    const xs = total.symbols.map((s) => (s.box.x0 + s.box.x1) / 2);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    for (const s of total.symbols) {
      expect(s.box.x0).toBeGreaterThanOrEqual(total.box.x0 - 0.01);
      expect(s.box.x1).toBeLessThanOrEqual(total.box.x1 + 0.01);
    }
  });

  it("reads small text when told a larger detection side for the page (a phone photo's 10-px lines)", async () => {
    // 10-px text on an 1800-px page: at the default 960 px the detector sees 5-px lines and cuts them.
    const img = await renderPng(
      svgPage(1800, 1400, [
        { text: "Springfield, IL 62701", x: 100, y: 200, size: 10 },
        { text: "September 9, 2026", x: 900, y: 200, size: 10 },
        { text: "Balance due 1,075.77", x: 100, y: 600, size: 10 },
      ]),
    );
    const read = async (detMaxSide?: number) => {
      const page = await reader.recognize(img, detMaxSide ? { detMaxSide } : {});
      return page.words.map((w) => w.text).join(" ");
    };
    expect(await read()).not.toContain("1,075.77");
    expect(await read(1280)).toContain("1,075.77");
  });

  it("ends a page past its CPU budget with the 'too complex' error", async () => {
    const tight = createOnnxReader({ cpuBudgetMs: 1 });
    try {
      const err = await tight.recognize(await renderPng(receipt)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineError);
      expect((err as EngineError).message).toMatch(/too complex/);
    } finally {
      await tight.close();
    }
  });
});

describe("boxesFromMap", () => {
  it("never returns degenerate regions (specks, hairlines)", () => {
    const w = 40;
    const h = 20;
    const prob = new Float32Array(w * h);
    prob[5 * w + 5] = 0.9; // a speck
    for (let x = 10; x < 30; x++) prob[2 * w + x] = 0.9; // a 1-px hairline
    for (let y = 10; y < 16; y++) for (let x = 5; x < 35; x++) prob[y * w + x] = 0.9; // a text line
    const boxes = boxesFromMap(prob, w, h, 1, 1);
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.length).toBeGreaterThan(30);
    expect(boxes[0]!.height).toBeGreaterThan(6);
  });
});

describe("rowsOf", () => {
  /** A piece along direction `deg` centred at (cx, cy), `len` long, 20 px high. */
  const piece = (cx: number, cy: number, len: number, deg: number) => {
    const r = (deg * Math.PI) / 180;
    const [ux, uy, vx, vy] = [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r)];
    const at = (u: number, v: number) => ({ x: cx + u * ux + v * vx, y: cy + u * uy + v * vy });
    return {
      quad: [at(-len / 2, -10), at(len / 2, -10), at(len / 2, 10), at(-len / 2, 10)] as const,
      height: 20,
      chars: [{ text: "x", conf: 1, u0: 0, u1: 1 }],
    };
  };
  it("groups the pieces of a tilted row and keeps neighbouring rows apart", () => {
    // Rows 30 px apart, tilted 4°: upright boxes of the long pieces overlap the next row.
    const t = Math.tan((4 * Math.PI) / 180);
    const rows = [0, 1, 2].map((k) => [
      piece(200, 100 + 30 * k + 200 * t, 300, 4),
      piece(700, 100 + 30 * k + 700 * t, 80, 4),
      piece(900, 100 + 30 * k + 900 * t, 30, 0),
    ]);
    const got = rowsOf(
      rows.flat().map((p) => ({ ...p, quad: [...p.quad] as [(typeof p.quad)[0], (typeof p.quad)[0], (typeof p.quad)[0], (typeof p.quad)[0]] })),
    );
    expect(got.map((r) => r.length)).toEqual([3, 3, 3]);
    expect(got[1]!.map((p) => Math.round((p.quad[0].x + p.quad[2].x) / 2))).toEqual([200, 700, 900]);
  });

  it("keeps two stacked lines apart when a piece far along the row reaches both (a tilted photo's address beside a label)", () => {
    const quad = (p: ReturnType<typeof piece>) => ({
      ...p,
      quad: [...p.quad] as [(typeof p.quad)[0], (typeof p.quad)[0], (typeof p.quad)[0], (typeof p.quad)[0]],
    });
    // An address's two lines 17 px apart (20-px boxes), tilted 5° and 4.3° as detected; a label 450 px to the right
    // lies within a third of a line height of where each line's own direction carries it.
    const upper = piece(250, 330, 95, 5);
    const lower = piece(252, 347, 105, 4.3);
    const label = piece(700, 375, 80, 4.6);
    const got = rowsOf([upper, lower, label].map(quad));
    expect(got).toHaveLength(2);
    // the label joins the nearer line; the two lines never share a row
    for (const row of got) expect(row.filter((p) => p.quad[0].x < 400)).toHaveLength(1);
  });
});

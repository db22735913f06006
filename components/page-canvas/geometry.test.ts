import { describe, expect, it } from "vitest";
import {
  bboxToVertices,
  boxId,
  fitTransform,
  fitWidthTransform,
  panIntoView,
  focusTransform,
  gridToPx,
  pointsBounds,
  pxToGrid,
  rectToGridBox,
  verticesToPoints,
  zoomAt,
} from "./geometry";

const page = { width: 1240, height: 1754 };

describe("grid ↔ page pixels", () => {
  it("maps the 0–1000 grid onto the page image size", () => {
    expect(gridToPx({ x: 0, y: 0 }, page)).toEqual({ x: 0, y: 0 });
    expect(gridToPx({ x: 1000, y: 1000 }, page)).toEqual({ x: 1240, y: 1754 });
    expect(gridToPx({ x: 500, y: 250 }, page)).toEqual({ x: 620, y: 438.5 });
    expect(pxToGrid({ x: 620, y: 438.5 }, page)).toEqual({ x: 500, y: 250 });
  });

  it("flattens oriented vertices to Konva points in order tl, tr, br, bl", () => {
    const v = [
      { x: 612, y: 84 },
      { x: 788, y: 85 },
      { x: 788, y: 116 },
      { x: 612, y: 115 },
    ];
    const pts = verticesToPoints(v, { width: 1000, height: 2000 });
    expect(pts).toEqual([612, 168, 788, 170, 788, 232, 612, 230]);
    expect(pointsBounds(pts)).toEqual({ x: 612, y: 168, width: 176, height: 64 });
  });

  it("turns a bbox into corner vertices and a drag into a clamped integer grid box", () => {
    expect(bboxToVertices({ xmin: 1, ymin: 2, xmax: 3, ymax: 4 })).toEqual([
      { x: 1, y: 2 },
      { x: 3, y: 2 },
      { x: 3, y: 4 },
      { x: 1, y: 4 },
    ]);
    expect(rectToGridBox({ x: 620, y: 877 }, { x: -5, y: 2000 }, page)).toEqual({
      xmin: 0,
      ymin: 500,
      xmax: 500,
      ymax: 1000,
    });
  });

  it("derives a selector-safe Konva id from a path", () => {
    expect(boxId("line_items.2.amount")).toBe("value-line_items-2-amount");
    expect(boxId("total")).toBe("value-total");
  });
});

describe("view transforms", () => {
  it("fits the page centred in the viewport", () => {
    const t = fitTransform({ width: 1000, height: 2000 }, { width: 532, height: 1032 }, 16);
    expect(t.scale).toBe(0.5);
    expect(t).toEqual({ scale: 0.5, x: 16, y: 16 });
  });

  it("zooms around an anchor that stays put", () => {
    const t = zoomAt({ scale: 1, x: 0, y: 0 }, { x: 100, y: 50 }, 2);
    expect(t).toEqual({ scale: 2, x: -100, y: -50 });
    // the page point under the anchor is unchanged
    expect((100 - t.x) / t.scale).toBe(100);
    expect(zoomAt({ scale: 10, x: 0, y: 0 }, { x: 0, y: 0 }, 10).scale).toBe(20);
  });

  it("keeps the view when the target is visible, else centres and zooms to it", () => {
    const view = { scale: 1, x: 0, y: 0 };
    const viewport = { width: 800, height: 600 };
    expect(focusTransform(view, viewport, { x: 100, y: 100, width: 50, height: 20 }, 0.5)).toBe(view);
    const t = focusTransform(view, viewport, { x: 2000, y: 3000, width: 100, height: 20 }, 0.5);
    expect(t.scale).toBe(2); // capped at 4× fit
    expect(2000 * t.scale + t.x + (100 * t.scale) / 2).toBe(400);
    expect(3000 * t.scale + t.y + (20 * t.scale) / 2).toBe(300);
  });
});

describe("fitWidthTransform and panIntoView (the document view)", () => {
  it("fills the pane's width with a portrait page and shows its top", () => {
    const v = fitWidthTransform({ width: 1240, height: 1754 }, { width: 790, height: 640 });
    expect(v.scale).toBeCloseTo((790 - 24) / 1240, 5);
    expect(v.x).toBe(12);
    expect(v.y).toBe(12);
  });
  it("does not blow a narrow receipt past its own pixels, and centres it", () => {
    const v = fitWidthTransform({ width: 475, height: 1600 }, { width: 790, height: 640 });
    expect(v.scale).toBe(1);
    expect(v.x).toBeCloseTo((790 - 475) / 2, 5);
  });
  it("centres a page that fits whole at that width", () => {
    const v = fitWidthTransform({ width: 1000, height: 300 }, { width: 524, height: 640 });
    expect(v.y).toBeCloseTo((640 - 150) / 2, 5);
  });
  it("keeps the zoom: a visible target does not move the view, a hidden one pans only", () => {
    const view = { scale: 0.6, x: 12, y: 12 };
    const viewport = { width: 790, height: 640 };
    expect(panIntoView(view, viewport, { x: 100, y: 100, width: 200, height: 30 })).toBe(view);
    const moved = panIntoView(view, viewport, { x: 100, y: 1500, width: 200, height: 30 });
    expect(moved.scale).toBe(0.6);
    expect(moved.x).toBe(12);
    const top = 1500 * 0.6 + moved.y;
    expect(top).toBeGreaterThan(24);
    expect(top + 30 * 0.6).toBeLessThan(640 - 24);
  });
});

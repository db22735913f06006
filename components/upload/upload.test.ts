import { describe, expect, it } from "vitest";
import { classifyFile, explainUploadError, formatBytes, phaseFromStatus } from "./state";
import { rasterScale, toTextLayerItem, usableTextLayer } from "./textLayer";

describe("text layer conversion", () => {
  it("maps a horizontal run: baseline origin → top-left box in image pixels", () => {
    // scale 2 viewport of a 12 pt font at baseline (100, 200) after the viewport flip
    const item = toTextLayerItem("Total", [24, 0, 0, 24, 100, 200], 30, 2);
    expect(item).toEqual({ text: "Total", x: 100, y: 200 - 24 * 0.8, width: 60, height: 24 });
  });

  it("keeps the angle of a rotated run and reports its hull", () => {
    const item = toTextLayerItem("up", [0, -10, 10, 0, 50, 100], 20, 1);
    expect(item?.angle).toBe(-90);
    expect(item?.x).toBeCloseTo(42);
    expect(item?.y).toBeCloseTo(80);
    expect(item?.width).toBeCloseTo(10);
    expect(item?.height).toBeCloseTo(20);
  });

  it("drops degenerate runs and judges whether a layer is usable", () => {
    expect(toTextLayerItem("x", [0, 0, 0, 0, 1, 1], 1, 1)).toBeNull();
    const page = { width: 1000, height: 1000, items: [{ text: "Invoice number INV-2049 total 12,430.00", x: 10, y: 10, width: 300, height: 20 }] };
    expect(usableTextLayer(page)).toBe(true);
    expect(usableTextLayer({ ...page, items: [{ text: "  p1 ", x: 0, y: 0, width: 5, height: 5 }] })).toBe(false);
    expect(usableTextLayer({ ...page, items: page.items.map((i) => ({ ...i, x: -5000 })) })).toBe(false);
  });

  it("rasterizes at the DPI but caps the long side", () => {
    expect(rasterScale(595, 842, 150)).toBeCloseTo(150 / 72);
    expect(rasterScale(2000, 3000, 150, { maxSide: 3000, maxPixels: 1e9 }) * 3000).toBeCloseTo(3000);
    // the probe's 9000 × 9000 pt page: 351 MP at 150 DPI, now within the shared budget
    const s = rasterScale(9000, 9000, 150);
    expect(9000 * s * 9000 * s).toBeLessThanOrEqual(9_000_000 + 1);
    // a long strip is bounded by its long side, a huge square by its area
    expect(rasterScale(14400, 100, 150) * 14400).toBeCloseTo(3000);
  });
});

describe("upload states", () => {
  it("classifies dropped files by their first bytes, not their names", async () => {
    const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])]);
    expect(await classifyFile(Object.assign(png, { name: "scan.pdf" }))).toMatchObject({ ok: true, kind: "png", route: "image" });
    const pdf = new Blob(["%PDF-1.7\n"]);
    expect(await classifyFile(Object.assign(pdf, { name: "a.PDF" }))).toMatchObject({ ok: true, route: "pdf" });
    const text = await classifyFile(Object.assign(new Blob(["just some notes\n"]), { name: "invoice.pdf" }));
    expect(text).toMatchObject({ ok: false, kind: "text" });
    expect(!text.ok && text.reason).toContain("text file");
  });

  it("follows the document status after the upload", () => {
    expect(phaseFromStatus("queued")).toBe("queued");
    expect(phaseFromStatus("processing")).toBe("extracting");
    expect(phaseFromStatus("done")).toBe("done");
    expect(phaseFromStatus("failed")).toBe("failed");
  });

  it("explains failures from the error envelope", () => {
    const body = JSON.stringify({ error: { code: "payload_too_large", message: "over 25 MB", requestId: "req_1", retryable: false } });
    expect(explainUploadError(413, body)).toEqual({ message: "File too large: over 25 MB", retryable: false, status: 413, detail: "over 25 MB" });
    expect(explainUploadError(502, "<html>")).toEqual({ message: "Upload failed (502)", retryable: true, status: 502 });
    expect(explainUploadError(0, "")).toEqual({ message: "Network error: the server could not be reached.", retryable: true, status: 0 });
    expect(formatBytes(1536 * 1024)).toBe("1.5 MB");
  });
});

import type { TextLayerItem, TextLayerPage } from "@/lib/engine/types";

/**
 * pdfjs text items → the engine's TextLayerPage (page-image pixels, origin top-left).
 * Mirrors the server's own conversion in lib/engine/pdf so a page rasterized in the
 * browser and one rasterized by the CLI yield the same boxes.
 */

/** Map one text run, given its matrix already multiplied by the viewport transform. */
export function toTextLayerItem(text: string, m: number[], itemWidth: number, scale: number): TextLayerItem | null {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = m;
  const fontHeight = Math.hypot(c, d);
  if (!(fontHeight > 0)) return null;
  const angleRad = Math.atan2(b, a);
  const angle = (angleRad * 180) / Math.PI;
  const width = itemWidth * scale;
  // (e, f) is the baseline origin; glyphs rise ~0.8 em above it and drop ~0.2 em below.
  const ascent = fontHeight * 0.8;
  if (Math.abs(angle) < 0.5) return { text, x: e, y: f - ascent, width, height: fontHeight };
  const cos = Math.cos(angleRad);
  const sin = Math.sin(angleRad);
  const up = { x: sin * ascent, y: -cos * ascent };
  const down = { x: -sin * (fontHeight - ascent), y: cos * (fontHeight - ascent) };
  const pts = [
    { x: e + up.x, y: f + up.y },
    { x: e + up.x + cos * width, y: f + up.y + sin * width },
    { x: e + down.x, y: f + down.y },
    { x: e + down.x + cos * width, y: f + down.y + sin * width },
  ];
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  return { text, x: x0, y: y0, width: Math.max(...xs) - x0, height: Math.max(...ys) - y0, angle };
}

/**
 * Whether a text layer is worth sending: enough real characters, mostly inside the
 * page. A scan with an empty or garbage layer is left to OCR.
 */
export function usableTextLayer(page: TextLayerPage, minChars = 20): boolean {
  let chars = 0;
  let inside = 0;
  for (const it of page.items) {
    const n = it.text.replace(/\s/g, "").length;
    chars += n;
    const cx = it.x + it.width / 2;
    const cy = it.y + it.height / 2;
    if (cx >= 0 && cy >= 0 && cx <= page.width && cy <= page.height) inside += n;
  }
  return chars >= minChars && inside >= chars * 0.8;
}

/** The raster scale for a target DPI, reduced so the long side stays under `maxSide`. */
export function rasterScale(pageWidthPt: number, pageHeightPt: number, dpi = 150, maxSide = 3000): number {
  const scale = dpi / 72;
  const long = Math.max(pageWidthPt, pageHeightPt) * scale;
  return long > maxSide ? (scale * maxSide) / long : scale;
}

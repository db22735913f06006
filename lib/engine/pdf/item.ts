import type { TextLayerItem } from "../types";

/**
 * One pdfjs text run → a TextLayerItem in page-image pixels, origin top-left. Pure and
 * browser-safe: the web app's uploader and the server's rasterizer share it, so a page
 * rasterized in the browser and one rasterized by the CLI yield the same boxes.
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

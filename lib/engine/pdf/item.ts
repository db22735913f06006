import type { TextLayerItem } from "../types";
import { knownFace } from "./faces";

/**
 * One pdfjs text run → a TextLayerItem in page-image pixels, origin top-left. Pure and
 * browser-safe: the web app's uploader and the server's rasterizer share it, so a page
 * rasterized in the browser and one rasterized by the CLI yield the same boxes.
 *
 * The box spans the font's ascent to its descent (the run's line box as a browser or a
 * reader draws it), not the em square: pdfjs reports both per font in
 * `getTextContent().styles[item.fontName]`.
 */

/** The vertical metrics of a run's font in ems (pdfjs TextStyle: descent is negative). */
export interface FontMetrics {
  ascent?: number;
  descent?: number;
  /** the PDF font's name (pdfjs `commonObjs.get(item.fontName).name`), for faces embedded without metrics. */
  name?: string;
}

/**
 * The pixel budget of one rasterized PDF page, shared by the browser uploader and the
 * server: a page of absurd size in points (a 9000 × 9000 pt page is 351 MP at 150 DPI) is
 * rendered at a lower resolution instead of exhausting memory.
 */
export const PAGE_RASTER_BUDGET = { maxSide: 3000, maxPixels: 9_000_000 } as const;

/** The raster scale for a target DPI, reduced so the page fits the budget (long side and pixel count). */
export function rasterScale(pageWidthPt: number, pageHeightPt: number, dpi = 150, budget: { maxSide: number; maxPixels: number } = PAGE_RASTER_BUDGET): number {
  const w = Math.max(1, pageWidthPt);
  const h = Math.max(1, pageHeightPt);
  const byDpi = dpi / 72;
  const bySide = budget.maxSide / Math.max(w, h);
  const byArea = Math.sqrt(budget.maxPixels / (w * h));
  return Math.min(byDpi, bySide, byArea);
}

/**
 * The raster size of a pdfjs viewport. Floor, as pdfjs's own viewer sizes its canvas: a
 * page of 612 × 792 pt at 150 DPI is 1275 × 1650 px, not 1651 from a float ceiling, and
 * the 0–1000 grid must span the page, not a phantom last row.
 */
export function rasterSize(viewport: { width: number; height: number }): { width: number; height: number } {
  return { width: Math.max(1, Math.floor(viewport.width + 1e-6)), height: Math.max(1, Math.floor(viewport.height + 1e-6)) };
}

/**
 * pdfjs text styles with each font's PDF name added from the page's loaded fonts (after
 * `page.render`), so faces embedded without metrics can be recognised. Both the browser
 * uploader and the server call this before `toTextLayerItem`.
 */
export function withFontNames<S extends FontMetrics>(
  styles: Record<string, S>,
  fonts: { has(id: string): boolean; get(id: string): unknown },
): Record<string, S> {
  const out: Record<string, S> = {};
  for (const [id, style] of Object.entries(styles)) {
    let name: unknown;
    try {
      name = fonts.has(id) ? (fonts.get(id) as { name?: unknown } | null)?.name : undefined;
    } catch {
      name = undefined;
    }
    out[id] = typeof name === "string" ? { ...style, name } : style;
  }
  return out;
}

/**
 * When pdfjs has no metrics for a font (Chromium's PDFs embed CFF faces as Type3 fonts, whose
 * descriptors carry no Ascent/Descent), the run's extent is a guess. Text-run boxes of
 * faces measured in rendered documents span 1.0–1.45 em (ascent 0.62–1.14, descent
 * 0.16–0.38); this middle keeps a box of either extreme above IoU 0.7 with the real one.
 */
const UNKNOWN = { ascent: 0.82, descent: 0.3 };
/** Without any style the em square is split 0.8 / 0.2 (the legacy box of a bare run). */
const EM = { ascent: 0.8, descent: 0.2 };

/**
 * Laid-out text sits lower in its run box than the nominal metrics say: browsers round
 * ascent and descent to whole pixels and snap the baseline, and on rendered documents the
 * measured run boxes hang 0.05 em lower (median over 40 faces) relative to the PDF baseline.
 */
const SETTLE = 0.05;
const settle = (m: { ascent: number; descent: number }) => ({ ascent: m.ascent - SETTLE, descent: m.descent + SETTLE });

/** Ascent and (positive) descent in ems; missing or implausible values fall back to a guess. */
export function fontExtent(style?: FontMetrics): { ascent: number; descent: number } {
  if (!style) return EM;
  const a = style.ascent;
  const d = style.descent;
  // NaN for Type3 fonts; broken descriptors report 0 or whole glyph-space units.
  const okA = typeof a === "number" && a >= 0.5 && a <= 1.5;
  const okD = typeof d === "number" && d < 0 && d >= -0.6;
  if (okA && okD) return settle({ ascent: a, descent: -d });
  const face = knownFace(style.name);
  if (face) return settle(face);
  if (okA) return { ascent: a, descent: UNKNOWN.descent };
  if (okD) return { ascent: UNKNOWN.ascent, descent: -d };
  return UNKNOWN;
}

/**
 * Map one text run, given its matrix already multiplied by the viewport transform; pass
 * `style` (pdfjs `content.styles[item.fontName]`) for the font's own ascent and descent.
 */
export function toTextLayerItem(text: string, m: number[], itemWidth: number, scale: number, style?: FontMetrics): TextLayerItem | null {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = m;
  const fontSize = Math.hypot(c, d);
  if (!(fontSize > 0)) return null;
  const angleRad = Math.atan2(b, a);
  const angle = (angleRad * 180) / Math.PI;
  const width = itemWidth * scale;
  // (e, f) is the baseline origin; glyphs rise `ascent` above it and drop `descent` below.
  const ext = fontExtent(style);
  const ascent = fontSize * ext.ascent;
  const descent = fontSize * ext.descent;
  if (Math.abs(angle) < 0.5) return { text, x: e, y: f - ascent, width, height: fontSize * (ext.ascent + ext.descent) };
  const cos = Math.cos(angleRad);
  const sin = Math.sin(angleRad);
  const up = { x: sin * ascent, y: -cos * ascent };
  const down = { x: -sin * descent, y: cos * descent };
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

import type { TextLayerPage } from "@/lib/engine/types";

/** pdfjs text items → the engine's TextLayerPage (page-image pixels, origin top-left). */
export { PAGE_RASTER_BUDGET, rasterScale, rasterSize, toTextLayerItem, withFontNames } from "@/lib/engine/pdf/item";
/** Where a page paints images (the engine OCRs text printed inside them). */
export { imageRects } from "@/lib/engine/pdf/images";

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

/**
 * PDF input (Node shell): rasterize pages with pdfjs + @napi-rs/canvas and keep each
 * page's text layer in page-image pixels, so born-digital PDFs can skip OCR.
 */
import path from "node:path";
import { EngineError, type TextLayerItem, type TextLayerPage } from "../types";
import { packageDir } from "../package-dir";
import { imageRects } from "./images";
import { type FontMetrics, PAGE_RASTER_BUDGET, rasterScale, rasterSize, toTextLayerItem, withFontNames } from "./item";

/** One rasterized PDF page with its text layer in the raster's pixel frame. */
export interface RasterPage {
  png: Buffer;
  width: number;
  height: number;
  textLayer: TextLayerPage;
}

export interface RasterizeOptions {
  /** raster resolution; 150 matches the datasets' page images. */
  dpi?: number;
  maxPages?: number;
  /** per-page pixel budget (the resolution drops for oversized pages); PAGE_RASTER_BUDGET by default. */
  budget?: { maxSide: number; maxPixels: number };
  /** told the document's page count once it is open (a caller that caps pages reports the cut). */
  onOpen?: (numPages: number) => void;
}

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjsPromise: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  return pdfjsPromise;
}

function pdfjsAssetDirs(): { cMapUrl: string; standardFontDataUrl: string; wasmUrl: string } {
  // Node's pdfjs reads these with fs: plain directory paths with a trailing slash.
  const root = packageDir("pdfjs-dist");
  return {
    cMapUrl: `${path.join(root, "cmaps")}/`,
    standardFontDataUrl: `${path.join(root, "standard_fonts")}/`,
    wasmUrl: `${path.join(root, "wasm")}/`,
  };
}

/** Rasterize a PDF's pages to PNG and return each page's text layer in image pixels. */
export async function rasterizePdf(bytes: Uint8Array, opts: RasterizeOptions = {}): Promise<RasterPage[]> {
  const dpi = opts.dpi ?? 150;
  const pdfjs = await loadPdfJs();
  // pdfjs transfers (detaches) the buffer it is given: hand it a copy.
  const data = new Uint8Array(bytes);
  const task = pdfjs.getDocument({
    data,
    ...pdfjsAssetDirs(),
    cMapPacked: true,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => {});
    const name = (err as { name?: string }).name;
    if (name === "PasswordException") {
      throw new EngineError("unprocessable_image", "PDF is encrypted with a password");
    }
    throw new EngineError("unprocessable_image", `PDF could not be read: ${(err as Error).message}`);
  }
  try {
    opts.onOpen?.(doc.numPages);
    const count = Math.min(doc.numPages, opts.maxPages ?? doc.numPages);
    const pages: RasterPage[] = [];
    for (let i = 1; i <= count; i++) {
      const page = await doc.getPage(i);
      const base = page.getViewport({ scale: 1 });
      const scale = rasterScale(base.width, base.height, dpi, opts.budget ?? PAGE_RASTER_BUDGET);
      const viewport = page.getViewport({ scale });
      const { width, height } = rasterSize(viewport);
      // pdfjs types its Node canvas factory as Object; it returns @napi-rs/canvas objects.
      const factory = doc.canvasFactory as {
        create(w: number, h: number): { canvas: { toBuffer(mime: "image/png"): Buffer }; context: CanvasRenderingContext2D };
      };
      const canvasAndCtx = factory.create(width, height);
      const ctx = canvasAndCtx.context;
      // PDFs assume white paper; a transparent canvas would OCR as black.
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, width, height);
      await page.render({
        canvas: canvasAndCtx.canvas as unknown as HTMLCanvasElement,
        canvasContext: ctx,
        viewport,
      }).promise;
      const png = canvasAndCtx.canvas.toBuffer("image/png");
      const content = await page.getTextContent();
      const styles = withFontNames(content.styles, page.commonObjs);
      const items: TextLayerItem[] = [];
      for (const raw of content.items) {
        if (!("str" in raw) || raw.str.trim() === "") continue;
        const item = toPixelItem(pdfjs, viewport.transform, raw, scale, styles[raw.fontName]);
        if (item) items.push(item);
      }
      // Where the page paints images (the operator list the render just built): text inside them is OCR'd (read/image-text.ts).
      const images = imageRects(await page.getOperatorList(), pdfjs.OPS, viewport.transform, width, height);
      pages.push({ png, width, height, textLayer: { width, height, items, ...(images ? { images } : {}) } });
      page.cleanup();
    }
    return pages;
  } catch (err) {
    if (err instanceof EngineError) throw err;
    throw new EngineError("unprocessable_image", `PDF page could not be rendered: ${(err as Error).message}`);
  } finally {
    await doc.destroy().catch(() => {});
  }
}

/** Map one pdfjs text item (PDF user space) to an image-pixel box, origin top-left. */
function toPixelItem(
  pdfjs: PdfJs,
  viewportTransform: number[],
  raw: { str: string; transform: number[]; width: number },
  scale: number,
  style: FontMetrics | undefined,
): TextLayerItem | null {
  return toTextLayerItem(raw.str, pdfjs.Util.transform(viewportTransform, raw.transform) as number[], raw.width, scale, style);
}

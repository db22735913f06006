import type { TextLayerItem, TextLayerPage } from "@/lib/engine/types";
import { imageRects, rasterScale, rasterSize, toTextLayerItem, usableTextLayer, withFontNames } from "./textLayer";

/** One rasterized page, ready to upload. */
export interface BrowserPage {
  png: Blob;
  width: number;
  height: number;
  /** null when the page has no usable text layer (the server then runs OCR). */
  textLayer: TextLayerPage | null;
}

// The legacy build carries polyfills (e.g. Map#getOrInsertComputed) that current
// Chromium/Firefox/Safari releases still lack; the modern build throws there.
type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjsPromise: Promise<PdfJs> | null = null;

/** Load pdfjs once, with its worker as a module Worker the bundler emits for us. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import("pdfjs-dist/legacy/build/pdf.mjs").then((pdfjs) => {
    try {
      // `new Worker(new URL(…, import.meta.url))` is the form both Turbopack and webpack bundle.
      pdfjs.GlobalWorkerOptions.workerPort = new Worker(new URL("pdfjs-dist/legacy/build/pdf.worker.min.mjs", import.meta.url), { type: "module" });
    } catch {
      pdfjs.GlobalWorkerOptions.workerSrc = new URL("pdfjs-dist/legacy/build/pdf.worker.min.mjs", import.meta.url).toString();
    }
    return pdfjs;
  });
  return pdfjsPromise;
}

export class PdfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PdfError";
  }
}

/**
 * Rasterize every page of a PDF in the browser (pdfjs in its web worker) to PNG, at
 * `dpi` (150 by default), and read each page's text layer into page-image pixels.
 */
export async function rasterizePdf(
  file: Blob,
  opts: { dpi?: number; onPage?(done: number, total: number): void; signal?: AbortSignal } = {},
): Promise<BrowserPage[]> {
  const pdfjs = await loadPdfJs();
  const data = new Uint8Array(await file.arrayBuffer());
  const task = pdfjs.getDocument({ data, isEvalSupported: false });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => {});
    if ((err as { name?: string }).name === "PasswordException") throw new PdfError("The PDF is password-protected.");
    throw new PdfError(`The PDF could not be read: ${(err as Error).message}`);
  }
  try {
    const pages: BrowserPage[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      if (opts.signal?.aborted) throw new PdfError("cancelled");
      const page = await doc.getPage(i);
      const base = page.getViewport({ scale: 1 });
      const scale = rasterScale(base.width, base.height, opts.dpi ?? 150);
      const viewport = page.getViewport({ scale });
      const { width, height } = rasterSize(viewport);
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext("2d");
      if (!ctx) throw new PdfError("This browser cannot draw on a canvas.");
      // PDFs assume white paper; a transparent PNG would OCR as black.
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, width, height);
      await page.render({ canvas, canvasContext: ctx, viewport }).promise;
      const png = await new Promise<Blob>((resolve, reject) =>
        canvas.toBlob((b) => (b ? resolve(b) : reject(new PdfError("PNG encoding failed."))), "image/png"),
      );
      const content = await page.getTextContent();
      const styles = withFontNames(content.styles, page.commonObjs);
      const items: TextLayerItem[] = [];
      for (const raw of content.items) {
        if (!("str" in raw) || raw.str.trim() === "") continue;
        const m = pdfjs.Util.transform(viewport.transform, raw.transform) as number[];
        const item = toTextLayerItem(raw.str, m, raw.width, scale, styles[raw.fontName]);
        if (item) items.push(item);
      }
      // where the page paints images, from the operator list the render built: the engine OCRs text inside them
      const images = imageRects(await page.getOperatorList(), pdfjs.OPS, viewport.transform, width, height);
      const layer: TextLayerPage = { width, height, items, ...(images ? { images } : {}) };
      pages.push({ png, width, height, textLayer: usableTextLayer(layer) ? layer : null });
      page.cleanup();
      // release the canvas memory now rather than at the next GC
      canvas.width = 0;
      canvas.height = 0;
      opts.onPage?.(i, doc.numPages);
    }
    return pages;
  } finally {
    await doc.destroy().catch(() => {});
  }
}

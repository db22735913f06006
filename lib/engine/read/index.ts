import { decodeImage } from "../image";
import type { CrossReading, CrossRegion } from "../ocr/crossread";
import type { Reading, RereadRegion } from "../ocr/reread";
import { pageFromTextLayer } from "../ocr/textlayer";
import { EngineError, type OcrPage, type TextLayerPage } from "../types";
import { repairGlyphs } from "./glyphs";
import { withImageText } from "./image-text";

/**
 * The read stage (data in: the pages as bytes or text layers; data out: one OcrPage per page,
 * the decoded images the second pass crops from, and the time each page took). A usable
 * text layer wins over OCR unless `forceOcr`; the text printed inside its images is OCR'd and added (image-text.ts).
 * OCR'd pages pass the glyphs stage (glyphs.ts).
 */

/** A decoded page image. */
export type Img = { png: Buffer; width: number; height: number };

/** The OCR seam: anything that turns a decoded page image into an OcrPage (tesseract.js by default). */
export interface OcrAdapter {
  /** `upright`: the image is known to be upright (no orientation search). */
  recognize(img: Img, opts: { index: number; lang?: string; upright?: boolean }): Promise<OcrPage>;
  /** read regions of a page again (the targeted second pass); adapters without it get none. */
  reread?(img: Img, page: OcrPage, regions: RereadRegion[]): Promise<(Reading | null)[]>;
  /** read regions again with a second, independent reader (ocr/crossread.ts); adapters without it get none. */
  crossRead?(img: Img, page: OcrPage, regions: CrossRegion[]): Promise<(CrossReading | null)[]>;
  close?(): Promise<void>;
}

/** One page of input: image bytes, a text layer, or both (the text layer wins when usable). */
export interface PageInput {
  image?: Uint8Array;
  textLayer?: TextLayerPage;
}

/** What reading the pages gave. */
export interface ReadPages {
  pages: OcrPage[];
  /** the decoded image of every OCR'd page (undefined for text-layer pages). */
  images: (Img | undefined)[];
  ocrMs: number[];
}

/** Read every page: its text layer when usable, else decode and OCR its image. */
export async function readPages(
  inputs: PageInput[],
  ocr: () => Promise<OcrAdapter>,
  opts: { forceOcr?: boolean; maxPixels?: number; lang?: string; imageText?: boolean } = {},
): Promise<ReadPages> {
  const pages: OcrPage[] = [];
  const images: (Img | undefined)[] = [];
  const ocrMs: number[] = [];
  for (const [index, p] of inputs.entries()) {
    const t0 = performance.now();
    const fromText = p.textLayer && !opts.forceOcr ? pageFromTextLayer(p.textLayer, index) : null;
    images.push(undefined);
    if (fromText && p.textLayer && p.image && opts.imageText !== false)
      pages.push(await withImageText(fromText, p.image, p.textLayer, ocr, opts.lang ? { lang: opts.lang } : {}));
    else if (fromText) pages.push(fromText);
    else if (p.image) {
      const img = await decodeImage(p.image, opts.maxPixels ? { maxPixels: opts.maxPixels } : {});
      const page = await (await ocr()).recognize(img, { index, ...(opts.lang ? { lang: opts.lang } : {}) });
      // After the adapter (and its cache): a glyph repair reaches cached readings too.
      pages.push(repairGlyphs({ ...page, index }));
      images[index] = img;
    } else if (p.textLayer) {
      throw new EngineError("unprocessable_image", `page ${index + 1}: the text layer is unusable and no image was given`);
    } else throw new EngineError("invalid_request", `page ${index + 1} has neither an image nor a text layer`);
    ocrMs.push(Math.round(performance.now() - t0));
  }
  return { pages, images, ocrMs };
}

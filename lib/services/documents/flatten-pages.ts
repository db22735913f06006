import { decodeImage } from "@/lib/engine/image";
import { renderFlattened } from "@/lib/engine/preprocess/flatten-image";
import type { OcrPage, PageFlattening } from "@/lib/engine/types";
import { type StorageAdapter, storageKeys } from "@/lib/storage";

/** A stored flattened page: its storage key and the flattening it was rendered with. */
export interface FlatPageRecord {
  key: string;
  flattening: PageFlattening;
}

/**
 * Render and store the flattened page of every page the engine warped (a photo's sheet, upright),
 * beside its page image. A page that cannot be rendered keeps only its original: the flattened
 * page is a view, never a reason to fail the document.
 */
export async function storeFlatPages(
  storage: StorageAdapter,
  input: { documentId: string; pages: Array<{ index: number; image?: Uint8Array; ocr?: OcrPage }> },
): Promise<Array<FlatPageRecord | null>> {
  const out: Array<FlatPageRecord | null> = [];
  for (const p of input.pages) {
    const flattening = p.ocr?.flattening;
    if (!flattening || !p.image) {
      out.push(null);
      continue;
    }
    try {
      // Upright as the engine read it (EXIF orientation applied, BMP decoded).
      const decoded = await decodeImage(p.image);
      const flat = await renderFlattened(decoded.png, flattening);
      const key = storageKeys.flatPage(input.documentId, p.index);
      await storage.put(key, flat.jpeg, { contentType: "image/jpeg" });
      out.push({ key, flattening });
    } catch (err) {
      console.error(`[flatten] document ${input.documentId} page ${p.index + 1}: ${(err as Error).message}`);
      out.push(null);
    }
  }
  return out;
}

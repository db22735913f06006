import type { Db } from "@/lib/db/client";
import { getDocumentOrigin } from "@/lib/db/queries/extraction";
import { pages } from "@/lib/db/schema";
import { EngineError } from "@/lib/engine";
import { rasterizePdf } from "@/lib/engine/pdf";
import { env } from "@/lib/env";
import { recordUsage } from "@/lib/services/usage/record";
import { type StorageAdapter, storageKeys } from "@/lib/storage";
import { transition } from "./lifecycle";

/**
 * Turn a PDF uploaded without page images into stored pages (150 DPI PNG + text layer,
 * within the per-page pixel budget). Keys are deterministic and rows insert-or-ignore, so
 * a retried run just redoes it. A PDF longer than MAX_PDF_PAGES keeps its first pages and
 * records its real length (`truncatedFrom`: the API reports `truncated` and a warning).
 * The pages of an API upload are charged here, in the transaction that stores them: only
 * now is their number known, and a run that dies before the commit charges nothing.
 */
export async function rasterizeOriginal(db: Db, storage: StorageAdapter, doc: { documentId: string; originalKey: string }): Promise<void> {
  const bytes = await storage.get(doc.originalKey);
  if (!bytes) throw new Error(`the original ${doc.originalKey} is missing from storage`);
  let total = 0;
  const raster = await rasterizePdf(bytes, {
    maxPages: env.MAX_PDF_PAGES,
    onOpen: (n) => {
      total = n;
    },
  });
  if (raster.length === 0) throw new EngineError("unprocessable_image", "the PDF has no pages");
  const rows: Array<typeof pages.$inferInsert> = [];
  for (const [index, p] of raster.entries()) {
    const imageKey = storageKeys.page(doc.documentId, index, "png");
    await storage.put(imageKey, p.png, { contentType: "image/png" });
    rows.push({ documentId: doc.documentId, index, width: p.width, height: p.height, imageKey, textLayer: p.textLayer });
  }
  await db.transaction(async (tx) => {
    await tx
      .insert(pages)
      .values(rows)
      .onConflictDoNothing({ target: [pages.documentId, pages.index] });
    await transition(tx, { type: "pages_stored", documentId: doc.documentId, pageCount: rows.length, truncatedFrom: total > rows.length ? total : null });
    const origin = await getDocumentOrigin(tx, { documentId: doc.documentId });
    if (origin?.source === "api" && origin.uploadedBy) {
      await recordUsage({ db: tx, input: { userId: origin.uploadedBy, apiKeyId: null, kind: "upload_pdf", pages: rows.length } });
    }
  });
}

import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { extractions, pages } from "@/lib/db/schema";
import type { DocumentResult, OcrPage } from "@/lib/engine/types";
import { getDocumentOrigin } from "@/lib/db/queries/extraction";
import { recordUsage } from "@/lib/services/usage/record";
import { flagPossibleDuplicate } from "./flag-duplicate";
import type { FlatPageRecord } from "./flatten-pages";
import { transition } from "./lifecycle";

/**
 * Store what the engine read from a document in one transaction: the possible-duplicate check,
 * each page's OCR, the extraction (an upsert on document + engine version, so a second run
 * replaces, not adds), and the `extracted` transition (document done, job completed, duplicates in step).
 */
export async function recordExtraction(
  db: Db,
  input: {
    documentId: string;
    jobId: string;
    pages: Array<{ id: string; ocr: OcrPage | undefined; ocrMs: number | null; flat?: FlatPageRecord | null }>;
    result: DocumentResult;
  },
): Promise<{ extractionId: string }> {
  return db.transaction(async (tx) => {
    // The same invoice already in the space (a photo and a PDF of it): a warning on the result.
    const result = await flagPossibleDuplicate(tx, input.documentId, input.result);
    for (const p of input.pages) {
      if (!p.ocr) continue;
      // A run that flattened nothing clears an earlier run's flattened page.
      await tx
        .update(pages)
        .set({ ocr: p.ocr, ocrMs: p.ocrMs, flatImageKey: p.flat?.key ?? null, flattening: p.flat?.flattening ?? null })
        .where(eq(pages.id, p.id));
    }
    const [row] = await tx
      .insert(extractions)
      .values({ documentId: input.documentId, engineVersion: result.engineVersion, extractor: result.extractor, result })
      .onConflictDoUpdate({
        target: [extractions.documentId, extractions.engineVersion],
        set: { result, extractor: result.extractor, createdAt: new Date() },
      })
      .returning({ id: extractions.id });
    await transition(tx, { type: "extracted", documentId: input.documentId, jobId: input.jobId, pageCount: input.pages.length });
    if (!row) throw new Error("extraction upsert returned nothing");
    return { extractionId: row.id };
  });
}

/**
 * The extraction failed for good: job and document failed (the `failed` transition). Failed pages
 * are not charged: an API upload's pages are refunded once, on its first failure.
 */
export async function recordExtractionFailure(db: Db, input: { documentId: string; jobId: string; error: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const d = await getDocumentOrigin(tx, { documentId: input.documentId });
    if (d && d.status !== "failed" && d.status !== "reviewed" && d.source === "api" && d.uploadedBy && d.pageCount > 0) {
      await recordUsage({ db: tx, input: { userId: d.uploadedBy, apiKeyId: null, kind: "refund", pages: -d.pageCount } });
    }
    await transition(tx, { type: "failed", documentId: input.documentId, jobId: input.jobId, error: input.error });
  });
}

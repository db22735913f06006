import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { documents, extractions, jobs, pages, spaces, usageEvents } from "@/lib/db/schema";
import { type Engine, EngineError, type PageInput } from "@/lib/engine";
import { getOwnCompany } from "@/lib/db/queries/own-company";
import { findSupplierMemory } from "@/lib/db/queries/supplier-memory";
import { supplierKeysOf } from "@/lib/engine/memory";
import { embeddedInvoiceXml } from "@/lib/engine/einvoice/embedded";
import { rasterizePdf } from "@/lib/engine/pdf";
import { ENGINE_VERSION } from "@/lib/engine/version";
import { flagPossibleDuplicate } from "@/lib/services/documents/flag-duplicate";
import { env } from "@/lib/env";
import { syncDuplicates } from "@/lib/services/documents/sync-duplicates";
import { type StorageAdapter, storageKeys } from "@/lib/storage";

import type { ExtractDocumentPayload } from "./definitions";

/** What a run of the extract-document job did. */
export type ExtractOutcome =
  | { kind: "completed"; extractionId: string }
  | { kind: "already_done"; extractionId: string }
  | { kind: "failed"; error: string }
  | { kind: "gone" };

/** Where the run stands in pg-boss's retry budget. */
export interface AttemptInfo {
  retryCount: number;
  retryLimit: number;
}

/** Errors that no retry can fix: the input itself is bad. */
function isPermanent(err: unknown): boolean {
  return err instanceof EngineError && err.code !== "engine_error";
}

/** A failure as one readable sentence for the grid and GET /jobs (no stack). */
export function describeError(err: unknown): string {
  if (err instanceof EngineError) return err.message;
  const msg = err instanceof Error ? err.message : String(err);
  return msg.length > 500 ? `${msg.slice(0, 500)}…` : msg || "unknown error";
}

/**
 * The extract-document job. Safe to run any number of times for one document: the
 * extraction is an upsert on (document, engine version) and a finished document is
 * skipped, so a job re-run after a crash or re-sent twice has one effect.
 * Throws only to ask pg-boss for a retry (transient failure with attempts left).
 */
export async function runExtractDocument(ctx: {
  db: Db;
  storage: StorageAdapter;
  engine: Engine;
  payload: ExtractDocumentPayload;
  attempt?: AttemptInfo;
}): Promise<ExtractOutcome> {
  const { db, storage, engine, payload } = ctx;
  const [doc] = await db
    .select({ id: documents.id, status: documents.status, spaceId: documents.spaceId, originalKey: documents.originalKey })
    .from(documents)
    .where(eq(documents.id, payload.documentId));
  if (!doc) {
    // Deleted while queued: nothing to do, and nothing to retry.
    return { kind: "gone" };
  }
  const [existing] = await db
    .select({ id: extractions.id })
    .from(extractions)
    .where(and(eq(extractions.documentId, doc.id), eq(extractions.engineVersion, ENGINE_VERSION)));
  if (existing && (doc.status === "done" || doc.status === "reviewed")) {
    await db
      .update(jobs)
      .set({ status: "completed", error: null, finishedAt: sql`coalesce(${jobs.finishedAt}, now())` })
      .where(eq(jobs.id, payload.jobId));
    return { kind: "already_done", extractionId: existing.id };
  }

  await db.transaction(async (tx) => {
    await tx
      .update(jobs)
      .set({ status: "processing", attempts: sql`${jobs.attempts} + 1`, startedAt: new Date() })
      .where(eq(jobs.id, payload.jobId));
    await tx.update(documents).set({ status: "processing", updatedAt: new Date() }).where(eq(documents.id, doc.id));
    await syncDuplicates(tx, doc.id);
  });

  try {
    const [space] = await db
      .select({ templateId: spaces.templateId, fields: spaces.fields, ownerId: spaces.ownerId })
      .from(spaces)
      .where(eq(spaces.id, doc.spaceId));
    const loadPages = () =>
      db
        .select({ id: pages.id, index: pages.index, imageKey: pages.imageKey, textLayer: pages.textLayer })
        .from(pages)
        .where(eq(pages.documentId, doc.id))
        .orderBy(pages.index);
    let pageRows = await loadPages();
    if (pageRows.length === 0 && doc.originalKey?.endsWith(".pdf")) {
      await rasterizeOriginal(db, storage, { documentId: doc.id, originalKey: doc.originalKey });
      pageRows = await loadPages();
    }
    if (pageRows.length === 0) throw new EngineError("invalid_request", "the document has no pages");
    const inputs: PageInput[] = [];
    for (const p of pageRows) {
      const image = await storage.get(p.imageKey);
      if (!image && !p.textLayer) throw new Error(`page ${p.index + 1}: image ${p.imageKey} is missing from storage`);
      inputs.push({ ...(image ? { image } : {}), ...(p.textLayer ? { textLayer: p.textLayer } : {}) });
    }
    const eInvoice = await eInvoiceOf(storage, doc.originalKey);
    // "My company": our own names and ids are the buyer, never the vendor.
    const own = space ? await getOwnCompany(db, { ownerId: space.ownerId }) : undefined;
    const { ocrPages, ...extracted } = await engine.processDocument({
      ...(eInvoice ? { eInvoice } : {}),
      ...(own ? { ownCompany: own } : {}),
      // The supplier named by the first reading (tax id, IBAN, name): what reviewers taught about its documents.
      memory: async (first) => (await findSupplierMemory(db, { spaceId: doc.spaceId, keys: supplierKeysOf(first as Record<string, { value?: unknown }>) }))?.memory,
      pages: inputs,
      ...(space?.fields?.length ? { fields: space.fields } : {}),
      ...(space?.templateId ? { templateId: space.templateId } : {}),
    });

    const extractionId = await db.transaction(async (tx) => {
      // The same invoice already in the space (a photo and a PDF of it): a warning on the result.
      const result = await flagPossibleDuplicate(tx, doc.id, extracted);
      for (const [i, p] of pageRows.entries()) {
        const ocr = ocrPages[i];
        if (!ocr) continue;
        await tx
          .update(pages)
          .set({ ocr, ocrMs: result.pages[i]?.ocrMs ?? null })
          .where(eq(pages.id, p.id));
      }
      // The unique (document, engine version) index makes a second run replace, not add.
      const [row] = await tx
        .insert(extractions)
        .values({ documentId: doc.id, engineVersion: result.engineVersion, extractor: result.extractor, result })
        .onConflictDoUpdate({
          target: [extractions.documentId, extractions.engineVersion],
          set: { result, extractor: result.extractor, createdAt: new Date() },
        })
        .returning({ id: extractions.id });
      await tx
        .update(documents)
        .set({ status: "done", error: null, pageCount: pageRows.length, updatedAt: new Date() })
        .where(and(eq(documents.id, doc.id), sql`${documents.status} <> 'reviewed'`));
      await tx
        .update(jobs)
        .set({ status: "completed", error: null, finishedAt: new Date() })
        .where(eq(jobs.id, payload.jobId));
      await syncDuplicates(tx, doc.id);
      if (!row) throw new Error("extraction upsert returned nothing");
      return row.id;
    });
    return { kind: "completed", extractionId };
  } catch (err) {
    const message = describeError(err);
    const attempt = ctx.attempt ?? { retryCount: 0, retryLimit: 0 };
    const last = isPermanent(err) || attempt.retryCount >= attempt.retryLimit;
    if (last) {
      await markFailed(db, payload, message);
      return { kind: "failed", error: message };
    }
    // Transient: note the error, put the job back to pending and let pg-boss retry it.
    await db.transaction(async (tx) => {
      await tx
        .update(jobs)
        .set({ status: "pending", error: `attempt ${attempt.retryCount + 1} failed, retrying: ${message}` })
        .where(eq(jobs.id, payload.jobId));
      await tx.update(documents).set({ status: "queued", updatedAt: new Date() }).where(eq(documents.id, doc.id));
      await syncDuplicates(tx, doc.id);
    });
    throw err;
  }
}

/** The e-invoice XML of a document: the original itself (XRechnung, Peppol) or the one inside a Factur-X/ZUGFeRD PDF. */
async function eInvoiceOf(storage: StorageAdapter, originalKey: string | null): Promise<Uint8Array | null> {
  if (!originalKey || !/\.(xml|pdf)$/.test(originalKey)) return null;
  const bytes = await storage.get(originalKey);
  if (!bytes) return null;
  if (originalKey.endsWith(".xml")) return bytes;
  return (await embeddedInvoiceXml(bytes))?.xml ?? null;
}

/**
 * Turn a PDF uploaded without page images into stored pages (150 DPI PNG + text layer,
 * within the per-page pixel budget). Keys are deterministic and rows insert-or-ignore, so
 * a retried run just redoes it. A PDF longer than MAX_PDF_PAGES keeps its first pages and
 * records its real length (`truncatedFrom`: the API reports `truncated` and a warning).
 * The pages of an API upload are charged here, in the transaction that stores them: only
 * now is their number known, and a run that dies before the commit charges nothing.
 */
async function rasterizeOriginal(db: Db, storage: StorageAdapter, doc: { documentId: string; originalKey: string }) {
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
    await tx.insert(pages).values(rows).onConflictDoNothing({ target: [pages.documentId, pages.index] });
    const [d] = await tx
      .update(documents)
      .set({ pageCount: rows.length, truncatedFrom: total > rows.length ? total : null, updatedAt: new Date() })
      .where(eq(documents.id, doc.documentId))
      .returning({ source: documents.source, uploadedBy: documents.uploadedBy });
    if (d?.source === "api" && d.uploadedBy) await tx.insert(usageEvents).values({ userId: d.uploadedBy, kind: "upload_pdf", pages: rows.length });
  });
}

/** Mark a job and its document failed with a readable error. */
export async function markFailed(db: Db, payload: ExtractDocumentPayload, message: string): Promise<void> {
  await db.transaction(async (tx) => {
    // Failed pages are not charged: refund an API upload's pages once, on its first failure.
    const [d] = await tx
      .select({ status: documents.status, source: documents.source, uploadedBy: documents.uploadedBy, pageCount: documents.pageCount })
      .from(documents)
      .where(eq(documents.id, payload.documentId));
    if (d && d.status !== "failed" && d.status !== "reviewed" && d.source === "api" && d.uploadedBy && d.pageCount > 0) {
      await tx.insert(usageEvents).values({ userId: d.uploadedBy, kind: "refund", pages: -d.pageCount });
    }
    await tx
      .update(jobs)
      .set({ status: "failed", error: message, finishedAt: new Date() })
      .where(eq(jobs.id, payload.jobId));
    await tx
      .update(documents)
      .set({ status: "failed", error: message, updatedAt: new Date() })
      .where(and(eq(documents.id, payload.documentId), sql`${documents.status} <> 'reviewed'`));
    await syncDuplicates(tx, payload.documentId);
  });
}

import type { Db } from "@/lib/db/client";
import { getExtractionTarget, getSpaceSchema, listPagesForExtraction } from "@/lib/db/queries/extraction";
import { getOwnCompany } from "@/lib/db/queries/own-company";
import { findSupplierMemory } from "@/lib/db/queries/supplier-memory";
import { type Engine, EngineError, type PageInput } from "@/lib/engine";
import { embeddedInvoiceXml } from "@/lib/engine/einvoice/embedded";
import { letterhead, supplierKeysOf } from "@/lib/engine/memory";
import { ENGINE_VERSION } from "@/lib/engine/version";
import { transition } from "@/lib/services/documents/lifecycle";
import { rasterizeOriginal } from "@/lib/services/documents/rasterize-original";
import { storeFlatPages } from "@/lib/services/documents/flatten-pages";
import { recordExtraction, recordExtractionFailure } from "@/lib/services/documents/record-extraction";
import type { StorageAdapter } from "@/lib/storage";
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
 * The extract-document job: load → engine → one service call. Safe to run any number of
 * times for one document: the extraction is an upsert on (document, engine version) and a
 * finished document is skipped, so a job re-run after a crash or re-sent twice has one effect.
 * Every status change goes through the document lifecycle. Throws only to ask pg-boss for a
 * retry (transient failure with attempts left).
 */
export async function runExtractDocument(ctx: {
  db: Db;
  storage: StorageAdapter;
  engine: Engine;
  payload: ExtractDocumentPayload;
  attempt?: AttemptInfo;
}): Promise<ExtractOutcome> {
  const { db, storage, engine, payload } = ctx;
  const target = await getExtractionTarget(db, { documentId: payload.documentId, engineVersion: ENGINE_VERSION });
  // Deleted while queued: nothing to do, and nothing to retry.
  if (!target) return { kind: "gone" };
  const { doc } = target;
  if (target.existingExtractionId && (doc.status === "done" || doc.status === "reviewed")) {
    await transition(db, { type: "already_extracted", jobId: payload.jobId });
    return { kind: "already_done", extractionId: target.existingExtractionId };
  }
  await db.transaction((tx) => transition(tx, { type: "started", documentId: doc.id, jobId: payload.jobId }));

  try {
    const space = await getSpaceSchema(db, { spaceId: doc.spaceId });
    let pageRows = await listPagesForExtraction(db, { documentId: doc.id });
    if (pageRows.length === 0 && doc.originalKey?.endsWith(".pdf")) {
      await rasterizeOriginal(db, storage, { documentId: doc.id, originalKey: doc.originalKey });
      pageRows = await listPagesForExtraction(db, { documentId: doc.id });
    }
    if (pageRows.length === 0) throw new EngineError("invalid_request", "the document has no pages");
    const inputs: PageInput[] = [];
    const images: Array<Uint8Array | undefined> = [];
    for (const p of pageRows) {
      const image = await storage.get(p.imageKey);
      if (!image && !p.textLayer) throw new Error(`page ${p.index + 1}: image ${p.imageKey} is missing from storage`);
      inputs.push({ ...(image ? { image } : {}), ...(p.textLayer ? { textLayer: p.textLayer } : {}) });
      images.push(image ?? undefined);
    }
    const eInvoice = await eInvoiceOf(storage, doc.originalKey);
    // "My company": our own names and ids are the buyer, never the vendor.
    const own = space ? await getOwnCompany(db, { teamId: space.teamId }) : undefined;
    const { ocrPages, ...result } = await engine.processDocument({
      ...(eInvoice ? { eInvoice } : {}),
      ...(own ? { ownCompany: own } : {}),
      // The supplier named by the first reading (tax id, IBAN, name): what reviewers taught about its documents.
      memory: async (first, read) =>
        (
          await findSupplierMemory(db, {
            spaceId: doc.spaceId,
            keys: supplierKeysOf(first as Record<string, { value?: unknown }>),
            letterhead: letterhead(read),
          })
        )?.memory,
      pages: inputs,
      ...(space?.fields?.length ? { fields: space.fields } : {}),
      ...(space?.templateId ? { templateId: space.templateId } : {}),
    });
    // Photos the engine flattened: the flattened page is stored beside the original for the reviewer.
    const flat = await storeFlatPages(storage, {
      documentId: doc.id,
      pages: pageRows.map((p, i) => ({ index: p.index, ...(images[i] ? { image: images[i] } : {}), ...(ocrPages[i] ? { ocr: ocrPages[i] } : {}) })),
    });
    const { extractionId } = await recordExtraction(db, {
      documentId: doc.id,
      jobId: payload.jobId,
      pages: pageRows.map((p, i) => ({ id: p.id, ocr: ocrPages[i], ocrMs: result.pages[i]?.ocrMs ?? null, flat: flat[i] ?? null })),
      result,
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
    await db.transaction((tx) =>
      transition(tx, { type: "retrying", documentId: doc.id, jobId: payload.jobId, attempt: attempt.retryCount + 1, error: message }),
    );
    throw err;
  }
}

/** Mark a job and its document failed with a readable error (an API upload's pages are refunded). */
export async function markFailed(db: Db, payload: ExtractDocumentPayload, message: string): Promise<void> {
  await recordExtractionFailure(db, { documentId: payload.documentId, jobId: payload.jobId, error: message });
}

/** The e-invoice XML of a document: the original itself (XRechnung, Peppol) or the one inside a Factur-X/ZUGFeRD PDF. */
async function eInvoiceOf(storage: StorageAdapter, originalKey: string | null): Promise<Uint8Array | null> {
  if (!originalKey || !/\.(xml|pdf)$/.test(originalKey)) return null;
  const bytes = await storage.get(originalKey);
  if (!bytes) return null;
  if (originalKey.endsWith(".xml")) return bytes;
  return (await embeddedInvoiceXml(bytes))?.xml ?? null;
}

/**
 * The document lifecycle: the only module that writes a document's status, its jobs' status
 * and its duplicates' copies. Every change is one `transition` (or one of the two inserts)
 * inside the caller's transaction, and each keeps the duplicates in step itself, so no
 * caller has to remember to.
 *
 *   queued ──started──▶ processing ──extracted──▶ done ──reviewed──▶ reviewed
 *     ▲                    │  └──failed──▶ failed                      │
 *     └──── retrying ──────┘          └──────── requeued ◀─────────────┘ (retry / force)
 *
 * A duplicate (same bytes in the same space) is never processed: it carries copies of its
 * original's status, pages, OCR, extraction and job outcome, brought up to date here.
 */
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { documents, jobs, pages } from "@/lib/db/schema";

/** A document's status (the column's type). */
export type DocumentStatus = (typeof documents.$inferSelect)["status"];

/** What moves a document (and its job) from one status to the next. */
export type LifecycleEvent =
  /** a worker picked the job up. */
  | { type: "started"; documentId: string; jobId: string }
  /** the extraction is stored: done (a reviewed document stays reviewed), the job completed. */
  | { type: "extracted"; documentId: string; jobId: string; pageCount: number }
  /** a re-run found this engine version's extraction already stored: only the job completes. */
  | { type: "already_extracted"; jobId: string }
  /** a transient failure with attempts left: back to queued, the job pending with the reason. */
  | { type: "retrying"; documentId: string; jobId: string; attempt: number; error: string }
  /** no attempt left, or the input is bad: job and document failed (a reviewed document stays reviewed). */
  | { type: "failed"; documentId: string; jobId: string; error: string }
  /** extract again with a new job (retry of a failed document, or forced): the review is cleared. */
  | { type: "requeued"; documentId: string; spaceId: string; jobId: string }
  /** a reviewer finished the document's queue. */
  | { type: "reviewed"; documentId: string; userId: string; at: Date }
  /** something shown in the row changed (a correction): pollers see it through updated_at. */
  | { type: "touched"; documentId: string }
  /** a PDF's pages were rasterized by its job (`truncatedFrom`: its real length when longer than the limit). */
  | { type: "pages_stored"; documentId: string; pageCount: number; truncatedFrom: number | null };

/** Apply one lifecycle event (call inside a transaction when it goes with other writes). */
export async function transition(tx: DbOrTx, e: LifecycleEvent): Promise<void> {
  const now = new Date();
  switch (e.type) {
    case "started":
      await tx
        .update(jobs)
        .set({ status: "processing", attempts: sql`${jobs.attempts} + 1`, startedAt: now })
        .where(eq(jobs.id, e.jobId));
      await tx.update(documents).set({ status: "processing", updatedAt: now }).where(eq(documents.id, e.documentId));
      return syncDuplicates(tx, e.documentId);
    case "extracted":
      await tx
        .update(documents)
        .set({ status: "done", error: null, pageCount: e.pageCount, updatedAt: now })
        .where(and(eq(documents.id, e.documentId), sql`${documents.status} <> 'reviewed'`));
      await tx.update(jobs).set({ status: "completed", error: null, finishedAt: now }).where(eq(jobs.id, e.jobId));
      return syncDuplicates(tx, e.documentId);
    case "already_extracted":
      await tx
        .update(jobs)
        .set({ status: "completed", error: null, finishedAt: sql`coalesce(${jobs.finishedAt}, now())` })
        .where(eq(jobs.id, e.jobId));
      return;
    case "retrying":
      await tx
        .update(jobs)
        .set({ status: "pending", error: `attempt ${e.attempt} failed, retrying: ${e.error}` })
        .where(eq(jobs.id, e.jobId));
      await tx.update(documents).set({ status: "queued", updatedAt: now }).where(eq(documents.id, e.documentId));
      return syncDuplicates(tx, e.documentId);
    case "failed":
      await tx.update(jobs).set({ status: "failed", error: e.error, finishedAt: now }).where(eq(jobs.id, e.jobId));
      await tx
        .update(documents)
        .set({ status: "failed", error: e.error, updatedAt: now })
        .where(and(eq(documents.id, e.documentId), sql`${documents.status} <> 'reviewed'`));
      return syncDuplicates(tx, e.documentId);
    case "requeued":
      await tx.insert(jobs).values({ id: e.jobId, documentId: e.documentId, spaceId: e.spaceId, uniqueKey: e.jobId, status: "pending" });
      await tx
        .update(documents)
        .set({ status: "queued", error: null, reviewedAt: null, reviewedBy: null, updatedAt: now })
        .where(eq(documents.id, e.documentId));
      return syncDuplicates(tx, e.documentId);
    case "reviewed":
      await tx.update(documents).set({ status: "reviewed", reviewedAt: e.at, reviewedBy: e.userId, updatedAt: e.at }).where(eq(documents.id, e.documentId));
      return;
    case "touched":
      await tx.update(documents).set({ updatedAt: now }).where(eq(documents.id, e.documentId));
      return;
    case "pages_stored":
      await tx.update(documents).set({ pageCount: e.pageCount, truncatedFrom: e.truncatedFrom, updatedAt: now }).where(eq(documents.id, e.documentId));
      return;
    default: {
      const never: never = e;
      return never;
    }
  }
}

/** The columns of a new document the upload decides (status and duplicate link are the lifecycle's). */
export type NewDocument = Omit<typeof documents.$inferInsert, "status" | "duplicateOf" | "error" | "reviewedAt" | "reviewedBy">;

/** The job that comes with a new document. */
export interface NewJob {
  id: string;
  uniqueKey: string;
}

/** Insert a new document as queued, with its pages and its pending job (enqueueing is the caller's). */
export async function insertQueued(
  tx: DbOrTx,
  doc: NewDocument & { id: string; spaceId: string },
  pageRows: Array<typeof pages.$inferInsert>,
  job: NewJob,
): Promise<void> {
  await tx.insert(documents).values({ ...doc, status: "queued" });
  if (pageRows.length > 0) await tx.insert(pages).values(pageRows);
  await tx.insert(jobs).values({ id: job.id, documentId: doc.id, spaceId: doc.spaceId, uniqueKey: job.uniqueKey, status: "pending" });
}

/** Insert a duplicate of `originalId` (never processed) and bring it to its original's state; returns its status. */
export async function insertDuplicate(
  tx: DbOrTx,
  doc: NewDocument & { id: string; spaceId: string },
  originalId: string,
  job: NewJob,
): Promise<DocumentStatus> {
  await tx.insert(documents).values({ ...doc, duplicateOf: originalId, status: "queued" });
  await tx.insert(jobs).values({ id: job.id, documentId: doc.id, spaceId: doc.spaceId, uniqueKey: job.uniqueKey, status: "pending" });
  await syncDuplicates(tx, originalId);
  const [row] = await tx.select({ status: documents.status }).from(documents).where(eq(documents.id, doc.id));
  return row?.status ?? "queued";
}

/** Before an original is deleted: its duplicates keep their copies and lose the flag. */
export async function detachDuplicates(tx: DbOrTx, originalId: string): Promise<void> {
  await tx.update(documents).set({ duplicateOf: null }).where(eq(documents.duplicateOf, originalId));
}

/**
 * Bring the rows flagged as duplicates of a document up to its state: status and error,
 * page rows (sharing the original's images) with their OCR, the extraction(s) and jobs, so
 * every reader (grid, exports, /jobs, /view) treats a duplicate like any document. Idempotent.
 */
async function syncDuplicates(tx: DbOrTx, originalId: string): Promise<void> {
  await tx.execute(sql`
    update documents d set status = o.status, error = o.error, page_count = o.page_count, updated_at = now()
    from documents o
    where o.id = ${originalId} and d.duplicate_of = o.id
      and d.status <> 'reviewed' and o.status <> 'reviewed'
      and (d.status <> o.status or d.error is distinct from o.error or d.page_count <> o.page_count)`);
  // An original someone reviewed counts as done for its duplicates (their review is their own).
  await tx.execute(sql`
    update documents d set status = 'done', error = null, updated_at = now()
    from documents o
    where o.id = ${originalId} and d.duplicate_of = o.id and o.status = 'reviewed'
      and d.status not in ('done', 'reviewed')`);
  // Page rows point at the original's stored images (a PDF's appear once its job rasterized it).
  await tx.execute(sql`
    insert into pages (id, document_id, index, width, height, image_key, text_layer, ocr, ocr_ms, flat_image_key, flattening)
    select gen_random_uuid()::text, d.id, o.index, o.width, o.height, o.image_key, o.text_layer, o.ocr, o.ocr_ms, o.flat_image_key, o.flattening
    from documents d join pages o on o.document_id = d.duplicate_of
    where d.duplicate_of = ${originalId}
    on conflict (document_id, index) do nothing`);
  await tx.execute(sql`
    update pages p set ocr = o.ocr, ocr_ms = o.ocr_ms, flat_image_key = o.flat_image_key, flattening = o.flattening
    from pages o, documents d
    where d.duplicate_of = ${originalId} and p.document_id = d.id
      and o.document_id = ${originalId} and o.index = p.index and p.ocr is null and o.ocr is not null`);
  await tx.execute(sql`
    insert into extractions (id, document_id, engine_version, extractor, result, created_at)
    select gen_random_uuid()::text, d.id, e.engine_version, e.extractor, e.result, e.created_at
    from documents d join extractions e on e.document_id = d.duplicate_of
    where d.duplicate_of = ${originalId}
    on conflict (document_id, engine_version)
      do update set result = excluded.result, extractor = excluded.extractor, created_at = excluded.created_at`);
  await tx.execute(sql`
    update jobs j set
      status = case when o.status in ('done', 'reviewed') then 'completed' when o.status = 'failed' then 'failed' else 'pending' end,
      error = case when o.status = 'failed' then o.error else null end,
      finished_at = case when o.status in ('done', 'reviewed', 'failed') then coalesce(j.finished_at, now()) else null end
    from documents d, documents o
    where j.document_id = d.id and d.duplicate_of = ${originalId} and o.id = ${originalId}`);
}

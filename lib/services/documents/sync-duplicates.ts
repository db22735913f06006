import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";

/**
 * Bring the rows flagged as duplicates of a document up to its state: status and error,
 * page rows (sharing the original's images) with their OCR, the extraction(s) and jobs. A duplicate is never processed itself;
 * it carries copies, so every reader (grid, exports, /jobs, /view) treats it like any
 * document. Idempotent; called when a duplicate is created and when its original finishes.
 */
export async function syncDuplicates(tx: DbOrTx, originalId: string): Promise<void> {
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
    insert into pages (id, document_id, index, width, height, image_key, text_layer, ocr, ocr_ms)
    select gen_random_uuid()::text, d.id, o.index, o.width, o.height, o.image_key, o.text_layer, o.ocr, o.ocr_ms
    from documents d join pages o on o.document_id = d.duplicate_of
    where d.duplicate_of = ${originalId}
    on conflict (document_id, index) do nothing`);
  await tx.execute(sql`
    update pages p set ocr = o.ocr, ocr_ms = o.ocr_ms
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

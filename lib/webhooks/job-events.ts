/**
 * Webhook events of the batch pipeline. Each function is idempotent (event ids are
 * stable per document and type), so callers may call them again after a crash or retry.
 */
import type { DbOrTx } from "@/lib/db/client";
import { getJobViews, listJobsOfDocument } from "@/lib/db/queries/jobs";
import { systemActor } from "@/lib/db/queries/owner";
import { recordWebhookEvent } from "./events";

/** `upload.received` and `item.created` for documents just accepted by POST /upload. */
export async function recordUploadEvents(
  db: DbOrTx,
  input: {
    spaceId: string;
    items: Array<{ documentId: string; jobId: string; uniqueKey: string; fileName: string; pageCount: number; duplicateOf?: string | undefined }>;
  },
): Promise<void> {
  for (const it of input.items) {
    const common = { jobId: it.jobId, uniqueKey: it.uniqueKey, path: `spaces/${input.spaceId}` };
    await recordWebhookEvent(db, {
      spaceId: input.spaceId,
      documentId: it.documentId,
      type: "upload.received",
      data: { ...common, fileName: it.fileName, pageCount: it.pageCount, duplicateOf: it.duplicateOf ?? null },
    });
    await recordWebhookEvent(db, {
      spaceId: input.spaceId,
      documentId: it.documentId,
      type: "item.created",
      data: { ...common, itemId: it.documentId, status: "pending" },
    });
  }
}

/**
 * `ocr.completed` (with `data.result`) or `ocr.failed` for every finished job of a
 * document and of the duplicates that share its result. Jobs still running are skipped.
 */
export async function recordOutcomeEvents(db: DbOrTx, documentId: string): Promise<number> {
  const rows = await listJobsOfDocument(db, { documentId });
  const finished = rows.filter((r) => r.status === "completed" || r.status === "failed");
  const teamId = finished[0]?.teamId;
  if (!teamId) return 0;
  // The upload's own events are recorded after its transaction; if that process died in
  // between, they are recorded here (the ids are stable, so nothing is sent twice).
  for (const r of finished) {
    await recordUploadEvents(db, { spaceId: r.spaceId, items: [{ ...r, duplicateOf: r.duplicateOf ?? undefined }] });
  }
  const views = await getJobViews(db, { userId: systemActor(teamId), jobIds: finished.map((r) => r.jobId) });
  let n = 0;
  for (const v of views) {
    const data = { jobId: v.jobId, uniqueKey: v.uniqueKey, itemId: v.itemId, path: v.path, fileName: v.fileName };
    if (v.status === "completed" && v.result) {
      await recordWebhookEvent(db, { spaceId: v.spaceId, documentId: v.itemId, type: "ocr.completed", data: { ...data, result: v.result } });
      n++;
    } else if (v.status === "failed") {
      await recordWebhookEvent(db, { spaceId: v.spaceId, documentId: v.itemId, type: "ocr.failed", data: { ...data, error: v.error } });
      n++;
    }
  }
  return n;
}

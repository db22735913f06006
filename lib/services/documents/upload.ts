import type { DbOrTx } from "@/lib/db/client";
import { getSpaceById } from "@/lib/db/queries/spaces";
import { ServiceError } from "@/lib/services/errors";
import { recordUsage } from "@/lib/services/usage/record";
import type { StorageAdapter } from "@/lib/storage";
import { wakeWebhookDispatcher } from "@/lib/webhooks/dispatcher";
import { recordOutcomeEvents, recordUploadEvents } from "@/lib/webhooks/job-events";
import { type CreatedDocument, createDocument } from "./create";
import { prepareUpload, type RawUpload, type UploadLimits } from "./prepare";
import type { ExtractionQueue } from "./queue";
import { recordAudit } from "@/lib/services/audit/record";
import { refusal } from "@/lib/services/teams/refusal";
import { type Actor, actorUserId } from "@/lib/db/queries/owner";

/** One file of an upload, with the caller's handle for it. */
export interface UploadFile {
  raw: RawUpload;
  uniqueKey?: string;
  /** how errors name the file (`files[2] (scan.pdf)`); unnamed when absent. */
  label?: string;
}

/** A document the upload created (or flagged as a duplicate). */
export type UploadedDocument = CreatedDocument & { fileName: string; pageCount: number };

/**
 * The upload use case behind both doors (the web app's upload and the batch API's POST /upload):
 * the space is checked, every file validated before any is stored (one bad file fails the whole
 * request), one document created per file (same bytes already in the space → a flagged duplicate,
 * not processed), then what an upload implies wherever it came from: API uploads charged for the
 * pages that will be processed, `upload.received`/`item.created` webhook events recorded (and the
 * outcome of duplicates, which is already known), the delivery loop woken.
 */
export async function uploadDocuments({
  db,
  queue,
  storage,
  userId,
  input,
}: {
  db: DbOrTx;
  queue: ExtractionQueue;
  storage: StorageAdapter;
  userId: Actor;
  input: {
    spaceId: string;
    files: UploadFile[];
    source: "web" | "api";
    /** the API key of an API upload (usage is charged to it). */
    apiKeyId?: string | null;
    limits: UploadLimits;
    /** the not-found sentence for this door. */
    noSpaceMessage?: string;
  };
}): Promise<UploadedDocument[]> {
  const { spaceId } = input;
  const space = await getSpaceById(db, { userId, action: "upload", spaceId });
  if (!space) {
    const why = await refusal(db, { spaceId }, "space");
    throw why.code === "forbidden" ? why : new ServiceError("not_found", input.noSpaceMessage ?? "No such space.", { path: "space" });
  }
  const prepared = [];
  for (const f of input.files) {
    try {
      prepared.push(await prepareUpload(f.raw, input.limits));
    } catch (err) {
      if (f.label && err instanceof Error) err.message = `${f.label}: ${err.message}`;
      throw err;
    }
  }
  const created: UploadedDocument[] = [];
  for (const [i, upload] of prepared.entries()) {
    const uniqueKey = input.files[i]?.uniqueKey?.trim();
    const doc = await createDocument({
      db,
      queue,
      storage,
      userId,
      input: { spaceId, upload, source: input.source, ...(uniqueKey ? { uniqueKey } : {}) },
    });
    created.push({ ...doc, fileName: upload.fileName, pageCount: upload.pages.length });
  }
  if (input.source === "api") {
    // Only pages that will be processed are charged; a flagged duplicate costs nothing.
    const pages = created.filter((c) => !c.duplicateOf).reduce((n, c) => n + c.pageCount, 0);
    if (pages > 0) await recordUsage({ db, input: { userId: actorUserId(userId), apiKeyId: input.apiKeyId ?? null, kind: "upload", pages } });
  }
  for (const c of created) {
    const details = { fileName: c.fileName, pages: c.pageCount, source: input.source, ...(c.duplicateOf ? { duplicateOf: c.duplicateOf } : {}) };
    await recordAudit(db, { actor: userId, action: "document.uploaded", spaceId, documentId: c.documentId, details });
  }
  await recordUploadEvents(db, { spaceId, items: created });
  for (const c of created) if (c.duplicateOf) await recordOutcomeEvents(db, c.duplicateOf);
  wakeWebhookDispatcher();
  return created;
}

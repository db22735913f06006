import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { getSpaceById } from "@/lib/db/queries/spaces";
import { documents, type pages } from "@/lib/db/schema";
import type { ExtractionQueue } from "./queue";
import { type StorageAdapter, storageKeys } from "@/lib/storage";
import type { PreparedUpload } from "./prepare";
import { insertDuplicate, insertQueued } from "./lifecycle";
import { refusal } from "@/lib/services/teams/refusal";
import { type Actor, actorUserId } from "@/lib/db/queries/owner";

/** Input of `createDocument`: a prepared upload into a space. */
export interface CreateDocumentInput {
  spaceId: string;
  upload: PreparedUpload;
  source?: "web" | "api";
  /** the caller's handle for this file, echoed by the batch API (default: the job id). */
  uniqueKey?: string;
}

/** What the upload answers. */
export interface CreatedDocument {
  documentId: string;
  jobId: string;
  uniqueKey: string;
  status: "queued" | "processing" | "done" | "failed" | "reviewed";
  /** set when the same bytes are already in the space: the document is flagged, not re-processed. */
  duplicateOf?: string;
}

/** An earlier, not failed, original document of the space with the same bytes. */
async function findOriginal(db: DbOrTx, spaceId: string, sha256: string) {
  const [row] = await db
    .select({ id: documents.id, status: documents.status })
    .from(documents)
    .where(and(eq(documents.spaceId, spaceId), eq(documents.sha256, sha256), isNull(documents.duplicateOf), ne(documents.status, "failed")))
    .orderBy(documents.createdAt)
    .limit(1);
  return row ?? null;
}

/**
 * Store a document's files, then insert the document, its pages and its job and enqueue
 * the extraction in one transaction (the queue row commits with them or not at all).
 * Same bytes already in the space → a flagged row pointing at the original, no job run.
 */
export async function createDocument({
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
  input: CreateDocumentInput;
}): Promise<CreatedDocument> {
  const space = await getSpaceById(db, { userId, action: "upload", spaceId: input.spaceId });
  if (!space) throw await refusal(db, { spaceId: input.spaceId }, "space");
  const { upload } = input;
  const documentId = crypto.randomUUID();
  const jobId = crypto.randomUUID();
  const uniqueKey = input.uniqueKey?.trim().slice(0, 200) || jobId;
  const base = {
    id: documentId,
    spaceId: space.id,
    fileName: upload.fileName,
    mimeType: upload.mimeType,
    sha256: upload.sha256,
    source: input.source ?? "web",
    uploadedBy: actorUserId(userId),
  } as const;

  const addDuplicate = async (tx: DbOrTx, originalId: string): Promise<CreatedDocument> => {
    // Pages (same storage keys), OCR, extraction and status come from the original.
    const status = await insertDuplicate(tx, base, originalId, { id: jobId, uniqueKey });
    return { documentId, jobId, uniqueKey, status, duplicateOf: originalId };
  };

  // Fast path: a known duplicate stores nothing.
  const early = await findOriginal(db, space.id, upload.sha256);
  if (early) return db.transaction((tx) => addDuplicate(tx, early.id));

  // Start the queue (if this process has not yet) before the transaction: on PGlite a
  // query outside an open transaction waits for it, so starting inside would deadlock.
  await queue.start();
  const keys: string[] = [];
  try {
    const pageRows: Array<typeof pages.$inferInsert> = [];
    for (const [index, p] of upload.pages.entries()) {
      const key = storageKeys.page(documentId, index, p.ext);
      await storage.put(key, p.bytes, { contentType: p.contentType });
      keys.push(key);
      pageRows.push({ documentId, index, width: p.width, height: p.height, imageKey: key, textLayer: p.textLayer });
    }
    let originalKey: string | null = keys[0] ?? null;
    if (upload.original) {
      originalKey = storageKeys.original(documentId, upload.original.ext);
      await storage.put(originalKey, upload.original.bytes, { contentType: upload.original.contentType });
      keys.push(originalKey);
    }

    const created = await db.transaction(async (tx) => {
      // Two uploads of the same file racing: the second waits here and sees the first.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${space.id}:${upload.sha256}`}))`);
      const original = await findOriginal(tx, space.id, upload.sha256);
      if (original) return addDuplicate(tx, original.id);
      await insertQueued(tx, { ...base, pageCount: upload.pages.length, originalKey }, pageRows, { id: jobId, uniqueKey });
      await queue.enqueue(tx, { jobId, documentId, pageCount: upload.pages.length || upload.pendingPdfPages || 1 });
      return { documentId, jobId, uniqueKey, status: "queued" } satisfies CreatedDocument;
    });
    if (created.duplicateOf) await removeKeys(storage, keys);
    else queue.wake();
    return created;
  } catch (err) {
    await removeKeys(storage, keys);
    throw err;
  }
}

/** Best-effort removal of stored files (an orphan file is harmless; a lost row is not). */
export async function removeKeys(storage: StorageAdapter, keys: string[]): Promise<void> {
  await Promise.all(keys.map((k) => storage.delete(k).catch(() => {})));
}

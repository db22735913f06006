import { and, asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { documents, jobs, pages, spaces } from "@/lib/db/schema";

/** One document the user owns (through its space), with its latest job; null otherwise. */
export async function getDocumentById(db: DbOrTx, params: { userId: string; documentId: string }) {
  const [doc] = await db
    .select({
      id: documents.id,
      spaceId: documents.spaceId,
      fileName: documents.fileName,
      mimeType: documents.mimeType,
      sha256: documents.sha256,
      duplicateOf: documents.duplicateOf,
      status: documents.status,
      error: documents.error,
      pageCount: documents.pageCount,
      source: documents.source,
      createdAt: documents.createdAt,
      updatedAt: documents.updatedAt,
      reviewedAt: documents.reviewedAt,
    })
    .from(documents)
    .innerJoin(spaces, eq(spaces.id, documents.spaceId))
    .where(and(eq(spaces.ownerId, params.userId), eq(documents.id, params.documentId)));
  if (!doc) return null;
  const [job] = await db
    .select({
      id: jobs.id,
      uniqueKey: jobs.uniqueKey,
      status: jobs.status,
      attempts: jobs.attempts,
      error: jobs.error,
      createdAt: jobs.createdAt,
      startedAt: jobs.startedAt,
      finishedAt: jobs.finishedAt,
    })
    .from(jobs)
    .where(eq(jobs.documentId, doc.id))
    .orderBy(desc(jobs.createdAt))
    .limit(1);
  return { ...doc, job: job ?? null };
}

/** Status of every document of a space the user owns (cheap polling for upload progress); null if not theirs. */
export async function listDocumentStatuses(db: DbOrTx, params: { userId: string; spaceId: string }) {
  const [space] = await db
    .select({ id: spaces.id })
    .from(spaces)
    .where(and(eq(spaces.ownerId, params.userId), eq(spaces.id, params.spaceId)));
  if (!space) return null;
  return db
    .select({
      documentId: documents.id,
      fileName: documents.fileName,
      status: documents.status,
      error: documents.error,
      duplicateOf: documents.duplicateOf,
      updatedAt: documents.updatedAt,
    })
    .from(documents)
    .where(eq(documents.spaceId, space.id))
    .orderBy(asc(documents.createdAt), asc(documents.id));
}

/** A page image's storage key and size, by page id or by document + index; owner check first. */
export async function getOwnedPageImage(
  db: DbOrTx,
  params: { userId: string } & ({ pageId: string } | { documentId: string; index: number }),
) {
  const which =
    "pageId" in params
      ? eq(pages.id, params.pageId)
      : and(eq(pages.documentId, params.documentId), eq(pages.index, params.index));
  const [row] = await db
    .select({ id: pages.id, imageKey: pages.imageKey, width: pages.width, height: pages.height })
    .from(pages)
    .innerJoin(documents, eq(documents.id, pages.documentId))
    .innerJoin(spaces, eq(spaces.id, documents.spaceId))
    .where(and(eq(spaces.ownerId, params.userId), which));
  return row ?? null;
}

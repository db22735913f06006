import { and, desc, eq, isNull, lt, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import type { TeamAction } from "@/lib/teams/roles";
import { documents, jobs, spaces } from "@/lib/db/schema";
import { type Actor, inTeamOf } from "@/lib/db/queries/owner";

/** One document the user owns (through its space), with its latest job; null otherwise. */
export async function getDocumentById(db: DbOrTx, params: { userId: Actor; action?: TeamAction; documentId: string }) {
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
    .where(and(inTeamOf(params.userId, params.action), eq(documents.id, params.documentId)));
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

/** The earliest other document of the space sharing a content key (same supplier, number and total), if any. */
export async function findContentTwin(db: DbOrTx, params: { spaceId: string; documentId: string; createdAt: Date; keys: string[] }) {
  if (params.keys.length === 0) return null;
  const [row] = await db
    .select({ id: documents.id, fileName: documents.fileName })
    .from(documents)
    .where(
      and(
        eq(documents.spaceId, params.spaceId),
        ne(documents.id, params.documentId),
        isNull(documents.duplicateOf),
        ne(documents.status, "failed"),
        lt(documents.createdAt, params.createdAt),
        sql`${documents.contentKeys} && ARRAY[${sql.join(
          params.keys.map((k) => sql`${k}`),
          sql`, `,
        )}]::text[]`,
      ),
    )
    .orderBy(documents.createdAt)
    .limit(1);
  return row ?? null;
}

import { and, desc, eq, inArray, or } from "drizzle-orm";
import { type JobView, toJobView } from "@/lib/contract/jobs";
import type { DbOrTx } from "@/lib/db/client";
import type { TeamAction } from "@/lib/teams/roles";
import { documents, extractions, jobs, spaces } from "@/lib/db/schema";
import type { DocumentResult } from "@/lib/engine/types";
import { type Actor, inTeamOf } from "./owner";

/** The jobs with these ids that belong to the user's spaces, in the API's shape with results (input order kept). */
export async function getJobViews(db: DbOrTx, params: { userId: Actor; action?: TeamAction; jobIds: string[] }): Promise<JobView[]> {
  if (params.jobIds.length === 0) return [];
  const rows = await db
    .select({
      job: jobs,
      fields: spaces.fields,
      fileName: documents.fileName,
      duplicateOf: documents.duplicateOf,
      pageCount: documents.pageCount,
      truncatedFrom: documents.truncatedFrom,
    })
    .from(jobs)
    .innerJoin(spaces, eq(spaces.id, jobs.spaceId))
    .innerJoin(documents, eq(documents.id, jobs.documentId))
    .where(and(inTeamOf(params.userId, params.action), inArray(jobs.id, params.jobIds)));
  const done = rows.filter((r) => r.job.status === "completed").map((r) => r.job.documentId);
  const results = new Map<string, DocumentResult>();
  if (done.length > 0) {
    const ex = await db
      .select({ documentId: extractions.documentId, result: extractions.result })
      .from(extractions)
      .where(inArray(extractions.documentId, done))
      .orderBy(desc(extractions.createdAt));
    for (const e of ex) if (!results.has(e.documentId)) results.set(e.documentId, e.result);
  }
  const byId = new Map(rows.map((r) => [r.job.id, r]));
  return params.jobIds.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toJobView(r, results.get(r.job.documentId))] : [];
  });
}

/** The jobs of a document and of its duplicates, with owner and document details (worker side: no user to check). */
export async function listJobsOfDocument(db: DbOrTx, params: { documentId: string }) {
  return db
    .select({
      jobId: jobs.id,
      uniqueKey: jobs.uniqueKey,
      status: jobs.status,
      teamId: spaces.teamId,
      spaceId: spaces.id,
      documentId: documents.id,
      fileName: documents.fileName,
      pageCount: documents.pageCount,
      duplicateOf: documents.duplicateOf,
    })
    .from(jobs)
    .innerJoin(documents, eq(documents.id, jobs.documentId))
    .innerJoin(spaces, eq(spaces.id, jobs.spaceId))
    .where(or(eq(documents.id, params.documentId), eq(documents.duplicateOf, params.documentId)));
}

/** A job's status (worker side), null when the job row is gone. */
export async function getJobStatus(db: DbOrTx, params: { jobId: string }) {
  const [row] = await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, params.jobId));
  return row?.status ?? null;
}

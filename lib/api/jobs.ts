/**
 * The public view of batch jobs (GET /jobs/{jobId}, POST /upload?wait=1, webhook
 * `ocr.completed`): status, timings, and the extraction in the /ocr/fields shape.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { documents, extractions, jobs, spaces } from "@/lib/db/schema";
import type { DocumentResult, FieldSpec } from "@/lib/engine/types";
import { toDetailed } from "./shape";

/** A job as the API returns it. */
export interface JobView {
  jobId: string;
  uniqueKey: string;
  status: "pending" | "processing" | "completed" | "failed";
  itemId: string;
  spaceId: string;
  path: string;
  fileName: string;
  duplicateOf: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** the /ocr/fields body, when completed. */
  result?: ReturnType<typeof shapeResult>;
  /** why it failed, when failed. */
  error?: { code: "engine_error"; message: string };
}

/** The path of a space as the batch API names it (`/view?space=` accepts it too). */
export function spacePath(spaceId: string): string {
  return `spaces/${spaceId}`;
}

/** A stored extraction in the /ocr/fields response shape. */
export function shapeResult(fields: FieldSpec[], result: DocumentResult) {
  const issues = result.issues.map((i) => ({ code: i.code, severity: i.severity, message: i.message, fields: i.fields }));
  return { status: "success" as const, data: toDetailed(fields, result.data), issues };
}

/** The jobs with these ids that belong to the user's spaces, with results (input order kept). */
export async function loadJobViews(db: DbOrTx, params: { userId: string; jobIds: string[] }): Promise<JobView[]> {
  if (params.jobIds.length === 0) return [];
  const rows = await db
    .select({ job: jobs, fields: spaces.fields, fileName: documents.fileName, duplicateOf: documents.duplicateOf })
    .from(jobs)
    .innerJoin(spaces, eq(spaces.id, jobs.spaceId))
    .innerJoin(documents, eq(documents.id, jobs.documentId))
    .where(and(eq(spaces.ownerId, params.userId), inArray(jobs.id, params.jobIds)));
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
    if (!r) return [];
    const j = r.job;
    const result = results.get(j.documentId);
    const view: JobView = {
      jobId: j.id,
      uniqueKey: j.uniqueKey,
      status: j.status,
      itemId: j.documentId,
      spaceId: j.spaceId,
      path: spacePath(j.spaceId),
      fileName: r.fileName,
      duplicateOf: r.duplicateOf,
      attempts: j.attempts,
      createdAt: j.createdAt.toISOString(),
      startedAt: j.startedAt?.toISOString() ?? null,
      finishedAt: j.finishedAt?.toISOString() ?? null,
      ...(j.status === "completed" && result ? { result: shapeResult(r.fields, result) } : {}),
      ...(j.status === "failed" ? { error: { code: "engine_error" as const, message: j.error ?? "The extraction failed." } } : {}),
    };
    return [view];
  });
}

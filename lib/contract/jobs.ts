/**
 * The public view of batch jobs (GET /jobs/{jobId}, POST /upload?wait=1, webhook
 * `ocr.completed`): status, timings, and the extraction in the /ocr/fields shape.
 */
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
  pageCount: number;
  /** only the first MAX_PDF_PAGES pages of a longer PDF were processed (`warnings` says so in words). */
  truncated: boolean;
  warnings?: string[];
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
  const issues = result.issues.map((i) => ({
    code: i.code,
    severity: i.severity,
    message: i.message,
    fields: i.fields,
    ...(i.related ? { related: i.related } : {}),
  }));
  return { status: "success" as const, data: toDetailed(fields, result.data), issues };
}

/** What a job view is built from: the job row, its space's fields and its document's name and duplicate link. */
export interface JobSource {
  job: {
    id: string;
    uniqueKey: string;
    status: JobView["status"];
    documentId: string;
    spaceId: string;
    attempts: number;
    error: string | null;
    createdAt: Date;
    startedAt: Date | null;
    finishedAt: Date | null;
  };
  fields: FieldSpec[];
  fileName: string;
  duplicateOf: string | null;
  pageCount: number;
  /** the PDF's real page count when it was cut to MAX_PDF_PAGES. */
  truncatedFrom: number | null;
}

/** A loaded job in the API's shape (the result only when completed, the error only when failed). */
export function toJobView(r: JobSource, result: DocumentResult | undefined): JobView {
  const j = r.job;
  return {
    jobId: j.id,
    uniqueKey: j.uniqueKey,
    status: j.status,
    itemId: j.documentId,
    spaceId: j.spaceId,
    path: spacePath(j.spaceId),
    fileName: r.fileName,
    duplicateOf: r.duplicateOf,
    attempts: j.attempts,
    pageCount: r.pageCount,
    truncated: r.truncatedFrom !== null,
    ...(r.truncatedFrom !== null
      ? { warnings: [`The PDF has ${r.truncatedFrom} pages; only the first ${r.pageCount} were processed (the server's MAX_PDF_PAGES).`] }
      : {}),
    createdAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    finishedAt: j.finishedAt?.toISOString() ?? null,
    ...(j.status === "completed" && result ? { result: shapeResult(r.fields, result) } : {}),
    ...(j.status === "failed" ? { error: { code: "engine_error" as const, message: j.error ?? "The extraction failed." } } : {}),
  };
}

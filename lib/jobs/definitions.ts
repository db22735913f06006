import { z } from "zod";

/** A job: a stable id (the queue name), a payload version and a zod schema (documenso's shape). */
export interface JobDefinition<S extends z.ZodType> {
  id: string;
  version: number;
  schema: S;
  /** retry and expiry policy of the queue. */
  queue: { retryLimit: number; retryDelay: number; retryBackoff: boolean };
  /** how long one run may stay active before it counts as orphaned and is retried. */
  expireInSeconds(payload: z.infer<S>): number;
}

/** Identity helper that types a definition from its schema. */
export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

/** Run the engine over one uploaded document and store its pages' OCR and the extraction. */
export const extractDocumentJob = defineJob({
  id: "extract-document",
  version: 1,
  schema: z.object({
    v: z.literal(1),
    /** public job id (jobs.id); also the pg-boss job id, so re-sends of one job collide. */
    jobId: z.uuid(),
    documentId: z.string().min(1),
    pageCount: z.number().int().min(1),
  }),
  // 4 attempts, 10 s, 20 s, 40 s apart: rides out a restart or a flaky LLM endpoint.
  queue: { retryLimit: 3, retryDelay: 10, retryBackoff: true },
  // A run that outlives this is treated as orphaned (its worker died) and retried.
  expireInSeconds: (p) => Math.min(3600, 120 + 60 * p.pageCount),
});

/** Payload of the extract-document job. */
export type ExtractDocumentPayload = z.infer<typeof extractDocumentJob.schema>;

import type { DbOrTx } from "@/lib/db/client";

/**
 * What the document services need from the job queue, handed in by the caller (lib/jobs/runtime.ts
 * `extractionQueue`): the services stay below the job runtime, whose handlers call them.
 */
export interface ExtractionQueue {
  /** start the queue in this process if it is not (before a transaction: on PGlite a cold start inside one waits forever). */
  start(): Promise<unknown>;
  /** enqueue an extraction inside the caller's transaction (it commits or rolls back with the document). */
  enqueue(tx: DbOrTx, input: { jobId: string; documentId: string; pageCount: number }): Promise<unknown>;
  /** wake this process's idle workers after a commit. */
  wake(): void;
}

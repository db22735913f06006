import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { documents, spaces } from "@/lib/db/schema";
import { type Actor, inTeamOf } from "@/lib/db/queries/owner";
import { ServiceError } from "@/lib/services/errors";
import type { ExtractionQueue } from "./queue";
import { transition } from "./lifecycle";
import { recordAudit } from "@/lib/services/audit/record";
import { refusal } from "@/lib/services/teams/refusal";

const columns = {
  id: documents.id,
  spaceId: documents.spaceId,
  status: documents.status,
  duplicateOf: documents.duplicateOf,
  pageCount: documents.pageCount,
};

/**
 * Extract a document again with a new job: a failed one (after the cause is fixed, or a
 * transient failure outlived its retries), or a finished one when `force` is set (e.g.
 * after an engine upgrade). A duplicate is retried through its original.
 */
export async function retryDocument({
  db,
  queue,
  userId,
  input,
}: {
  db: DbOrTx;
  queue: ExtractionQueue;
  userId: Actor;
  input: { documentId: string; force?: boolean };
}): Promise<{ documentId: string; jobId: string; status: "queued" }> {
  // Started before the transaction: on PGlite a cold start inside it would wait forever.
  await queue.start();
  const out = await db.transaction(async (tx) => {
    const [found] = await tx
      .select(columns)
      .from(documents)
      .innerJoin(spaces, eq(spaces.id, documents.spaceId))
      .where(and(inTeamOf(userId, "upload"), eq(documents.id, input.documentId)));
    if (!found) throw await refusal(tx, { documentId: input.documentId }, "document");
    let doc = found;
    if (found.duplicateOf) {
      const [original] = await tx.select(columns).from(documents).where(eq(documents.id, found.duplicateOf));
      if (original) doc = original;
    }
    if (doc.status === "queued" || doc.status === "processing") {
      throw new ServiceError("wrong_state", "The document is already being extracted.");
    }
    if (doc.status !== "failed" && !input.force) {
      throw new ServiceError("wrong_state", `The document is ${doc.status}; only a failed document is retried.`);
    }
    const jobId = crypto.randomUUID();
    await transition(tx, { type: "requeued", documentId: doc.id, spaceId: doc.spaceId, jobId });
    await queue.enqueue(tx, { jobId, documentId: doc.id, pageCount: Math.max(1, doc.pageCount) });
    await recordAudit(tx, { actor: userId, action: "document.retried", spaceId: doc.spaceId, documentId: doc.id, details: { force: Boolean(input.force) } });
    return { documentId: doc.id, jobId, status: "queued" as const };
  });
  queue.wake();
  return out;
}

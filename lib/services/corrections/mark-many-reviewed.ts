import type { Db } from "@/lib/db/client";
import { ServiceError } from "@/lib/services/errors";
import { markDocumentReviewed } from "./mark-reviewed";

/** At most this many documents per call (a filtered sheet of a big space is sent in slices). */
export const MARK_MANY_LIMIT = 500;

/**
 * Mark several documents reviewed ("Mark all reviewed" on a filtered sheet). Each one is
 * checked on its own, as a single mark would be: a document with values left to review,
 * not done, or not the user's is skipped with its reason, never marked.
 */
export async function markManyReviewed({
  db,
  userId,
  input,
}: {
  db: Db;
  userId: string;
  input: { documentIds: string[] };
}): Promise<{ marked: string[]; skipped: Array<{ documentId: string; reason: string }> }> {
  const ids = [...new Set(input.documentIds)];
  if (ids.length > MARK_MANY_LIMIT) throw new ServiceError("invalid", `At most ${MARK_MANY_LIMIT} documents at once.`);
  const marked: string[] = [];
  const skipped: Array<{ documentId: string; reason: string }> = [];
  for (const documentId of ids) {
    try {
      await markDocumentReviewed({ db, userId, input: { documentId } });
      marked.push(documentId);
    } catch (err) {
      if (!(err instanceof ServiceError)) throw err;
      skipped.push({ documentId, reason: err.message });
    }
  }
  return { marked, skipped };
}

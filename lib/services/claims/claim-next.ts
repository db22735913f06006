import type { DbOrTx } from "@/lib/db/client";
import { getReviewQueue } from "@/lib/db/queries/review";
import { claimDocument } from "./claim";

/**
 * Serve the caller the next document to review and claim it: what is assigned to (or already held by)
 * the caller first, then the queue's order (riskiest first), never a document someone else holds.
 * `teamId` keeps to one team's spaces, `spaceId` to one space; `skip` leaves out documents (the one just finished).
 * Null when nothing is left.
 */
export async function claimNextDocument({
  db,
  userId,
  input,
  now = new Date(),
}: {
  db: DbOrTx;
  userId: string;
  input: { teamId?: string; spaceId?: string; skip?: string[] };
  now?: Date;
}): Promise<{ documentId: string; spaceId: string } | null> {
  const skip = new Set(input.skip ?? []);
  const { documents } = await getReviewQueue(db, {
    userId,
    ...(input.teamId ? { teamId: input.teamId } : {}),
    ...(input.spaceId ? { spaceId: input.spaceId } : {}),
    now,
  });
  const order = [...documents.filter((d) => d.holder?.userId === userId), ...documents.filter((d) => !d.holder)];
  for (const d of order) {
    if (skip.has(d.documentId)) continue;
    // another reviewer may have taken it since the queue was read: the claim decides
    const claim = await claimDocument({ db, userId, input: { documentId: d.documentId }, now });
    if (claim.held) return { documentId: d.documentId, spaceId: d.spaceId };
  }
  return null;
}

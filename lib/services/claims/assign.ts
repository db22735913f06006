import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { getDocumentById } from "@/lib/db/queries/documents";
import { getUserById } from "@/lib/db/queries/users";
import { reviewClaims } from "@/lib/db/schema";
import { recordAudit } from "@/lib/services/audit/record";
import { ServiceError } from "@/lib/services/errors";

/**
 * A team admin (permission `assign`) hands a document to a reviewer (replacing any claim or earlier
 * assignment), or takes the assignment back with `assigneeId: null`. The assignee must be an active member
 * of the document's team who may review.
 */
export async function assignDocument({
  db,
  userId,
  input,
}: {
  db: DbOrTx;
  userId: string;
  input: { documentId: string; assigneeId: string | null };
}): Promise<{ documentId: string; assigneeId: string | null }> {
  const doc = await getDocumentById(db, { userId, action: "assign", documentId: input.documentId });
  if (!doc) {
    // a member who may read but not assign is told so; anyone else learns nothing
    if (await getDocumentById(db, { userId, documentId: input.documentId })) throw new ServiceError("forbidden", "Only the team's admins assign documents.");
    throw new ServiceError("not_found", "No such document.");
  }
  return db.transaction(async (tx) => {
    if (input.assigneeId === null) {
      await tx.delete(reviewClaims).where(and(eq(reviewClaims.documentId, doc.id), eq(reviewClaims.kind, "assignment")));
      await recordAudit(tx, { actor: userId, action: "document.unassigned", spaceId: doc.spaceId, documentId: doc.id });
      return { documentId: doc.id, assigneeId: null };
    }
    const assignee = await getUserById(tx, input.assigneeId);
    const sees = assignee && !assignee.disabled ? await getDocumentById(tx, { userId: assignee.id, action: "review", documentId: doc.id }) : null;
    if (!assignee || !sees) throw new ServiceError("invalid", "That person cannot review this document.", { path: "assigneeId" });
    const values = { spaceId: doc.spaceId, userId: assignee.id, kind: "assignment" as const, expiresAt: null, assignedBy: userId, createdAt: new Date() };
    await tx
      .insert(reviewClaims)
      .values({ documentId: doc.id, ...values })
      .onConflictDoUpdate({ target: reviewClaims.documentId, set: values });
    await recordAudit(tx, {
      actor: userId,
      action: "document.assigned",
      spaceId: doc.spaceId,
      documentId: doc.id,
      target: `user:${assignee.id}`,
      details: { to: assignee.email },
    });
    return { documentId: doc.id, assigneeId: assignee.id };
  });
}

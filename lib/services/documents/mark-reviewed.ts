import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { documents, spaces } from "@/lib/db/schema";
import { ServiceError } from "@/lib/services/errors";

/** Mark a finished document reviewed (or take the mark back: it returns to "done"). */
export async function markDocumentReviewed({
  db,
  userId,
  input,
}: {
  db: DbOrTx;
  userId: string;
  input: { documentId: string; reviewed?: boolean };
}) {
  const reviewed = input.reviewed ?? true;
  return db.transaction(async (tx) => {
    const [doc] = await tx
      .select({ id: documents.id, status: documents.status })
      .from(documents)
      .innerJoin(spaces, eq(spaces.id, documents.spaceId))
      .where(and(eq(spaces.ownerId, userId), eq(documents.id, input.documentId)));
    if (!doc) throw new ServiceError("not_found", "No such document.");
    if (doc.status !== "done" && doc.status !== "reviewed") {
      throw new ServiceError("conflict", `The document is ${doc.status}; only an extracted document can be marked reviewed.`);
    }
    const [row] = await tx
      .update(documents)
      .set(
        reviewed
          ? { status: "reviewed", reviewedAt: new Date(), reviewedBy: userId, updatedAt: new Date() }
          : { status: "done", reviewedAt: null, reviewedBy: null, updatedAt: new Date() },
      )
      .where(eq(documents.id, doc.id))
      .returning({ id: documents.id, status: documents.status, reviewedAt: documents.reviewedAt });
    if (!row) throw new Error("update returned nothing");
    return row;
  });
}

import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { reviewClaims } from "@/lib/db/schema";

/** Give a document back (the holder's own claim; an assignment stays until the admin takes it back); harmless when not held. */
export async function releaseClaim({ db, userId, input }: { db: DbOrTx; userId: string; input: { documentId: string } }): Promise<{ released: boolean }> {
  const gone = await db
    .delete(reviewClaims)
    .where(and(eq(reviewClaims.documentId, input.documentId), eq(reviewClaims.userId, userId), eq(reviewClaims.kind, "claim")))
    .returning({ id: reviewClaims.documentId });
  return { released: gone.length > 0 };
}

/** Drop whatever hold a document has (it was reviewed: nobody needs to hold it any more). */
export async function clearClaims(db: DbOrTx, documentId: string): Promise<void> {
  await db.delete(reviewClaims).where(eq(reviewClaims.documentId, documentId));
}

import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { type ClaimHolder, liveClaimsOf } from "@/lib/db/queries/claims";
import { getDocumentById } from "@/lib/db/queries/documents";
import { reviewClaims } from "@/lib/db/schema";
import { ServiceError } from "@/lib/services/errors";

/** How long opening a document holds it; the document view renews the claim while the reviewer works. */
export const CLAIM_MINUTES = 5;

/** Held: the caller has the document (until `expiresAt`; null for an assignment). Not held: who has it. */
export type ClaimResult = { held: true; kind: "claim" | "assignment"; expiresAt: Date | null } | { held: false; holder: ClaimHolder };

/**
 * Claim a document for review, or renew the caller's claim. One statement decides, so two reviewers
 * opening the same document at once cannot both get it: the row is taken when free or lapsed, renewed
 * when the caller holds it (an assignment to the caller stays an assignment), and left alone otherwise.
 */
export async function claimDocument({
  db,
  userId,
  input,
  now = new Date(),
}: {
  db: DbOrTx;
  userId: string;
  input: { documentId: string };
  now?: Date;
}): Promise<ClaimResult> {
  const doc = await getDocumentById(db, { userId, action: "review", documentId: input.documentId });
  if (!doc) {
    // a member who may read but not review (uploader, viewer) is told so; anyone else learns nothing
    if (await getDocumentById(db, { userId, documentId: input.documentId })) throw new ServiceError("forbidden", "Your role does not review documents.");
    throw new ServiceError("not_found", "No such document.");
  }
  const expiresAt = new Date(now.getTime() + CLAIM_MINUTES * 60_000);
  for (let attempt = 0; attempt < 2; attempt++) {
    const [row] = await db
      .insert(reviewClaims)
      .values({ documentId: doc.id, spaceId: doc.spaceId, userId, kind: "claim", expiresAt })
      .onConflictDoUpdate({
        target: reviewClaims.documentId,
        set: {
          userId,
          kind: sql`case when "review_claims"."user_id" = ${userId} then "review_claims"."kind" else 'claim' end`,
          expiresAt: sql`case when "review_claims"."user_id" = ${userId} and "review_claims"."kind" = 'assignment' then null else ${expiresAt.toISOString()}::timestamptz end`,
          assignedBy: sql`case when "review_claims"."user_id" = ${userId} then "review_claims"."assigned_by" else null end`,
        },
        where: sql`"review_claims"."user_id" = ${userId} or ("review_claims"."expires_at" is not null and "review_claims"."expires_at" <= ${now.toISOString()}::timestamptz)`,
      })
      .returning({ kind: reviewClaims.kind, expiresAt: reviewClaims.expiresAt });
    if (row) return { held: true, kind: row.kind, expiresAt: row.expiresAt };
    const holder = (await liveClaimsOf(db, { documentIds: [doc.id], now })).get(doc.id);
    if (holder) return { held: false, holder };
    // the other claim lapsed between the two statements: try once more
  }
  throw new ServiceError("wrong_state", "The document is being claimed by someone else; try again.");
}

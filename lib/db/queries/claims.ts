import { and, eq, gt, inArray, isNull, or } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { reviewClaims, users } from "@/lib/db/schema";

/** Who holds a document for review: a claim (until `expiresAt`) or an assignment (`expiresAt` null). */
export interface ClaimHolder {
  documentId: string;
  userId: string;
  email: string;
  kind: "claim" | "assignment";
  expiresAt: Date | null;
}

/** A claim still counts while it has not expired; an assignment always does. */
export const liveClaim = (now: Date) => or(isNull(reviewClaims.expiresAt), gt(reviewClaims.expiresAt, now));

/**
 * The live holders of the given documents (callers pass documents the user may already see: the
 * tenant condition was applied when the ids were read). Lapsed claims are left out.
 */
export async function liveClaimsOf(db: DbOrTx, params: { documentIds: string[]; now?: Date }): Promise<Map<string, ClaimHolder>> {
  if (params.documentIds.length === 0) return new Map();
  const rows = await db
    .select({
      documentId: reviewClaims.documentId,
      userId: reviewClaims.userId,
      email: users.email,
      kind: reviewClaims.kind,
      expiresAt: reviewClaims.expiresAt,
    })
    .from(reviewClaims)
    .innerJoin(users, eq(users.id, reviewClaims.userId))
    .where(and(inArray(reviewClaims.documentId, params.documentIds), liveClaim(params.now ?? new Date())));
  return new Map(rows.map((r) => [r.documentId, r]));
}

"use server";

import { getDb } from "@/lib/db/client";
import { asUser } from "@/lib/session/action";
import { claimDocument } from "@/lib/services/claims/claim";
import { claimNextDocument } from "@/lib/services/claims/claim-next";
import { releaseClaim } from "@/lib/services/claims/release";

/** What the document view shows about a claim: held by me, or by whom and until when. */
export type ClaimView = { held: true; until: string | null } | { held: false; holder: string; until: string | null } | { error: string };

/** Claim (or renew the claim on) a document the reviewer is looking at. */
export async function claimAction(documentId: string): Promise<ClaimView> {
  const r = await asUser(async (user) => claimDocument({ db: await getDb(), userId: user.id, input: { documentId } }), "claim");
  if (!r.ok) return { error: r.error };
  const c = r.value;
  return c.held
    ? { held: true, until: c.expiresAt?.toISOString() ?? null }
    : { held: false, holder: c.holder.email, until: c.holder.expiresAt?.toISOString() ?? null };
}

/**
 * Move on in the queue: give the current document back and claim the first of `ahead` (the documents after it
 * in the view's queue order) that nobody else holds. Null when nothing is left.
 */
export async function nextForReviewAction(spaceId: string, currentId: string, ahead: string[]): Promise<{ documentId: string | null } | { error: string }> {
  const r = await asUser(async (user) => {
    const db = await getDb();
    await releaseClaim({ db, userId: user.id, input: { documentId: currentId } });
    return claimNextDocument({ db, userId: user.id, input: { spaceId, skip: [currentId], among: ahead.slice(0, 500) } });
  }, "next for review");
  return r.ok ? { documentId: r.value?.documentId ?? null } : { error: r.error };
}

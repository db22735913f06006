"use server";

import { getDb } from "@/lib/db/client";
import { asUser } from "@/lib/session/action";
import { claimDocument } from "@/lib/services/claims/claim";
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

/** Give a claim back: the reviewer moved on to another document. */
export async function releaseAction(documentId: string): Promise<void> {
  await asUser(async (user) => releaseClaim({ db: await getDb(), userId: user.id, input: { documentId } }), "release claim");
}

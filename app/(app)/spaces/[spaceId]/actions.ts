"use server";

import { getDb } from "@/lib/db/client";
import { asUser } from "@/lib/session/action";
import { markDocumentReviewed } from "@/lib/services/corrections/mark-reviewed";

/** Mark a document reviewed (its review queue must be empty). */
export async function markReviewed(documentId: string): Promise<{ ok: true } | { error: string }> {
  const r = await asUser(async (user) => markDocumentReviewed({ db: await getDb(), userId: user.id, input: { documentId } }), "mark reviewed");
  return r.ok ? { ok: true } : { error: r.error };
}

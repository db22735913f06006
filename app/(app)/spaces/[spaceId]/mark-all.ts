"use server";

import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { markManyReviewed } from "@/lib/services/corrections/mark-many-reviewed";
import { ServiceError } from "@/lib/services/errors";

/** "Mark all reviewed" on the sheet's filtered rows: each document is checked on its own. */
export async function markAllReviewed(documentIds: string[]): Promise<{ marked: number; skipped: number } | { error: string }> {
  const user = await currentUser();
  if (!user) return { error: "Signed out." };
  try {
    const out = await markManyReviewed({ db: await getDb(), userId: user.id, input: { documentIds } });
    return { marked: out.marked.length, skipped: out.skipped.length };
  } catch (err) {
    if (err instanceof ServiceError) return { error: err.message };
    throw err;
  }
}

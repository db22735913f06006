"use server";

import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { markManyReviewed } from "@/lib/services/corrections/mark-many-reviewed";
import { ServiceError } from "@/lib/services/errors";
import { actionError } from "@/lib/session/action";

/** "Mark all reviewed" on the sheet's filtered rows: each document is checked on its own. */
export async function markAllReviewed(documentIds: string[]): Promise<{ marked: number; skipped: number } | { error: string }> {
  const user = await currentUser();
  if (!user) return { error: await actionError("unauthorized") };
  try {
    const out = await markManyReviewed({ db: await getDb(), userId: user.id, input: { documentIds } });
    return { marked: out.marked.length, skipped: out.skipped.length };
  } catch (err) {
    if (err instanceof ServiceError) return { error: await actionError(err.code, err.message) };
    throw err;
  }
}

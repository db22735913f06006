"use server";

import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { ServiceError } from "@/lib/services/errors";
import { markDocumentReviewed } from "@/lib/services/corrections/mark-reviewed";
import { getSheetRows } from "@/lib/db/queries/sheet";
import type { SheetRow } from "@/lib/sheet/types";

/** One slice of the space's rows in upload order (a big space loads in the background). */
export async function loadRowsWindow(
  spaceId: string,
  offset: number,
  limit: number,
): Promise<{ rows: SheetRow[]; total: number } | { error: string }> {
  const user = await currentUser();
  if (!user) return { error: "Signed out." };
  const window = { offset: Math.max(0, Math.floor(offset)), limit: Math.min(2000, Math.max(1, Math.floor(limit))) };
  const sheet = await getSheetRows(await getDb(), { userId: user.id, spaceId, window });
  if (!sheet) return { error: "No such space." };
  return { rows: sheet.rows, total: sheet.total };
}

/** Mark a document reviewed (its review queue must be empty). */
export async function markReviewed(documentId: string): Promise<{ ok: true } | { error: string }> {
  const user = await currentUser();
  if (!user) return { error: "Signed out." };
  try {
    await markDocumentReviewed({ db: await getDb(), userId: user.id, input: { documentId } });
    return { ok: true };
  } catch (err) {
    if (err instanceof ServiceError) return { error: err.message };
    throw err;
  }
}

"use server";

import { getDb } from "@/lib/db/client";
import { getSheetRows } from "@/lib/db/queries/sheet";
import { asUser } from "@/lib/session/action";
import { markDocumentReviewed } from "@/lib/services/corrections/mark-reviewed";
import { ServiceError } from "@/lib/services/errors";
import type { SheetRow } from "@/lib/sheet/types";

/** One slice of the space's rows in upload order (a big space loads in the background). */
export async function loadRowsWindow(
  spaceId: string,
  offset: number,
  limit: number,
): Promise<{ rows: SheetRow[]; total: number } | { error: string }> {
  const window = { offset: Math.max(0, Math.floor(offset)), limit: Math.min(2000, Math.max(1, Math.floor(limit))) };
  const r = await asUser(async (user) => {
    const sheet = await getSheetRows(await getDb(), { userId: user.id, spaceId, window });
    if (!sheet) throw new ServiceError("not_found", "No such space.");
    return { rows: sheet.rows, total: sheet.total };
  }, "load rows");
  return r.ok ? r.value : { error: r.code === "unauthorized" ? "Signed out." : r.error };
}

/** Mark a document reviewed (its review queue must be empty). */
export async function markReviewed(documentId: string): Promise<{ ok: true } | { error: string }> {
  const r = await asUser(async (user) => markDocumentReviewed({ db: await getDb(), userId: user.id, input: { documentId } }), "mark reviewed");
  return r.ok ? { ok: true } : { error: r.code === "unauthorized" ? "Signed out." : r.error };
}

import type { Db } from "@/lib/db/client";
import { getDocumentRow } from "@/lib/db/queries/sheet";
import { rowCells } from "@/lib/sheet/build";
import { needsReview } from "@/lib/sheet/queue";
import { transition } from "@/lib/services/documents/lifecycle";
import { ServiceError } from "@/lib/services/errors";
import { recordInSupplierMemory } from "@/lib/services/memory/record";
import { supplierOf } from "@/lib/services/memory/supplier";
import { recordAudit } from "@/lib/services/audit/record";
import { refusal } from "@/lib/services/teams/refusal";
import { clearClaims } from "@/lib/services/claims/release";

/** Mark a document reviewed: only when nothing is left in its review queue. */
export async function markDocumentReviewed({
  db,
  userId,
  input,
}: {
  db: Db;
  userId: string;
  input: { documentId: string };
}): Promise<{ documentId: string; reviewedAt: string }> {
  return db.transaction(async (tx) => {
    const owned = await getDocumentRow(tx, { userId, action: "review", documentId: input.documentId });
    if (!owned) throw await refusal(tx, { documentId: input.documentId }, "document");
    const { doc, row } = owned;
    if (doc.status !== "done") throw new ServiceError("wrong_state", `The document is ${doc.status}.`);
    const open = rowCells(row).filter(needsReview).length;
    if (open > 0) throw new ServiceError("wrong_state", `${open} value(s) still need review.`, { open });
    // Marking reviewed confirms every value: the supplier's memory learns where each one is printed.
    await recordInSupplierMemory(tx, {
      spaceId: doc.spaceId,
      documentId: doc.id,
      supplier: supplierOf(row),
      read: supplierOf(row, {}, true),
      values: Object.values(row.cells).flatMap((c) => (c.value ? [{ field: c.path, value: c.value, page: c.page }] : [])),
    });
    const now = new Date();
    await transition(tx, { type: "reviewed", documentId: doc.id, userId, at: now });
    await recordAudit(tx, { actor: userId, action: "document.reviewed", spaceId: doc.spaceId, documentId: doc.id });
    // reviewed: nobody needs to hold it any more
    await clearClaims(tx, doc.id);
    return { documentId: doc.id, reviewedAt: now.toISOString() };
  });
}

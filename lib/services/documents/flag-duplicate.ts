import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { findContentTwin } from "@/lib/db/queries/documents";
import { documents } from "@/lib/db/schema";
import type { CheckIssue, DocumentResult } from "@/lib/engine/types";
import { contentKeys } from "./content-keys";

export const POSSIBLE_DUPLICATE = "possible_duplicate";

/**
 * Duplicates at intake: store the document's content keys, link it to the earliest earlier
 * document of the space with the same supplier + number + total, and add a
 * `possible_duplicate` warning (with a link) to the result — a warning, never a block. A
 * reviewer who dismissed it is not asked again. Returns the result to store.
 */
export async function flagPossibleDuplicate(tx: DbOrTx, documentId: string, result: DocumentResult): Promise<DocumentResult> {
  const [doc] = await tx
    .select({ spaceId: documents.spaceId, createdAt: documents.createdAt, dismissed: documents.duplicateDismissedAt })
    .from(documents)
    .where(eq(documents.id, documentId));
  const clean = { ...result, issues: result.issues.filter((i) => i.code !== POSSIBLE_DUPLICATE) };
  if (!doc) return clean;
  const keys = contentKeys(result);
  const twin = await findContentTwin(tx, { spaceId: doc.spaceId, documentId, createdAt: doc.createdAt, keys });
  await tx
    .update(documents)
    .set({ contentKeys: keys, possibleDuplicateOf: twin?.id ?? null })
    .where(eq(documents.id, documentId));
  if (!twin || doc.dismissed) return clean;
  const fields = ["invoice_number", "receipt_no", "total"].filter((f) => f in result.data);
  const issue: CheckIssue = {
    code: POSSIBLE_DUPLICATE,
    severity: "warning",
    message: `Possible duplicate of “${twin.fileName}”: same supplier, number (or date) and total.`,
    fields,
    related: { documentId: twin.id, fileName: twin.fileName },
  };
  return { ...clean, issues: [...clean.issues, issue] };
}

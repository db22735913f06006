import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { type Actor, inTeamOf } from "@/lib/db/queries/owner";
import { documents, extractions, spaces } from "@/lib/db/schema";
import { POSSIBLE_DUPLICATE } from "./flag-duplicate";
import { recordAudit } from "@/lib/services/audit/record";
import { refusal } from "@/lib/services/teams/refusal";

/**
 * The reviewer says a possible duplicate is not one: the warning leaves the document's
 * results and is not raised again when it is extracted anew. The link stays on the row.
 */
export async function dismissDuplicate({
  db,
  userId,
  input,
}: {
  db: DbOrTx;
  userId: Actor;
  input: { documentId: string };
}): Promise<{ documentId: string; dismissed: true }> {
  return db.transaction(async (tx) => {
    const [doc] = await tx
      .select({ id: documents.id, spaceId: documents.spaceId })
      .from(documents)
      .innerJoin(spaces, eq(spaces.id, documents.spaceId))
      .where(and(inTeamOf(userId, "review"), eq(documents.id, input.documentId)));
    if (!doc) throw await refusal(tx, { documentId: input.documentId }, "document");
    await tx.update(documents).set({ duplicateDismissedAt: new Date(), updatedAt: new Date() }).where(eq(documents.id, doc.id));
    const rows = await tx.select({ id: extractions.id, result: extractions.result }).from(extractions).where(eq(extractions.documentId, doc.id));
    for (const r of rows) {
      const result = r.result;
      if (!result.issues.some((i) => i.code === POSSIBLE_DUPLICATE)) continue;
      const next = { ...result, issues: result.issues.filter((i) => i.code !== POSSIBLE_DUPLICATE) };
      await tx.update(extractions).set({ result: next }).where(eq(extractions.id, r.id));
    }
    await recordAudit(tx, { actor: userId, action: "document.duplicate_dismissed", spaceId: doc.spaceId, documentId: doc.id });
    return { documentId: doc.id, dismissed: true as const };
  });
}

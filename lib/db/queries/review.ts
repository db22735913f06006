import type { DbOrTx } from "@/lib/db/client";
import { buildReviewQueue, reviewableDocuments } from "@/lib/sheet/queue";
import { type ClaimHolder, liveClaimsOf } from "./claims";
import { getSheetRows } from "./sheet";
import { listSpaces } from "./spaces";

/** One document of the review queue, with who holds it (if anyone). */
export interface ReviewQueueDocument {
  documentId: string;
  spaceId: string;
  spaceName: string;
  fileName: string;
  /** values left to review; failed checks among them. */
  open: number;
  failedChecks: number;
  /** the riskiest value's risk (lower = riskier): the queue's order. */
  firstRisk: number;
  createdAt: string;
  holder: ClaimHolder | null;
}

/**
 * The review queue across the spaces of a team where the user may review (or one space, with `spaceId`): the documents with
 * values to review, riskiest first (the order `buildReviewQueue` gives inside a space, merged across
 * spaces), each with its live claim or assignment; plus per space what is left and what is done.
 */
export async function getReviewQueue(db: DbOrTx, params: { userId: string; teamId?: string; spaceId?: string; now?: Date }) {
  const spaces = (await listSpaces(db, { userId: params.userId, action: "review" })).filter(
    (s) => (!params.teamId || s.teamId === params.teamId) && (!params.spaceId || s.id === params.spaceId),
  );
  const documents: Omit<ReviewQueueDocument, "holder">[] = [];
  const perSpace = [];
  for (const s of spaces) {
    const rows = (await getSheetRows(db, { userId: params.userId, spaceId: s.id }))?.rows ?? [];
    const queue = buildReviewQueue(rows);
    const byDoc = new Map<string, Omit<ReviewQueueDocument, "holder">>();
    for (const item of queue) {
      let d = byDoc.get(item.documentId);
      if (!d) {
        const row = rows.find((r) => r.documentId === item.documentId);
        d = {
          documentId: item.documentId,
          spaceId: s.id,
          spaceName: s.name,
          fileName: item.fileName,
          open: 0,
          failedChecks: 0,
          firstRisk: item.risk,
          createdAt: row?.createdAt ?? "",
        };
        byDoc.set(item.documentId, d);
      }
      d.open++;
      if (item.state === "failed_check") d.failedChecks++;
    }
    documents.push(...byDoc.values());
    perSpace.push({
      id: s.id,
      name: s.name,
      open: queue.length,
      documents: byDoc.size,
      failedChecks: queue.filter((q) => q.state === "failed_check").length,
      reviewable: reviewableDocuments(rows).length,
      reviewed: rows.filter((r) => r.status === "reviewed").length,
    });
  }
  documents.sort((a, b) => a.firstRisk - b.firstRisk || a.createdAt.localeCompare(b.createdAt));
  const holders = await liveClaimsOf(db, { documentIds: documents.map((d) => d.documentId), now: params.now });
  return {
    documents: documents.map((d) => ({ ...d, holder: holders.get(d.documentId) ?? null })),
    spaces: perSpace,
  };
}

import { alias } from "drizzle-orm/pg-core";
import { and, eq, ne, notExists, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { documents, pages, spaces } from "@/lib/db/schema";
import { type Actor, inTeamOf } from "@/lib/db/queries/owner";
import type { StorageAdapter } from "@/lib/storage";
import { removeKeys } from "./create";
import { detachDuplicates } from "./lifecycle";
import { recordAudit } from "@/lib/services/audit/record";
import { refusal } from "@/lib/services/teams/refusal";

const sharing = alias(pages, "sharing");

/**
 * Delete a document the user owns, with its pages, extraction, corrections and jobs
 * (cascade) and the stored files no other document shares. Its duplicates keep their
 * copies and lose the flag. A queued job for it finds nothing and ends quietly.
 */
export async function deleteDocument({
  db,
  storage,
  userId,
  input,
}: {
  db: DbOrTx;
  storage: StorageAdapter;
  userId: Actor;
  input: { documentId: string };
}): Promise<{ deleted: string[] }> {
  const { keys, ids } = await db.transaction(async (tx) => {
    const [doc] = await tx
      .select({ id: documents.id, originalKey: documents.originalKey, spaceId: documents.spaceId, fileName: documents.fileName })
      .from(documents)
      .innerJoin(spaces, eq(spaces.id, documents.spaceId))
      .where(and(inTeamOf(userId, "delete"), eq(documents.id, input.documentId)));
    if (!doc) throw await refusal(tx, { documentId: input.documentId }, "document");
    // Duplicates point at the same page images: only keys nobody else uses are removed.
    const pageKeys = await tx
      .select({ key: pages.imageKey, flat: pages.flatImageKey })
      .from(pages)
      .where(
        and(
          eq(pages.documentId, doc.id),
          notExists(
            tx
              .select({ one: sql`1` })
              .from(sharing)
              .where(and(eq(sharing.imageKey, pages.imageKey), ne(sharing.documentId, doc.id))),
          ),
        ),
      );
    await detachDuplicates(tx, doc.id);
    const gone = await tx.delete(documents).where(eq(documents.id, doc.id)).returning({ id: documents.id });
    await recordAudit(tx, { actor: userId, action: "document.deleted", spaceId: doc.spaceId, documentId: doc.id, details: { fileName: doc.fileName } });
    const keys = new Set(pageKeys.flatMap((p) => (p.flat ? [p.key, p.flat] : [p.key])));
    if (doc.originalKey && !keys.has(doc.originalKey) && !doc.originalKey.includes("/page-")) keys.add(doc.originalKey);
    return { keys: [...keys], ids: gone.map((g) => g.id) };
  });
  await removeKeys(storage, keys);
  return { deleted: ids };
}

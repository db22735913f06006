import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { documents, jobs, spaces, supplierMemories, webhookDeliveries } from "@/lib/db/schema";

/** Something below a space, named by its id. */
export type Ref = { spaceId: string } | { documentId: string } | { jobId: string } | { deliveryId: string } | { memoryId: string };

/**
 * Whether the thing exists at all, whoever may see it: asked only after the actor's own read (with `inTeamOf`)
 * found nothing, to answer 403 (it exists, in another team or beyond the actor's role) rather than 404 (no such
 * id). Ids are random UUIDs, so this tells nothing to someone who does not already hold a valid id (docs/api.md).
 */
export async function existsAnywhere(db: DbOrTx, ref: Ref): Promise<boolean> {
  const [table, col, id] =
    "spaceId" in ref
      ? [spaces, spaces.id, ref.spaceId]
      : "documentId" in ref
        ? [documents, documents.id, ref.documentId]
        : "jobId" in ref
          ? [jobs, jobs.id, ref.jobId]
          : "deliveryId" in ref
            ? [webhookDeliveries, webhookDeliveries.id, ref.deliveryId]
            : [supplierMemories, supplierMemories.id, ref.memoryId];
  const rows = await db.select({ id: col }).from(table).where(eq(col, id)).limit(1);
  return rows.length > 0;
}

import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { getOwnedSupplierMemory } from "@/lib/db/queries/supplier-memory";
import { supplierMemories } from "@/lib/db/schema";
import { forget } from "@/lib/engine/memory";
import { recordAudit } from "@/lib/services/audit/record";
import { refusal } from "@/lib/services/teams/refusal";

/**
 * Forget what was learned about a supplier: everything, one field, or what one document taught.
 * A memory left empty is deleted.
 */
export async function forgetSupplierMemory({
  db,
  userId,
  input,
}: {
  db: Db;
  userId: string;
  input: { memoryId: string; field?: string; documentId?: string };
}): Promise<{ deleted: boolean }> {
  return db.transaction(async (tx) => {
    const row = await getOwnedSupplierMemory(tx, { userId, action: "settings", memoryId: input.memoryId });
    if (!row) throw await refusal(tx, { memoryId: input.memoryId }, "supplier memory");
    const everything = input.field === undefined && input.documentId === undefined;
    const details = { supplier: row.name, ...(input.field ? { field: input.field } : {}), ...(input.documentId ? { fromDocument: input.documentId } : {}) };
    await recordAudit(tx, { actor: userId, action: "memory.forgotten", spaceId: row.spaceId, target: `supplier_memory:${row.id}`, details });
    const left = everything
      ? { entries: [] }
      : forget(row.memory, { ...(input.field ? { field: input.field } : {}), ...(input.documentId ? { documentId: input.documentId } : {}) });
    if (left.entries.length === 0) {
      await tx.delete(supplierMemories).where(eq(supplierMemories.id, row.id));
      return { deleted: true };
    }
    await tx.update(supplierMemories).set({ memory: left, updatedAt: new Date() }).where(eq(supplierMemories.id, row.id));
    return { deleted: false };
  });
}

import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { findMemoryOfDocument, findSupplierMemory, getDocumentOcrPages } from "@/lib/db/queries/supplier-memory";
import { supplierMemories } from "@/lib/db/schema";
import { learnPlaces, letterhead, remember, rememberLetterhead, type SupplierMemory, supplierKeys } from "@/lib/engine/memory";

type Supplier = { taxId?: string | null; iban?: string | null; name?: string | null };

/** A reviewed value: the field, its text as corrected or confirmed. */
export interface ReviewedValue {
  field: string;
  value: string;
  page: number | null;
}

/**
 * Remember where and how reviewed values are printed, for the document's supplier (keyed by
 * VAT id / registration number, IBAN, else name — the document's values after the review).
 * A value the stored page does not print teaches nothing. Returns the number of fields learned.
 */
export async function recordInSupplierMemory(
  tx: DbOrTx,
  params: { spaceId: string; documentId: string; supplier: Supplier; read?: Supplier; values: ReviewedValue[] },
): Promise<number> {
  // The reviewed supplier's keys, and the engine's reading of it: the next document's first reading will likely read it the same way.
  const keys = [...new Set([...supplierKeys(params.supplier), ...(params.read ? supplierKeys(params.read) : [])])];
  if (keys.length === 0 || params.values.length === 0) return 0;
  const pages = await getDocumentOcrPages(tx, { documentId: params.documentId });
  if (pages.length === 0) return 0;
  const learned = params.values.flatMap((v) => learnPlaces(pages, v.field, v.value, v.page ?? 0, params.documentId));
  if (learned.length === 0) return 0;
  // The row this document already taught wins (its supplier may have been read wrongly then and corrected since).
  const row = (await findMemoryOfDocument(tx, params)) ?? (await findSupplierMemory(tx, { spaceId: params.spaceId, keys }));
  // Re-learning a field from the same document replaces what it taught before.
  let memory: SupplierMemory = row?.memory ?? { entries: [] };
  const fields = new Set(learned.map((e) => e.field));
  // The letterheads it kept stay: only the entries this document taught before are replaced.
  memory = {
    ...memory,
    entries: memory.entries
      .map((e) => (fields.has(e.field) ? { ...e, documents: e.documents.filter((d) => d !== params.documentId) } : e))
      .filter((e) => e.documents.length > 0),
  };
  for (const e of learned) memory = remember(memory, e);
  // The letterhead recognises the supplier's next document when its name is misread (engine memory/identity.ts).
  memory = rememberLetterhead(memory, letterhead(pages));
  const name = params.supplier.name?.trim() || row?.name || keys[0]!;
  if (row) {
    const merged = [...new Set([...keys, ...row.keys])];
    await tx.update(supplierMemories).set({ memory, keys: merged, name, updatedAt: new Date() }).where(eq(supplierMemories.id, row.id));
  } else {
    await tx.insert(supplierMemories).values({ spaceId: params.spaceId, name, keys, memory });
  }
  return learned.length;
}

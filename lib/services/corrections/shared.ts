import { and, asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { corrections, documents, extractions, spaces } from "@/lib/db/schema";
import { buildSheetRow } from "@/lib/sheet/build";
import { toCorrectionRecord } from "@/lib/sheet/load";
import type { SheetRow } from "@/lib/sheet/types";
import { ServiceError } from "@/lib/services/errors";

/**
 * A document the user owns (through its space), built into its sheet row: the
 * corrections services decide on the effective values, exactly as the grid shows them.
 */
export async function loadOwnedRow(db: DbOrTx, params: { userId: string; documentId: string }) {
  const [found] = await db
    .select({ doc: documents, fields: spaces.fields, templateId: spaces.templateId })
    .from(documents)
    .innerJoin(spaces, eq(spaces.id, documents.spaceId))
    .where(and(eq(spaces.ownerId, params.userId), eq(documents.id, params.documentId)));
  if (!found) throw new ServiceError("not_found", "No such document.");
  const [extraction] = await db
    .select({ result: extractions.result })
    .from(extractions)
    .where(eq(extractions.documentId, found.doc.id))
    .orderBy(desc(extractions.createdAt))
    .limit(1);
  const history = await db
    .select()
    .from(corrections)
    .where(eq(corrections.documentId, found.doc.id))
    .orderBy(asc(corrections.createdAt));
  const schema = { templateId: found.templateId, fields: found.fields };
  const row: SheetRow = buildSheetRow({
    document: {
      documentId: found.doc.id,
      fileName: found.doc.fileName,
      status: found.doc.status,
      createdAt: found.doc.createdAt.toISOString(),
      pages: [],
    },
    result: extraction?.result ?? null,
    corrections: history.map((c) => toCorrectionRecord(c)),
    schema,
  });
  return { doc: found.doc, schema, row };
}

import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { documents, extractions, pages, spaces } from "@/lib/db/schema";

/**
 * What the extract-document job needs to decide whether to run (worker side: no user to check):
 * the document, and the id of its extraction by `engineVersion` if one is stored. Null when deleted.
 */
export async function getExtractionTarget(db: DbOrTx, params: { documentId: string; engineVersion: string }) {
  const [doc] = await db
    .select({ id: documents.id, status: documents.status, spaceId: documents.spaceId, originalKey: documents.originalKey })
    .from(documents)
    .where(eq(documents.id, params.documentId));
  if (!doc) return null;
  const [existing] = await db
    .select({ id: extractions.id })
    .from(extractions)
    .where(and(eq(extractions.documentId, doc.id), eq(extractions.engineVersion, params.engineVersion)));
  return { doc, existingExtractionId: existing?.id ?? null };
}

/** A space's schema and team (worker side). */
export async function getSpaceSchema(db: DbOrTx, params: { spaceId: string }) {
  const [space] = await db
    .select({ templateId: spaces.templateId, fields: spaces.fields, teamId: spaces.teamId })
    .from(spaces)
    .where(eq(spaces.id, params.spaceId));
  return space ?? null;
}

/** A document's stored pages in order, with what the engine reads from each (worker side). */
export async function listPagesForExtraction(db: DbOrTx, params: { documentId: string }) {
  return db
    .select({ id: pages.id, index: pages.index, imageKey: pages.imageKey, textLayer: pages.textLayer })
    .from(pages)
    .where(eq(pages.documentId, params.documentId))
    .orderBy(pages.index);
}

/** Who uploaded a document and through which door (what a charge or a refund needs); null when deleted. */
export async function getDocumentOrigin(db: DbOrTx, params: { documentId: string }) {
  const [row] = await db
    .select({ status: documents.status, source: documents.source, uploadedBy: documents.uploadedBy, pageCount: documents.pageCount })
    .from(documents)
    .where(eq(documents.id, params.documentId));
  return row ?? null;
}

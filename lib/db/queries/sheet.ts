import { and, asc, count, desc, eq, gt, inArray, or, type SQL, type SQLWrapper } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import type { TeamAction } from "@/lib/teams/roles";
import { corrections, documents, extractions, pages, spaces, users } from "@/lib/db/schema";
import type { DocumentResult } from "@/lib/engine/types";
import { buildSheetRow } from "@/lib/sheet/build";
import type { SheetRow, SpaceSchema } from "@/lib/sheet/types";
import { flatPageImageUrl, pageImageUrl } from "@/lib/sheet/urls";
import { toCorrectionRecord } from "./corrections";
import { type Actor, inTeamOf } from "./owner";
import { getSpaceById } from "./spaces";

/**
 * A space's sheet rows, oldest document first. With `since`, only documents changed
 * after it (status, corrections) plus the ids in `include` (still pending on the
 * client), so polling stays cheap. The owner check comes first: a space that is not
 * the user's yields null. The rows are built by the pure lib/sheet from the loaded data.
 */
export async function getSheetRows(
  db: DbOrTx,
  params: {
    userId: Actor;
    /** what the caller will do with the rows (default read; the export route asks for export). */
    action?: TeamAction;
    spaceId: string;
    since?: Date;
    include?: string[];
    /** one slice of the documents in upload order: a big space loads in pieces. */
    window?: { offset: number; limit: number };
  },
): Promise<{ space: { id: string; name: string }; schema: SpaceSchema; rows: SheetRow[]; total: number } | null> {
  const space = await getSpaceById(db, params);
  if (!space) return null;
  const schema: SpaceSchema = { templateId: space.templateId, fields: space.fields };

  let where: SQL | undefined = eq(documents.spaceId, space.id);
  if (params.since) {
    const changed = gt(documents.updatedAt, params.since);
    const pending = params.include && params.include.length > 0 ? inArray(documents.id, params.include) : undefined;
    where = and(where, pending ? or(changed, pending) : changed);
  }
  const query = db.select().from(documents).where(where).orderBy(asc(documents.createdAt), asc(documents.id));
  const docs = params.window ? await query.limit(params.window.limit).offset(params.window.offset) : await query;
  const [counted] = await db.select({ n: count() }).from(documents).where(eq(documents.spaceId, space.id));
  const total = counted?.n ?? docs.length;
  const meta = { id: space.id, name: space.name };
  if (docs.length === 0) return { space: meta, schema, rows: [], total };
  // A window names its ids; a whole space uses a sub-select (10,000 ids would exceed
  // bind-parameter limits).
  const ids = params.window ? docs.map((d) => d.id) : db.select({ id: documents.id }).from(documents).where(where);
  const rows = await buildRows(db, docs, ids, schema);
  return { space: meta, schema, rows, total };
}

/** The sheet rows of loaded documents: their pages, latest extraction and corrections, built by the pure lib/sheet. */
async function buildRows(db: DbOrTx, docs: Array<typeof documents.$inferSelect>, ids: string[] | SQLWrapper, schema: SpaceSchema): Promise<SheetRow[]> {
  const [pageRows, resultRows, correctionRows] = await Promise.all([
    db
      .select({
        documentId: pages.documentId,
        index: pages.index,
        width: pages.width,
        height: pages.height,
        flatImageKey: pages.flatImageKey,
        flattening: pages.flattening,
      })
      .from(pages)
      .where(inArray(pages.documentId, ids))
      .orderBy(asc(pages.documentId), asc(pages.index)),
    db
      .select({ documentId: extractions.documentId, result: extractions.result, createdAt: extractions.createdAt })
      .from(extractions)
      .where(inArray(extractions.documentId, ids))
      .orderBy(desc(extractions.createdAt)),
    db
      .select({ c: corrections, email: users.email })
      .from(corrections)
      .leftJoin(users, eq(users.id, corrections.userId))
      .where(inArray(corrections.documentId, ids))
      .orderBy(asc(corrections.createdAt)),
  ]);

  const pagesBy = groupBy(pageRows, (p) => p.documentId);
  const resultBy = new Map<string, DocumentResult>();
  // newest first: the first result seen for a document is its latest extraction
  for (const r of resultRows) if (!resultBy.has(r.documentId)) resultBy.set(r.documentId, r.result);
  const correctionsBy = groupBy(
    correctionRows.map(({ c, email }) => toCorrectionRecord(c, email)),
    (c) => c.documentId,
  );

  return docs.map((d) =>
    buildSheetRow({
      document: {
        documentId: d.id,
        fileName: d.fileName,
        status: d.status,
        error: d.error,
        createdAt: d.createdAt.toISOString(),
        reviewedAt: d.reviewedAt?.toISOString() ?? null,
        pages: (pagesBy.get(d.id) ?? []).map((p) => ({
          index: p.index,
          width: p.width,
          height: p.height,
          imageUrl: pageImageUrl(d.id, p.index),
          ...(p.flatImageKey && p.flattening ? { flat: { ...p.flattening, imageUrl: flatPageImageUrl(d.id, p.index, p.flattening) } } : {}),
        })),
      },
      result: resultBy.get(d.id) ?? null,
      corrections: correctionsBy.get(d.id) ?? [],
      schema,
    }),
  );
}

/** The sheet row of one document the user owns (with page images), as the grid shows it; null when not theirs. */
export async function getSheetRow(db: DbOrTx, params: { userId: Actor; action?: TeamAction; documentId: string }): Promise<SheetRow | null> {
  const [found] = await db
    .select({ doc: documents, fields: spaces.fields, templateId: spaces.templateId })
    .from(documents)
    .innerJoin(spaces, eq(spaces.id, documents.spaceId))
    .where(and(inTeamOf(params.userId, params.action), eq(documents.id, params.documentId)));
  if (!found) return null;
  const [row] = await buildRows(db, [found.doc], [found.doc.id], { templateId: found.templateId, fields: found.fields });
  return row ?? null;
}

/**
 * One document the user owns, built into its sheet row (without page images): the corrections
 * services decide on the effective values exactly as the grid shows them. Null when not the user's.
 */
export async function getDocumentRow(db: DbOrTx, params: { userId: Actor; action?: TeamAction; documentId: string }) {
  const [found] = await db
    .select({ doc: documents, fields: spaces.fields, templateId: spaces.templateId })
    .from(documents)
    .innerJoin(spaces, eq(spaces.id, documents.spaceId))
    .where(and(inTeamOf(params.userId, params.action), eq(documents.id, params.documentId)));
  if (!found) return null;
  const [extraction] = await db
    .select({ result: extractions.result })
    .from(extractions)
    .where(eq(extractions.documentId, found.doc.id))
    .orderBy(desc(extractions.createdAt))
    .limit(1);
  const history = await db.select().from(corrections).where(eq(corrections.documentId, found.doc.id)).orderBy(asc(corrections.createdAt));
  const schema: SpaceSchema = { templateId: found.templateId, fields: found.fields };
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

/** A page's OCR model and image key, only if the user owns the document's space (null otherwise). */
export async function getPage(db: DbOrTx, params: { userId: Actor; action?: TeamAction; documentId: string; index: number }) {
  const [row] = await db
    .select({ ocr: pages.ocr, imageKey: pages.imageKey, flatImageKey: pages.flatImageKey, width: pages.width, height: pages.height })
    .from(pages)
    .innerJoin(documents, eq(documents.id, pages.documentId))
    .innerJoin(spaces, eq(spaces.id, documents.spaceId))
    .where(and(inTeamOf(params.userId, params.action), eq(pages.documentId, params.documentId), eq(pages.index, params.index)));
  return row ?? null;
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    const arr = m.get(k);
    if (arr) arr.push(t);
    else m.set(k, [t]);
  }
  return m;
}

// Server only: reads the database (the pure view model lives in build.ts and queue.ts).
import { and, asc, count, desc, eq, gt, inArray, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { corrections, documents, extractions, pages, spaces, users } from "@/lib/db/schema";
import type { DocumentResult } from "@/lib/engine/types";
import { buildSheetRow } from "./build";
import type { CorrectionRecord, SheetRow, SpaceSchema } from "./types";

/** Where the browser fetches a page image (served by app/api/documents/[documentId]/pages/[index]). */
export function pageImageUrl(documentId: string, index: number): string {
  return `/api/documents/${encodeURIComponent(documentId)}/pages/${index}`;
}

/** A space the user owns, with its schema; null when it is not theirs. */
export async function getOwnedSpace(db: DbOrTx, params: { userId: string; spaceId: string }) {
  const [space] = await db
    .select({ id: spaces.id, name: spaces.name, templateId: spaces.templateId, fields: spaces.fields })
    .from(spaces)
    .where(and(eq(spaces.ownerId, params.userId), eq(spaces.id, params.spaceId)));
  return space ?? null;
}

/**
 * A space's sheet rows, oldest document first. With `since`, only documents changed
 * after it (status, corrections) plus the ids in `include` (still pending on the
 * client), so polling stays cheap. The owner check comes first: a space that is not
 * the user's yields null.
 */
export async function loadSheetRows(
  db: DbOrTx,
  params: {
    userId: string;
    spaceId: string;
    since?: Date;
    include?: string[];
    /** one slice of the documents in upload order: a big space loads in pieces. */
    window?: { offset: number; limit: number };
  },
): Promise<{ space: { id: string; name: string }; schema: SpaceSchema; rows: SheetRow[]; total: number } | null> {
  const space = await getOwnedSpace(db, params);
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
  const ids = params.window
    ? docs.map((d) => d.id)
    : db.select({ id: documents.id }).from(documents).where(where);

  const [pageRows, resultRows, correctionRows] = await Promise.all([
    db
      .select({ documentId: pages.documentId, index: pages.index, width: pages.width, height: pages.height })
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

  const rows = docs.map((d) =>
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
        })),
      },
      result: resultBy.get(d.id) ?? null,
      corrections: correctionsBy.get(d.id) ?? [],
      schema,
    }),
  );
  return { space: meta, schema, rows, total };
}

/** A stored correction row as the view model's record. */
export function toCorrectionRecord(c: typeof corrections.$inferSelect, email?: string | null): CorrectionRecord {
  return {
    id: c.id,
    documentId: c.documentId,
    path: c.path,
    kind: c.kind,
    oldValue: c.oldValue,
    newValue: c.newValue,
    ...(c.normalized !== null && c.normalized !== undefined ? { normalized: c.normalized } : {}),
    box: c.box ?? null,
    page: c.page,
    userId: c.userId,
    ...(email ? { userEmail: email } : {}),
    createdAt: c.createdAt.toISOString(),
  };
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

/** A page's OCR model, only if the user owns the document's space (null otherwise). */
export async function getOwnedPage(db: DbOrTx, params: { userId: string; documentId: string; index: number }) {
  const [row] = await db
    .select({ ocr: pages.ocr, imageKey: pages.imageKey, width: pages.width, height: pages.height })
    .from(pages)
    .innerJoin(documents, eq(documents.id, pages.documentId))
    .innerJoin(spaces, eq(spaces.id, documents.spaceId))
    .where(and(eq(spaces.ownerId, params.userId), eq(pages.documentId, params.documentId), eq(pages.index, params.index)));
  return row ?? null;
}

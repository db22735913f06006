/**
 * Keeps view_cells (the typed cells GET /view queries) in step with documents. A
 * document is rebuilt when its updated_at differs from the mark in view_sync: every
 * write that changes a row (extraction stored, correction, review, status) bumps
 * updated_at, so the cells are exact without hooks in each of those writers. The
 * rebuild goes through the sheet view model, so corrected values and their normalized
 * forms are the grid's and the export's.
 */
import { inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { viewCells, viewSync } from "@/lib/db/schema";
import { getSheetRows } from "@/lib/db/queries/sheet";
import type { SheetCell, SheetRow } from "@/lib/sheet/types";
import { lenientNumber } from "./values";
import type { Actor } from "@/lib/db/queries/owner";

const BATCH = 400;
// getSheetRows returns documents changed after `since` plus `include`: a `since` in the
// far future leaves exactly the included ids.
const NEVER = new Date("9999-01-01T00:00:00Z");

type CellRow = typeof viewCells.$inferInsert;

function typed(cell: SheetCell, which: "value" | "original"): { num: number | null; date: string | null } {
  const text = which === "value" ? cell.value : cell.original;
  const norm = which === "value" ? cell.normalized : cell.originalNormalized;
  if (text === null || text === "") return { num: null, date: null };
  if (cell.type === "number") return { num: typeof norm === "number" ? norm : (lenientNumber(text) ?? null), date: null };
  if (cell.type === "date") return { num: null, date: typeof norm === "string" && /^\d{4}-\d{2}-\d{2}$/.test(norm) ? norm : null };
  return { num: null, date: null };
}

function cellRow(spaceId: string, documentId: string, field: string, line: number, cell: SheetCell): CellRow {
  const v = typed(cell, "value");
  const o = typed(cell, "original");
  return {
    documentId,
    spaceId,
    field,
    line,
    value: cell.value,
    original: cell.original,
    num: v.num,
    originalNum: o.num,
    date: v.date,
    originalDate: o.date,
  };
}

/** The cells of one sheet row: scalars at line -1, array children per line item. */
export function cellsOf(spaceId: string, row: SheetRow): CellRow[] {
  const out: CellRow[] = [];
  for (const [name, cell] of Object.entries(row.cells)) out.push(cellRow(spaceId, row.documentId, name, -1, cell));
  for (const [name, lines] of Object.entries(row.arrays)) {
    lines.forEach((line, i) => {
      for (const [child, cell] of Object.entries(line)) out.push(cellRow(spaceId, row.documentId, `${name}.${child}`, i, cell));
    });
  }
  return out;
}

/** Rebuild the cells of every document of the space that changed since its last build. */
export async function syncViewCells(db: DbOrTx, params: { userId: Actor; spaceId: string }): Promise<number> {
  const res = await db.execute(sql`
    select d.id, d.updated_at::text as updated_at
    from documents d left join view_sync s on s.document_id = d.id
    where d.space_id = ${params.spaceId}
      and (s.document_id is null or s.document_updated_at is distinct from d.updated_at)`);
  const stale = ((res as unknown as { rows?: Array<{ id: string; updated_at: string }> }).rows ?? []) as Array<{
    id: string;
    updated_at: string;
  }>;
  for (let i = 0; i < stale.length; i += BATCH) {
    const batch = stale.slice(i, i + BATCH);
    const ids = batch.map((b) => b.id);
    const sheet = await getSheetRows(db, { userId: params.userId, spaceId: params.spaceId, since: NEVER, include: ids });
    if (!sheet) return 0;
    const cells = sheet.rows.flatMap((r) => cellsOf(params.spaceId, r));
    await db.transaction(async (tx) => {
      await tx.delete(viewCells).where(inArray(viewCells.documentId, ids));
      // Upsert: a concurrent /view rebuilding the same document must not collide on the key.
      for (let j = 0; j < cells.length; j += 1000) {
        await tx
          .insert(viewCells)
          .values(cells.slice(j, j + 1000))
          .onConflictDoUpdate({
            target: [viewCells.documentId, viewCells.field, viewCells.line],
            set: {
              value: sql`excluded.value`,
              original: sql`excluded.original`,
              num: sql`excluded.num`,
              originalNum: sql`excluded.original_num`,
              date: sql`excluded.date`,
              originalDate: sql`excluded.original_date`,
            },
          });
      }
      // The mark is the updated_at read BEFORE loading: a change made meanwhile shows as stale next time.
      for (const b of batch) {
        await tx
          .insert(viewSync)
          .values({ documentId: b.id, spaceId: params.spaceId, documentUpdatedAt: sql`${b.updated_at}::timestamptz` })
          .onConflictDoUpdate({ target: viewSync.documentId, set: { documentUpdatedAt: sql`${b.updated_at}::timestamptz` } });
      }
    });
  }
  return stale.length;
}

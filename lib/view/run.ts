/**
 * GET /view: stored rows of a space, filtered, sorted and paged in SQL (view_cells), then
 * the page of rows loaded through the sheet view model and shaped for the API or CSV.
 */
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import type { FieldSpec } from "@/lib/engine/types";
import { toCsv } from "@/lib/export/csv";
import { ServiceError } from "@/lib/services/errors";
import { getSheetRows } from "@/lib/db/queries/sheet";
import { getSpaceById } from "@/lib/db/queries/spaces";
import type { SheetCell, SheetRow } from "@/lib/sheet/types";
import { type Condition, conditionSql, sortSql } from "./query";
import { syncViewCells } from "./sync";
import { refusal } from "@/lib/services/teams/refusal";
import type { Actor } from "@/lib/db/queries/owner";

/** A parsed /view request. */
export interface ViewRequest {
  spaceId: string;
  where: Condition[];
  sort: string[];
  select: string[] | null;
  limit: number | null;
  offset: number;
  boxes: boolean;
  version: "corrected" | "original";
  format: "json" | "csv";
  lines: boolean;
  bom: boolean;
}

const NEVER = new Date("9999-01-01T00:00:00Z");
/** Default page size of the JSON answer; CSV exports every match unless a limit is given. */
export const VIEW_DEFAULT_LIMIT = 100;
export const VIEW_MAX_LIMIT = 1000;
const CSV_MAX_ROWS = 100_000;

function shapeCell(cell: SheetCell | undefined, req: ViewRequest): Record<string, unknown> {
  if (!cell) return { value: null };
  const original = req.version === "original";
  const normalized = original ? cell.originalNormalized : cell.normalized;
  const out: Record<string, unknown> = { value: original ? cell.original : cell.value };
  if (normalized !== undefined) out.normalized = normalized;
  if (!original && cell.correction) {
    out.original = cell.original;
    out.corrected = true;
  }
  if (req.boxes) {
    out.bbox = cell.bbox;
    out.vertices = cell.vertices;
    out.page = cell.page;
    out.match_ratio = Math.round(cell.match_ratio * 10_000) / 10_000;
    out.bbox_source = cell.bbox_source;
  }
  out.state = cell.state;
  return out;
}

function shapeRow(row: SheetRow, fields: FieldSpec[], req: ViewRequest) {
  const data: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.type === "array") {
      data[f.name] = {
        value: (row.arrays[f.name] ?? []).map((line) => ({
          field_bboxes: Object.fromEntries((f.children ?? []).map((c) => [c.name, shapeCell(line[c.name], req)])),
        })),
      };
    } else data[f.name] = shapeCell(row.cells[f.name], req);
  }
  return {
    id: row.documentId,
    fileName: row.fileName,
    status: row.status,
    createdAt: row.createdAt,
    reviewedAt: row.reviewedAt ?? null,
    pageCount: row.pages.length,
    data,
  };
}

/** Run a /view request for the user: JSON body or CSV text. */
export async function runView(db: DbOrTx, params: { userId: Actor; req: ViewRequest }) {
  const { req, userId } = params;
  const space = await getSpaceById(db, { userId, spaceId: req.spaceId });
  if (!space) throw await refusal(db, { spaceId: req.spaceId }, "space");
  let fields = space.fields;
  if (req.select) {
    const unknown = req.select.filter((s) => !fields.some((f) => f.name === s));
    if (unknown.length > 0) {
      throw new ServiceError("invalid", `select: unknown field(s) ${unknown.join(", ")}. Fields: ${fields.map((f) => f.name).join(", ")}.`, {
        path: "select",
      });
    }
    const wanted = req.select;
    fields = wanted.map((s) => fields.find((f) => f.name === s) as FieldSpec);
  }
  const original = req.version === "original";
  // Compile first: a bad condition is a 400 before any work.
  const conds = req.where.map((c) => conditionSql(space.fields, c, original));
  const orders = [...req.sort.map((k) => sortSql(space.fields, k, original)), sql`d.created_at asc`, sql`d.id asc`];
  await syncViewCells(db, { userId, spaceId: space.id });

  const where = sql.join([sql`d.space_id = ${space.id}`, ...conds], sql` and `);
  const limit = req.limit ?? (req.format === "csv" ? CSV_MAX_ROWS : VIEW_DEFAULT_LIMIT);
  const idRes = await db.execute(sql`select d.id from documents d where ${where} order by ${sql.join(orders, sql`, `)} limit ${limit} offset ${req.offset}`);
  const ids = rowsOf<{ id: string }>(idRes).map((r) => r.id);
  const countRes = await db.execute(sql`select count(*)::int as n from documents d where ${where}`);
  const total = rowsOf<{ n: number }>(countRes)[0]?.n ?? 0;

  const rows: SheetRow[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    const sheet = await getSheetRows(db, { userId, spaceId: space.id, since: NEVER, include: batch });
    const byId = new Map((sheet?.rows ?? []).map((r) => [r.documentId, r]));
    for (const id of batch) {
      const r = byId.get(id);
      if (r) rows.push(r);
    }
  }
  if (req.format === "csv") {
    const csv = toCsv(rows, { templateId: space.templateId, fields }, { lines: req.lines, bom: req.bom, version: req.version });
    return { kind: "csv" as const, csv, spaceId: space.id, spaceName: space.name, total, count: rows.length };
  }
  return {
    kind: "json" as const,
    body: {
      space: { id: space.id, name: space.name, path: `spaces/${space.id}` },
      total,
      limit,
      offset: req.offset,
      version: req.version,
      rows: rows.map((r) => shapeRow(r, fields, req)),
    },
  };
}

function rowsOf<T>(res: unknown): T[] {
  return ((res as { rows?: T[] }).rows ?? []) as T[];
}

import type { FieldType } from "@/lib/engine/types";
import { needsReview } from "@/lib/sheet/queue";
import { rowCells } from "@/lib/sheet/build";
import type { CellState, SheetCell, SheetRow, SpaceSchema } from "@/lib/sheet/types";

/** A grid row: a document, or one line item of one of its arrays (a sub-row). */
export type GridRow =
  | { kind: "doc"; id: string; doc: SheetRow; toReview: number; subRows: GridRow[] }
  | { kind: "item"; id: string; doc: SheetRow; array: string; index: number; cells: Record<string, SheetCell>; subRows: GridRow[] };

/** One value column: a scalar field, or an array's child (`array.child`). */
export interface ValueColumn {
  id: string;
  header: string;
  type: FieldType;
  /** the scalar field name, or the array name for a child column. */
  field: string;
  /** the child name for an array child column. */
  child?: string;
}

/** The value cell a (row, column) pair shows, with its path; null for blank slots. */
export interface CellRef {
  path: string;
  cell: SheetCell;
}

/** What the grid's `selected` prop points at. */
export interface GridSelection {
  documentId: string;
  path: string;
}

/** The grid's rows: one per document, its line items as sub-rows in item order. */
export function buildGridRows(rows: SheetRow[]): GridRow[] {
  return rows.map((doc) => {
    const subRows: GridRow[] = [];
    for (const [array, items] of Object.entries(doc.arrays)) {
      items.forEach((cells, index) => {
        subRows.push({ kind: "item", id: `${doc.documentId}/${array}.${index}`, doc, array, index, cells, subRows: [] });
      });
    }
    const toReview = doc.status === "done" ? rowCells(doc).filter(needsReview).length : 0;
    return { kind: "doc", id: doc.documentId, doc, toReview, subRows };
  });
}

/** Below this share of header fields read, a "done" document says how little it gave (a tilted, blurred photo). */
export const FEW_READ_SHARE = 0.25;

/** What the status column says, as a code (worded per locale) and its English label. */
export interface DocStatus {
  label: string;
  incomplete: boolean;
  /** done | nothing | missing (count required missing) | few (count read of total header fields) | the document status. */
  code: string;
  count?: number;
  total?: number;
}

/**
 * What the status column says: a "done" document that is missing required values, gave
 * nothing at all, or read only a few of its header fields says so, instead of a plain
 * "done" ("incomplete" picks its tint). A value inferred from a symbol (a currency from
 * "€") was not read off the page and does not count as read.
 */
export function docStatus(doc: SheetRow): DocStatus {
  if (doc.status !== "done") return { label: doc.status, incomplete: false, code: doc.status };
  const read = (c: { original: string | null; inferredFrom?: string }) => c.original !== null && c.inferredFrom === undefined;
  const cells = rowCells(doc);
  if (!cells.some(read)) return { label: "done · nothing extracted", incomplete: true, code: "nothing" };
  const missing = cells.filter((c) => c.state === "missing").length;
  if (missing > 0) return { label: `done · ${missing} required missing`, incomplete: true, code: "missing", count: missing };
  const header = Object.values(doc.cells);
  const got = header.filter(read).length;
  if (header.length >= 4 && got / header.length < FEW_READ_SHARE) {
    return { label: `done · only ${got} of ${header.length} fields read`, incomplete: true, code: "few", count: got, total: header.length };
  }
  return { label: "done", incomplete: false, code: "done" };
}

/** One column per scalar field, then one per array child, in schema order. */
export function valueColumns(schema: SpaceSchema): ValueColumn[] {
  const out: ValueColumn[] = [];
  for (const f of schema.fields) {
    if (f.type !== "array") out.push({ id: f.name, header: f.name, type: f.type, field: f.name });
  }
  for (const f of schema.fields) {
    if (f.type !== "array") continue;
    for (const c of f.children ?? []) {
      out.push({ id: `${f.name}.${c.name}`, header: `${f.name} · ${c.name}`, type: c.type, field: f.name, child: c.name });
    }
  }
  return out;
}

/** The cell a row shows in a column: doc rows show scalars, item rows their children. */
export function cellFor(row: GridRow, col: ValueColumn): CellRef | null {
  if (row.kind === "doc") {
    if (col.child !== undefined) return null;
    const cell = row.doc.cells[col.field];
    return cell ? { path: col.field, cell } : null;
  }
  if (col.child === undefined || col.field !== row.array) return null;
  const cell = row.cells[col.child];
  return cell ? { path: `${row.array}.${row.index}.${col.child}`, cell } : null;
}

/**
 * The text a column filters and sorts on. Item rows answer with their document's
 * scalar values too, so a filter on "vendor" keeps the matching documents' lines.
 */
export function filterText(row: GridRow, col: ValueColumn): string {
  if (row.kind === "item" && col.child === undefined) return row.doc.cells[col.field]?.value ?? "";
  return cellFor(row, col)?.cell.value ?? "";
}

/** The sort key of a column: the normalized number/date when known, else the text. */
export function sortKey(row: GridRow, col: ValueColumn): number | string {
  const ref = row.kind === "item" && col.child === undefined ? row.doc.cells[col.field] : cellFor(row, col)?.cell;
  if (!ref) return "";
  if (col.type === "number" && typeof ref.normalized === "number") return ref.normalized;
  if (col.type === "date" && typeof ref.normalized === "string") return ref.normalized;
  return ref.value ?? "";
}

/** Compare two sort keys: numbers before text, blanks last. */
export function compareKeys(a: number | string, b: number | string): number {
  if (a === "" || b === "") return a === b ? 0 : a === "" ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
}

/** The grid row id that holds a selection (the item row for a line-item path). */
export function rowIdFor(sel: GridSelection): string {
  const [name, index, child] = sel.path.split(".");
  if (index !== undefined && child !== undefined) return `${sel.documentId}/${name}.${index}`;
  return sel.documentId;
}

/** The column id that holds a path: "line_items.2.amount" → "line_items.amount". */
export function columnIdFor(path: string): string {
  const [name, index, child] = path.split(".");
  return index !== undefined && child !== undefined ? `${name}.${child}` : path;
}

/** Legend entries in the order the grid shows them. */
export const STATE_LEGEND: Array<{ state: CellState; label: string }> = [
  { state: "confident", label: "confident" },
  { state: "low_confidence", label: "unsure: needs review (< 85 % matched, an OCR doubt or a risk ≥ 0.5 %)" },
  { state: "failed_check", label: "failed check" },
  { state: "missing", label: "missing (required)" },
  { state: "corrected", label: "corrected" },
  { state: "accepted", label: "accepted" },
  { state: "not_on_document", label: "not on document" },
];

/** Arrow-key movement across value cells; rows are the visible (sorted, filtered, expanded) ones. */
export function moveSelection(rows: GridRow[], cols: ValueColumn[], sel: GridSelection, dir: "up" | "down" | "left" | "right"): GridSelection | null {
  const r = rows.findIndex((row) => row.id === rowIdFor(sel));
  const c = cols.findIndex((col) => col.id === columnIdFor(sel.path));
  if (r < 0 || c < 0) return null;
  const at = (ri: number, ci: number): GridSelection | null => {
    const row = rows[ri];
    const col = cols[ci];
    const ref = row && col ? cellFor(row, col) : null;
    return row && ref ? { documentId: row.doc.documentId, path: ref.path } : null;
  };
  if (dir === "up" || dir === "down") {
    const step = dir === "down" ? 1 : -1;
    for (let i = r + step; i >= 0 && i < rows.length; i += step) {
      const hit = at(i, c);
      if (hit) return hit;
    }
    return null;
  }
  const step = dir === "right" ? 1 : -1;
  for (let j = c + step; j >= 0 && j < cols.length; j += step) {
    const hit = at(r, j);
    if (hit) return hit;
  }
  return null;
}

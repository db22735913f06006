import { needsReview, pathLabel } from "@/lib/sheet/queue";
import type { SheetCell, SheetRow, SpaceSchema } from "@/lib/sheet/types";

/**
 * The document view's form: the header fields (one per scalar field, schema order), then
 * one table per array field (its line items). Every value has a place on a small grid so
 * the arrow keys can move: header fields are rows of one column; a table's cells are
 * rows × columns below them.
 */
export interface FormSlot {
  path: string;
  cell: SheetCell;
  label: string;
  /** the grid position the keyboard walks: row counts from the top of the form. */
  row: number;
  col: number;
}

export interface FormTable {
  name: string;
  label: string;
  columns: Array<{ name: string; label: string }>;
  /** item index → its slots in column order (a missing cell is absent). */
  rows: Array<Array<FormSlot | null>>;
}

export interface FormLayout {
  header: FormSlot[];
  tables: FormTable[];
  /** every slot in reading order (Tab order). */
  order: FormSlot[];
}

const human = (s: string) => {
  const t = s.replace(/_/g, " ");
  return t.charAt(0).toUpperCase() + t.slice(1);
};

/** Lay out a document's values as the side form. */
export function buildFormLayout(schema: SpaceSchema, doc: SheetRow): FormLayout {
  const header: FormSlot[] = [];
  const order: FormSlot[] = [];
  let row = 0;
  const scalarNames = schema.fields.filter((f) => f.type !== "array").map((f) => f.name);
  // Cells the schema does not name (an older schema) still show, after the named ones.
  for (const name of Object.keys(doc.cells)) if (!scalarNames.includes(name)) scalarNames.push(name);
  for (const name of scalarNames) {
    const cell = doc.cells[name];
    if (!cell) continue;
    const slot = { path: cell.path, cell, label: pathLabel(cell.path), row: row++, col: 0 };
    header.push(slot);
    order.push(slot);
  }
  const tables: FormTable[] = [];
  const arrayNames = schema.fields.filter((f) => f.type === "array").map((f) => f.name);
  for (const name of Object.keys(doc.arrays)) if (!arrayNames.includes(name)) arrayNames.push(name);
  for (const name of arrayNames) {
    const items = doc.arrays[name] ?? [];
    const spec = schema.fields.find((f) => f.name === name);
    const childNames = (spec?.children ?? []).map((c) => c.name);
    for (const item of items) for (const c of Object.keys(item)) if (!childNames.includes(c)) childNames.push(c);
    const rows = items.map((item) => {
      const r = row++;
      return childNames.map((c, col) => {
        const cell = item[c];
        if (!cell) return null;
        const slot: FormSlot = { path: cell.path, cell, label: pathLabel(cell.path), row: r, col };
        order.push(slot);
        return slot;
      });
    });
    tables.push({ name, label: human(name), columns: childNames.map((c) => ({ name: c, label: human(c) })), rows });
  }
  return { header, tables, order };
}

export type Direction = "up" | "down" | "left" | "right" | "next" | "prev";

/** The slot the keyboard moves to from `path`; the same path when there is nowhere to go. */
export function moveInForm(layout: FormLayout, path: string | null, dir: Direction): string | null {
  const { order } = layout;
  if (order.length === 0) return null;
  const i = order.findIndex((s) => s.path === path);
  if (i < 0) return order[0]?.path ?? null;
  const here = order[i] as FormSlot;
  if (dir === "next") return (order[i + 1] ?? here).path;
  if (dir === "prev") return (order[i - 1] ?? here).path;
  if (dir === "left" || dir === "right") {
    const step = dir === "right" ? 1 : -1;
    const sameRow = order.filter((s) => s.row === here.row).sort((a, b) => a.col - b.col);
    const j = sameRow.findIndex((s) => s.path === here.path);
    return (sameRow[j + step] ?? here).path;
  }
  // Up/down: the nearest row above/below, then the column closest to this one.
  const step = dir === "down" ? 1 : -1;
  const rows = [...new Set(order.map((s) => s.row))].sort((a, b) => a - b);
  const target = rows[rows.indexOf(here.row) + step];
  if (target === undefined) return here.path;
  const candidates = order.filter((s) => s.row === target);
  candidates.sort((a, b) => Math.abs(a.col - here.col) - Math.abs(b.col - here.col));
  return (candidates[0] ?? here).path;
}

/** Values of the form that need a look, in reading order. */
export function doubtfulPaths(layout: FormLayout): string[] {
  return layout.order.filter((s) => needsReview(s.cell)).map((s) => s.path);
}

/** The doubtful value after `path` in reading order (wrapping), or null when none is left. */
export function nextDoubtful(layout: FormLayout, path: string | null, skip?: string): string | null {
  const doubtful = doubtfulPaths(layout).filter((p) => p !== skip);
  if (doubtful.length === 0) return null;
  const idx = layout.order.findIndex((s) => s.path === path);
  const after = doubtful.find((p) => layout.order.findIndex((s) => s.path === p) > idx);
  return after ?? doubtful[0] ?? null;
}

/** The fallback reasons in the reader's language (English by default). */
export interface ReasonWords {
  missing: string;
  failed: string;
  uncertain(percent: number): string;
}

const ENGLISH_REASONS: ReasonWords = {
  missing: "required, but not found on the document",
  failed: "a check on this value failed",
  uncertain: (percent) => `the reading is uncertain (${percent} % of it found on the page)`,
};

/** Why a value is marked, in plain words (the engine's reasons, or a fallback for its state). */
export function plainReasons(cell: SheetCell, words: ReasonWords = ENGLISH_REASONS): string[] {
  if (cell.reasons.length > 0) return cell.reasons;
  switch (cell.state) {
    case "missing":
      return [words.missing];
    case "failed_check":
      return [words.failed];
    case "low_confidence":
      return [words.uncertain(Math.round(cell.match_ratio * 100))];
    default:
      return [];
  }
}

/** States that get a short word beside the label (missing / not on document: the input's placeholder says it). */
export const WORDED_STATES: ReadonlySet<SheetCell["state"]> = new Set(["low_confidence", "failed_check", "corrected", "accepted"]);

/**
 * Line-item table reconstruction.
 *
 * 1. Header: the first row on a page where ≥ 2 segments are column labels from the
 *    lexicon (EN/DE/FR/JA), including a description or money column.
 * 2. Columns: each header cell owns the x-range between the midpoints to its
 *    neighbours; a data segment goes to the column it overlaps most, and a segment
 *    that straddles a boundary is split word by word.
 * 3. Rows: a row whose amount cell parses as money anchors a new item. Rows without an
 *    anchor are wrapped description lines (appended to the item above) unless printed
 *    smaller (a detail line) or sitting above an item that has its own description
 *    (a group/section heading). A single cell spanning several anchored rows
 *    (rowspan) is reported as shared.
 * 4. End: a row carrying a totals label, or a vertical gap of several lines. Pages
 *    repeat the process, so a table continued on the next page is concatenated.
 * Receipts without a header fall back to "text … amount" rows above the totals.
 */
import type { Box, OcrWord } from "../types";
import { cell, type TableCell, type TableRow, type TotalsTest } from "./cells";
import { receiptItems } from "./receipt";
import { type PageLayout, type Row, unionOf } from "./rows";
import { type Column, type ColumnSpec, findHeader, isAmountCell, isQuantity, PAGE_NO } from "./table-header";

export type { TableCell, TableRow, TotalsTest } from "./cells";
export { type ColumnSpec, findHeader } from "./table-header";

/** Move each boundary between neighbouring columns into the widest vertical gap of the body's text. */
function refineBounds(columns: Column[], segs: { box: Box }[]): void {
  for (let i = 1; i < columns.length; i++) {
    const a = columns[i - 1];
    const b = columns[i];
    if (!a || !b) continue;
    const lo = Math.floor((a.header.box.x0 + a.header.box.x1) / 2);
    const hi = Math.ceil((b.header.box.x0 + b.header.box.x1) / 2);
    let best = { count: Number.POSITIVE_INFINITY, start: lo, len: 0 };
    let run = { count: -1, start: lo, len: 0 };
    for (let x = lo; x <= hi; x++) {
      const count = segs.filter((s) => s.box.x0 < x && s.box.x1 > x).length;
      if (count === run.count) run.len++;
      else run = { count, start: x, len: 1 };
      if (run.count < best.count || (run.count === best.count && run.len > best.len)) best = { ...run };
    }
    if (best.len > 0) {
      const mid = best.start + best.len / 2;
      a.x1 = mid;
      b.x0 = mid;
    }
  }
}

function overlap(b: Box, col: Column): number {
  return Math.max(0, Math.min(b.x1, col.x1) - Math.max(b.x0, col.x0));
}

/** Assign a row's words to columns: whole segments when they fit one column, else word by word. */
function cellsOf(row: Row, columns: Column[]): Map<string, OcrWord[]> {
  const out = new Map<string, OcrWord[]>();
  const put = (name: string, words: OcrWord[]) => out.set(name, [...(out.get(name) ?? []), ...words]);
  for (const seg of row.segments) {
    const scored = columns.map((col) => ({ col, ov: overlap(seg.box, col) })).filter((s) => s.ov > 0);
    const [top, second] = scored.sort((a, b) => b.ov - a.ov);
    // Bounds sit in the body's gutters, so a segment crossing one was glued across a column gap: split it by words.
    if (top && (!second || seg.words.length === 1)) put(top.col.name, seg.words);
    else if (top) {
      for (const w of seg.words) {
        const best = columns.map((col) => ({ col, ov: overlap(w.box, col) })).sort((a, b) => b.ov - a.ov)[0];
        if (best && best.ov > 0) put(best.col.name, [w]);
      }
    }
  }
  for (const [name, words] of out)
    out.set(
      name,
      words.sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0),
    );
  return out;
}

// A note printed under an item: a capitalised key with ":" / "#" / "." then a code, or a reference keyword.
const NOTE_LINE = /^\p{Lu}[\p{L}]{1,12}\.?\s*[:#]|^\p{Lu}[\p{L}]{1,12}\.\s|^(ref|refs|ticket|site|sku|art|item|order|po|lot|serial|s\/n|batch)\b/iu;

const height = (words: OcrWord[]) => Math.max(...words.map((w) => w.box.y1 - w.box.y0));

/** Reconstruct line items from all pages. */
export function extractTable(layouts: PageLayout[], specs: ColumnSpec[], isTotals: TotalsTest): TableRow[] {
  const items: TableRow[] = [];
  let found = false;
  // A table that reached the page end without its totals continues on the next page, with or without a repeated header.
  let open: Column[] | undefined;
  for (const layout of layouts) {
    const header = findHeader(layout, specs);
    const first = layout.rows[0];
    if (!header && open && first) {
      const top: Row = { ...first, index: -1, words: [], segments: [], box: { ...first.box, y1: first.box.y0 } };
      const cont = rowsBelow(
        layout,
        top,
        open.map((c) => ({ ...c })),
        specs,
        isTotals,
      );
      items.push(...cont.rows);
      if (cont.closed) open = undefined;
      continue;
    }
    if (!header) continue;
    found = true;
    const got = rowsBelow(layout, header.row, header.columns, specs, isTotals);
    items.push(...got.rows);
    open = got.closed ? undefined : header.columns.map((c) => ({ ...c }));
  }
  if (!found) for (const layout of layouts) items.push(...receiptItems(layout, isTotals));
  return items;
}

function rowsBelow(layout: PageLayout, headerRow: Row, columns: Column[], specs: ColumnSpec[], isTotals: TotalsTest): { rows: TableRow[]; closed: boolean } {
  const { join, lineHeight } = layout;
  const names = new Set(columns.map((c) => c.name).filter((n) => !n.startsWith("_")));
  const anchorName = names.has("amount")
    ? "amount"
    : names.has("unit_price")
      ? "unit_price"
      : names.has("quantity")
        ? "quantity"
        : ([...names].find(isQuantity) ?? "quantity");
  const numeric = new Set(specs.filter((s) => s.numeric).map((s) => s.name));
  const body: { row: Row; cells: Map<string, OcrWord[]>; anchor: boolean; gap: number }[] = [];
  const candidates: Row[] = [];
  let y = headerRow.box.y1;
  let closed = false;
  for (const row of layout.rows.slice(headerRow.index + 1)) {
    if (isTotals(row)) {
      closed = true;
      break;
    }
    if (row.box.y0 - y > 4 * lineHeight) {
      // A big gap ends the table; only one running into the page foot may continue overleaf.
      closed = row.box.y0 < 850;
      break;
    }
    if (
      PAGE_NO.test(
        row.segments
          .map((s) => s.text)
          .join(" ")
          .trim(),
      )
    )
      continue;
    candidates.push(row);
    y = row.box.y1;
  }
  refineBounds(
    columns,
    candidates.flatMap((r) => r.words),
  );
  let lastY = headerRow.box.y1;
  for (const row of candidates) {
    const cells = cellsOf(row, columns);
    if (cells.size === 0) continue;
    const anchorWords = cells.get(anchorName);
    const anchor = !!anchorWords && isAmountCell(cell(anchorWords, join).text);
    body.push({ row, cells, anchor, gap: row.box.y0 - lastY });
    lastY = row.box.y1;
  }
  const out: TableRow[] = [];
  const firstAnchor = body.findIndex((b) => b.anchor);
  if (firstAnchor < 0) return { rows: out, closed };
  const groups: { words: Map<string, OcrWord[]>; anchorRow: Row }[] = [];
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    if (!b) continue;
    if (b.anchor) {
      groups.push({ words: new Map([...b.cells].map(([k, v]) => [k, [...v]])), anchorRow: b.row });
      continue;
    }
    // Non-anchored row: continuation of the item above, or lines above an item whose
    // own row has no description (vertically centred cells).
    const prevGroup = groups.at(-1);
    const nextAnchor = body.slice(i + 1).find((x) => x.anchor);
    const target =
      prevGroup && (prevGroup.words.get("description")?.length ?? 0) > 0
        ? prevGroup
        : nextAnchor && !nextAnchor.cells.has("description")
          ? undefined
          : prevGroup;
    if (!target) {
      if (nextAnchor && !nextAnchor.cells.has("description")) {
        const desc = b.cells.get("description");
        if (desc) nextAnchor.cells.set("description", [...desc]);
      }
      continue;
    }
    // A wrapped line hugs the line above; a padded row with text only is a group heading.
    if (b.gap > 0.7 * lineHeight) continue;
    const descWords = b.cells.get("description");
    const base = target.words.get("description");
    // A smaller line under an item is a wrap only when it reads on: "Ref. WO-16828", "Site: …", "Ticket #…" are notes.
    const small = descWords && base ? height(descWords) / height(base) : 1;
    if (small < 0.72 || (small < 0.9 && NOTE_LINE.test(cell(descWords ?? [], join).text))) continue;
    for (const [k, v] of b.cells) {
      if (numeric.has(k)) continue;
      target.words.set(k, [...(target.words.get(k) ?? []), ...v]);
    }
  }
  for (const g of groups) {
    const cells: Record<string, TableCell> = {};
    for (const [k, words] of g.words) {
      if (k.startsWith("_")) continue;
      const lines = new Map<number, OcrWord[]>();
      for (const w of words) {
        // A dash is a sliver of ink: judge its line at text height, or it lands on a line of its own.
        const key = [...lines.keys()].find((y) => Math.abs(y - (w.box.y0 + w.box.y1) / 2) < 0.5 * Math.max(w.box.y1 - w.box.y0, 0.8 * lineHeight));
        const y = key ?? (w.box.y0 + w.box.y1) / 2;
        lines.set(y, [...(lines.get(y) ?? []), w]);
      }
      const parts = [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, ws]) => cell(ws, join).text);
      // Soft wraps are not printed line breaks: join wrapped lines with a space.
      cells[k] = { text: parts.join(" "), words, box: unionOf(words.map((w) => w.box)) };
    }
    out.push({ page: layout.page.index, cells });
  }
  markShared(
    out,
    groups.map((g) => g.anchorRow),
  );
  typeAnonymousColumns(out, groups, names);
  splitQuantityUnit(out, names.has("unit"));
  // "UNIT" over a column of prices is the unit price, not the unit of measure.
  const units = out.map((r) => r.cells.unit?.text).filter((t): t is string => !!t);
  if (!names.has("unit_price") && units.length && units.filter((t) => /^\D{0,3}\d[\d.,\s]*[.,]\d{2}\D{0,3}$/.test(t)).length >= 0.8 * units.length) {
    for (const r of out) {
      if (r.cells.unit) r.cells.unit_price = r.cells.unit;
      delete r.cells.unit;
    }
  }
  return { rows: out, closed };
}

/** A column whose header was misread ("ay" for Qty) is named by its data when that name is still free. */
function typeAnonymousColumns(rows: TableRow[], groups: { words: Map<string, OcrWord[]> }[], names: Set<string>): void {
  const anon = new Set(groups.flatMap((g) => [...g.words.keys()].filter((k) => k.startsWith("_"))));
  for (const key of anon) {
    const texts = groups.map(
      (g) =>
        g.words
          .get(key)
          ?.map((w) => w.text)
          .join(" ") ?? "",
    );
    const filled = texts.filter(Boolean);
    if (filled.length < Math.max(1, 0.8 * rows.length)) continue;
    const name =
      !names.has("quantity") && filled.every((t) => /^\d{1,4}(?:[.,]\d{1,3})?$/.test(t))
        ? "quantity"
        : !names.has("unit") && filled.every((t) => /^\p{L}{1,5}\.?$/u.test(t))
          ? "unit"
          : undefined;
    if (!name) continue;
    names.add(name);
    rows.forEach((r, i) => {
      const words = groups[i]?.words.get(key);
      const text = texts[i];
      if (words && text) r.cells[name] = { text, words, box: unionOf(words.map((w) => w.box)) };
    });
  }
}

/** "35 hrs" in a quantity column (or "4 Mon." in a unit column): a number and its unit printed in one cell. */
function splitQuantityUnit(rows: TableRow[], hasUnitColumn: boolean): void {
  for (const r of rows) {
    const q = r.cells.quantity;
    const u = r.cells.unit;
    const src = q && !u && !hasUnitColumn ? q : u && !q ? u : undefined;
    const m = src && /^(\d+(?:[.,]\d+)?)\s+(\p{L}[\p{L}.]{0,8})$/u.exec(src.text);
    if (!src || !m) continue;
    const num = src.words.filter((w) => /\d/.test(w.text));
    const unit = src.words.filter((w) => !/\d/.test(w.text));
    r.cells.quantity = { text: m[1] ?? "", words: num, box: unionOf(num.map((w) => w.box)) };
    r.cells.unit = { text: m[2] ?? "", words: unit, box: unionOf(unit.map((w) => w.box)) };
  }
}

/** A non-numeric cell whose box spans several anchored rows serves all of them (rowspan). */
function markShared(rows: TableRow[], anchors: Row[]): void {
  rows.forEach((r, i) => {
    for (const [name, c] of Object.entries(r.cells)) {
      const spanned = anchors.filter((a) => c.box.y0 < a.box.y1 && c.box.y1 > a.box.y0);
      if (spanned.length > 1 || (anchors[i] && (c.box.y1 < anchors[i].box.y0 || c.box.y0 > anchors[i].box.y1) && name !== "description")) {
        c.shared = true;
      }
    }
  });
}

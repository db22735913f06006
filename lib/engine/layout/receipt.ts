import { findAmounts, parseAmount } from "../parse/amount";
import { cell, moneyIn, type TableCell, type TableRow, type TotalsTest } from "./cells";
import { type PageLayout, type Row, unionOf } from "./rows";

/** Receipt style: rows "text … amount" above the totals; "2 @ 3.74" / "2 x ITEM" / "4コ × 単¥190" give qty and unit price. */
export function receiptItems(layout: PageLayout, isTotals: TotalsTest): TableRow[] {
  const { rows, join } = layout;
  const end = rows.findIndex((r) => isTotals(r));
  if (end < 0) return [];
  const out: TableRow[] = [];
  const textCell = (row: Row, text: string | undefined): TableCell | undefined => {
    if (!text) return undefined;
    const words = row.words.filter((w) => w.text.includes(text) || text.includes(w.text));
    return { text, words, box: unionOf(words.map((w) => w.box)) };
  };
  for (const row of rows.slice(0, end)) {
    const segs = row.segments;
    const last = segs.at(-1);
    if (!last) continue;
    const text = segs
      .map((s) => s.text)
      .join(" ")
      .trim();
    const qtyLine = /^(?:(\d+(?:[.,]\d+)?)\s*(?:コ|個|点|pcs?|ea)?\s*)?[@×x]\s*(?:単\s*)?(\S+)$/iu.exec(text);
    const prev = out.at(-1);
    if (qtyLine && prev && findAmounts(qtyLine[2] ?? "").length) {
      const q = textCell(row, qtyLine[1]);
      const p = textCell(row, qtyLine[2]);
      if (q && !prev.cells.quantity) prev.cells.quantity = q;
      if (p) prev.cells.unit_price = p;
      continue;
    }
    // The same line whose "@" the reader took for a letter ("e 5.00" under "2 x EGGS 10.00"): a mark and one amount
    // that times the item's quantity makes the item's amount is its unit price, whatever the mark was read as.
    const price = prev ? unitPriceLine(text, prev) : undefined;
    if (price && prev) {
      const q = textCell(row, price.qty);
      const p = textCell(row, price.unit);
      if (q && !prev.cells.quantity) prev.cells.quantity = q;
      if (p) prev.cells.unit_price = p;
      continue;
    }
    const tail = moneyIn(last.text).at(-1);
    const money = !!tail && (tail.hasCurrency || /[.,]\d{2}$/.test(tail.text));
    if (!tail || !money || tail.end !== last.text.length) continue;
    // The description is every word left of the amount (the amount may share a segment with it).
    const amountWords = last.words.filter((_w, i) => (last.spans[i]?.end ?? 0) > tail.start);
    const descWords = row.words.filter((w) => !amountWords.includes(w));
    const desc = cell(descWords, join);
    const lead = /^(\d+(?:[.,]\d+)?)\s*[x×]\s+(.+)$/u.exec(desc.text);
    if (!/\p{L}/u.test(desc.text)) continue;
    const cells: Record<string, TableCell> = { description: lead ? { ...desc, text: lead[2] ?? desc.text } : desc, amount: cell(amountWords, join) };
    const q = lead ? textCell(row, lead[1]) : undefined;
    if (q) cells.quantity = q;
    out.push({ page: layout.page.index, cells });
  }
  return out;
}

/**
 * The quantity and unit price a line "[quantity] <mark> <amount>" (the mark no word: one or two signs or one letter)
 * states for the item above it, when the quantity (the line's, else the item's) times the amount is the item's amount
 * to the cent; undefined otherwise.
 */
function unitPriceLine(text: string, item: TableRow): { qty?: string; unit: string } | undefined {
  const m = /^(?:(\d+(?:[.,]\d+)?)\s*)?(?:[^\p{L}\p{N}\s]{1,2}|\p{L})\s*(\d\S*)$/u.exec(text);
  if (!m?.[2]) return undefined;
  const qtyText = m[1] ?? item.cells.quantity?.text;
  const qty = Number((qtyText ?? "").replace(",", "."));
  const amount = parseAmount(item.cells.amount?.text ?? "");
  const unit = parseAmount(m[2]);
  if (!(qty > 1) || amount === undefined || unit === undefined || Math.abs(qty * unit - amount) >= 0.005) return undefined;
  return { ...(m[1] ? { qty: m[1] } : {}), unit: m[2] };
}

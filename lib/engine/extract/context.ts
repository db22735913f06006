import { type PageLayout, type Segment, xOverlap } from "../layout/rows";
import { compact } from "../layout/text";

/** Where a value sits among the words around it: bank details, payment blocks. */

/** True when a word on the row, or up to `span` rows above or below it, starts with (or, from four letters, contains) one of the compacted words. */
export function nearWords(layout: PageLayout, row: number, words: string[], span = 2): boolean {
  const rows = layout.rows.slice(Math.max(0, row - span), row + span + 1);
  return rows.some((r) => r.words.some((w) => words.some((k) => (k.length >= 4 ? compact(w.text).includes(k) : compact(w.text).startsWith(k)))));
}

const PAYMENT_HEADING =
  /^(payment|payment details|payment information|payment terms|payment instructions|how to pay|remit to|remittance|bank details|banking details|zahlungsinformationen|bankverbindung|paiement|coordonnées bancaires|お振込先|振込先)\s*:?$/iu;

/** The candidate's label sits on a line with bank words, or in a block headed "Payment" / "Bank details". */
export function inBankBlock(layouts: PageLayout[], c: { page: number; label?: Segment }, words: string[]): boolean {
  const layout = layouts.find((l) => l.page.index === c.page);
  const seg = c.label;
  if (!layout || !seg) return false;
  if (nearWords(layout, seg.row, words, 0)) return true;
  for (const r of layout.rows.slice(Math.max(0, seg.row - 3), seg.row).reverse()) {
    const above = r.segments.find((o) => xOverlap(o.box, seg.box) > 0.3 || Math.abs(o.box.x0 - seg.box.x0) < 10);
    if (above && PAYMENT_HEADING.test(above.text.trim())) return true;
  }
  return false;
}

import { findAmounts } from "../parse/amount";
import type { Box, OcrWord } from "../types";
import type { Joiner, Row } from "./rows";
import { unionOf } from "./rows";

/** One reconstructed cell: verbatim text plus the words it came from. */
export interface TableCell {
  text: string;
  words: OcrWord[];
  box: Box;
  shared?: boolean;
}

/** One reconstructed line item: column name → cell. */
export interface TableRow {
  page: number;
  cells: Record<string, TableCell>;
}

/** True when the row carries a totals label (Subtotal, Total, MwSt, 小計, …). */
export type TotalsTest = (row: Row) => boolean;

/** Money amounts in a text, percentages excluded. */
export const moneyIn = (text: string) => findAmounts(text).filter((a) => !/^\s*%/.test(text.slice(a.end)));

/** A cell from words, joined left to right the page's way. */
export function cell(words: OcrWord[], join: Joiner): TableCell {
  const sorted = [...words].sort((a, b) => a.box.x0 - b.box.x0);
  return { text: join(sorted).text, words: sorted, box: unionOf(sorted.map((w) => w.box)) };
}

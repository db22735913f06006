/**
 * Line-item table header: the first row on a page where ≥ 2 segments are column labels from the lexicon, including a
 * description or money column, and the columns it defines (each header cell owns the x-range between the midpoints to
 * its neighbours). table.ts reads the rows below it.
 */
import type { OcrWord } from "../types";
import { moneyIn } from "./cells";
import { type Joiner, type PageLayout, type Row, type Segment, unionOf } from "./rows";
import { compact } from "./text";

/** Column lexicon entry: the header labels of one child field. */
export interface ColumnSpec {
  name: string;
  labels: string[];
  numeric: boolean;
}

export interface Column {
  name: string;
  header: Segment;
  x0: number;
  x1: number;
}

/** The cell is an amount and little else ("42" at the end of an IBAN is not). */
export const isAmountCell = (text: string) => moneyIn(text).some((a) => a.text.replace(/\s/g, "").length >= 0.6 * text.replace(/\s/g, "").length);
export const PAGE_NO = /^(page|seite|p\.|ページ)?\s*\d+\s*(of|von|sur|\/|de)\s*\d+$/i;

/** Header cells of a row: runs of up to four words that spell a column label (cells may touch). */
export function headerCells(row: Row, specs: ColumnSpec[], join: Joiner): { seg: Segment; name?: string }[] {
  const out: { seg: Segment; name?: string; names?: string[] }[] = [];
  const asSeg = (ws: OcrWord[]): Segment => {
    const { text, spans } = join(ws);
    return { page: row.page, row: row.index, words: ws, text, spans, box: unionOf(ws.map((w) => w.box)) };
  };
  // Runs stay inside one segment: a column gap always separates two header cells.
  for (const seg of row.segments) cellsIn(seg.words);
  function cellsIn(words: OcrWord[]): void {
    let i = 0;
    while (i < words.length) {
      let found: { n: number; names: string[] } | undefined;
      for (let n = Math.min(12, words.length - i); n >= 1 && !found; n--) {
        if (n > 4 && words.slice(i, i + n).some((w) => w.text.length > 2)) continue;
        // A whole segment may carry a unit or currency after its label ("Quantity (hrs)", "Price (EUR)").
        const run = asSeg(words.slice(i, i + n));
        const decorated = /\([^)]*\)\s*$|[€$£¥]\s*$|\b(EUR|USD|GBP|JPY|CHF|CAD|AUD)\s*$/i.test(run.text);
        const names = matchColumns(run, specs, !(i === 0 && n === words.length && decorated));
        if (names.length) found = { n, names };
      }
      if (found) {
        out.push({ seg: asSeg(words.slice(i, i + found.n)), names: found.names });
        i += found.n;
      } else {
        out.push({ seg: asSeg([words[i] as OcrWord]) });
        i++;
      }
    }
  }
  // Unambiguous labels claim their columns first; an ambiguous one ("Item") takes the first left free.
  const taken = new Set(out.flatMap((c) => (c.names?.length === 1 ? c.names : [])));
  for (const c of out) {
    if (!c.names) continue;
    c.name = c.names.length === 1 ? c.names[0] : (c.names.find((n) => !taken.has(n)) ?? c.names[0]);
    if (c.name) taken.add(c.name);
  }
  return out;
}

/** Columns a header text can name, best first ("Item" → description, item_code). */
export function matchColumns(seg: Segment, specs: ColumnSpec[], exactOnly = false): string[] {
  const key = compact(seg.text);
  if (!key || key.length > 24) return [];
  const found: { name: string; score: number }[] = [];
  for (const spec of specs) {
    let score = 0;
    for (const label of spec.labels) {
      const l = compact(label);
      if (!l) continue;
      const exact = key === l;
      const near = !exact && !exactOnly && key.startsWith(l) && key.length - l.length <= 5;
      if (exact || near) score = Math.max(score, l.length + (exact ? 100 : 0));
    }
    if (score > 0) found.push({ name: spec.name, score });
  }
  const top = Math.max(0, ...found.map((f) => f.score));
  return found.filter((f) => f.score === top).map((f) => f.name);
}

/** A quantity column: "quantity", or a qualified one a template asks for ("quantity_ordered", "quantity_delivered"). */
export const isQuantity = (name: string) => name === "quantity" || name.startsWith("quantity_");

/** Find the header row of a line-item table on a page, with its columns. */
export function findHeader(layout: PageLayout, specs: ColumnSpec[]): { row: Row; columns: Column[] } | undefined {
  for (const row of layout.rows) {
    const hits: { seg: Segment; name: string }[] = [];
    const dups: { seg: Segment; name: string }[] = [];
    const cells = headerCells(row, specs, layout.join);
    const merged = new Set<Segment>();
    cells.forEach(({ seg, name }, i) => {
      if (!name) return;
      const same = hits.find((h) => h.name === name);
      // "HOURS / QTY", "Leistung / Artikel": two labels of one column side by side.
      const between = cells.slice(0, i).reverse();
      const slash = between[0] && /^[/&|+・]$/.test(between[0].seg.text);
      const prevNamed = between.find((c) => c.name || !/^[/&|+・]$/.test(c.seg.text));
      if (same && prevNamed?.seg === same.seg && (slash || /[/&]$/.test(same.seg.text))) {
        same.seg = { ...same.seg, text: `${same.seg.text} ${seg.text}`, words: [...same.seg.words, ...seg.words], box: unionOf([same.seg.box, seg.box]) };
        merged.add(seg);
        for (const c of between) if (c.seg.box.x0 > same.seg.box.x0 && c.seg.box.x1 < seg.box.x1) merged.add(c.seg);
        cells[cells.indexOf(prevNamed)] = { seg: same.seg, name };
      } else if (!same) hits.push({ seg, name });
      else dups.push({ seg, name });
    });
    // "Amount | Product | … | Price | Total": an amount heading left of the description counts pieces, the last one money.
    const desc = hits.find((h) => h.name === "description");
    const first = hits.find((h) => h.name === "amount");
    const later = dups.find((d) => d.name === "amount" && desc && d.seg.box.x0 > desc.seg.box.x1);
    if (first && later && desc && first.seg.box.x1 < desc.seg.box.x0 && !hits.some((h) => h.name === "quantity")) {
      first.name = "quantity";
      hits.push(later);
    }
    const names = new Set(hits.map((h) => h.name));
    const hasMoney = names.has("amount") || names.has("unit_price");
    if (hits.length >= 3 || (hits.length === 2 && names.has("description") && hasMoney)) {
      if (!hasMoney && ![...names].some(isQuantity)) continue;
      const sorted = hits.sort((a, b) => a.seg.box.x0 - b.seg.box.x0);
      // Unlabelled header cells (Pos., 備考) become anonymous columns: they bound their neighbours.
      const all = [...sorted];
      cells.forEach(({ seg, name }, i) => {
        if (name || merged.has(seg) || /^[/&|+・]$/.test(seg.text)) return;
        if (all.some((h) => h.seg.box.x0 <= seg.box.x0 && h.seg.box.x1 >= seg.box.x1)) return;
        all.push({ seg, name: `_${i}` });
      });
      // Headers stacked over two or three lines ("Art-Nr" under "Art-Nr-Kunde" beside a one-line "Pos | Beschreibung"):
      // a named label on a neighbouring line that no header cell covers is a column of its own.
      const lh = row.box.y1 - row.box.y0;
      for (const near of layout.rows.filter((r) => r !== row && Math.abs(r.cy - row.cy) < 1.5 * lh)) {
        for (const { seg, name } of headerCells(near, specs, layout.join)) {
          if (!name || names.has(name) || all.some((h) => h.seg.box.x0 < seg.box.x1 && h.seg.box.x1 > seg.box.x0)) continue;
          all.push({ seg, name });
          names.add(name);
        }
      }
      all.sort((a, b) => a.seg.box.x0 - b.seg.box.x0);
      const columns: Column[] = all.map((h, i) => {
        const prev = all[i - 1]?.seg.box;
        const next = all[i + 1]?.seg.box;
        return { name: h.name, header: h.seg, x0: prev ? (prev.x1 + h.seg.box.x0) / 2 : -1, x1: next ? (h.seg.box.x1 + next.x0) / 2 : 1001 };
      });
      return { row, columns };
    }
  }
  return undefined;
}

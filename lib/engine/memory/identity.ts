import { fieldHints } from "../templates";
import type { OcrPage } from "../types";
import { linesOf } from "./page";
import { fold } from "./types";

/**
 * A supplier's letterhead as a fingerprint: the folded text of the first lines of its first page
 * (name, legal form, address, phone, tax number). It recognises the supplier again when the
 * engine misreads or misses its name: OCR misreads cost a few character trigrams, not the match.
 */
const HEAD_LINES = 8;

/** The folded text of the first page's first lines (top to bottom), one entry per line with letters or digits. */
export function letterhead(pages: readonly OcrPage[]): string[] {
  const page = pages[0];
  if (!page) return [];
  const lines = linesOf(page)
    .map((ws) => ({ y: Math.min(...ws.map((w) => w.box.y0)), text: fold(ws.map((w) => w.text).join(" ")) }))
    .filter((l) => l.text.length >= 3)
    .sort((a, b) => a.y - b.y);
  return lines.slice(0, HEAD_LINES).map((l) => l.text);
}

function trigrams(lines: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const l of lines) for (let i = 0; i + 3 <= l.length; i++) out.add(l.slice(i, i + 3));
  return out;
}

/**
 * How many suppliers print each trigram in their letterheads (any of a supplier's letterheads counts once).
 * Text that many suppliers print (a chain's company line, "TAX INVOICE", "SDN BHD", "GST ID") identifies none of them.
 */
export function letterheadSpread(suppliers: ReadonlyArray<ReadonlyArray<readonly string[]>>): Map<string, number> {
  const spread = new Map<string, number>();
  for (const heads of suppliers) {
    const all = new Set<string>();
    for (const h of heads) for (const t of trigrams(h)) all.add(t);
    for (const t of all) spread.set(t, (spread.get(t) ?? 0) + 1);
  }
  return spread;
}

/**
 * Dice coefficient of the two letterheads' character trigrams (1 = the same text, 0 = nothing in common).
 * With `spread` (letterheadSpread of the suppliers compared against), a trigram printed by k suppliers weighs 1/k:
 * two branches of a chain share their company line, and only their own lines (the address) tell them apart.
 */
export function letterheadSimilarity(a: readonly string[], b: readonly string[], spread?: ReadonlyMap<string, number>): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  const w = (t: string) => 1 / Math.max(1, spread?.get(t) ?? 1);
  let both = 0;
  let sa = 0;
  let sb = 0;
  for (const t of ta) {
    sa += w(t);
    if (tb.has(t)) both += w(t);
  }
  for (const t of tb) sb += w(t);
  return (2 * both) / (sa + sb);
}

/**
 * The labels a tax or registration number is printed after, in every language of the lexicon (labels.json
 * vendor_tax_id: "GST Reg No", "USt-IdNr", "KvK"), folded as letterhead lines are; longest first, so "gstregno"
 * is cut before "gst…" would be. Two-letter labels ("IČ") say too little inside folded text.
 */
const ID_LABELS = [...new Set((fieldHints.vendor_tax_id?.labels ?? []).map(fold))].filter((l) => l.length >= 3).sort((a, b) => b.length - a.length);

/** An id as printed after its label: 6–20 letters and digits, five digits or more, mostly digits. */
function idLike(text: string): boolean {
  const digits = (text.match(/\p{N}/gu) ?? []).length;
  return text.length >= 6 && text.length <= 20 && digits >= 5 && digits * 5 >= text.length * 3;
}

/**
 * The ids a letterhead prints after a tax or registration label ("GST REG NO : 001951645696" → "001951645696"), read
 * from its folded lines (letterhead): a supplier's registration number is on every one of its documents, a template
 * without a tax id field (a till receipt) reads it nowhere else. An id runs to the line's end or the next label.
 */
export function letterheadIds(head: readonly string[]): string[] {
  const out = new Set<string>();
  for (const line of head) {
    const at: Array<{ start: number; end: number }> = [];
    for (const label of ID_LABELS) {
      for (let i = line.indexOf(label); i >= 0; i = line.indexOf(label, i + 1)) {
        if (!at.some((a) => i < a.end && a.start < i + label.length)) at.push({ start: i, end: i + label.length });
      }
    }
    at.sort((a, b) => a.start - b.start);
    for (const [k, a] of at.entries()) {
      const id = line.slice(a.end, at[k + 1]?.start ?? line.length);
      if (idLike(id)) out.add(id);
    }
  }
  return [...out];
}

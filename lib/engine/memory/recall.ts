import type { RawExtraction, RawValue } from "../extract/types";
import type { OcrPage } from "../types";
import { cy, height, type Span, spansOf } from "./page";
import { type FieldMemory, fold, type MemoryVerdict, shapeOf, similarity, type SupplierMemory } from "./types";

const countDigits = (t: string) => (t.match(/\p{N}/gu) ?? []).length;

/** A span memory found on the new page, and how strongly. */
interface Found {
  span: Span;
  /** "strong": the remembered label at the remembered offset, or the constant text itself; "weak": position only. */
  strength: "strong" | "weak";
  score: number;
  /** reviewed documents behind the place; a constant text found again exactly counts as seen twice
   * (the reviewer typed or confirmed exactly this, and the page prints exactly it again). */
  support: number;
  /** a constant text found again exactly (a name, id or IBAN the reviewer typed or confirmed). */
  exact: boolean;
}

/** A constant value (a name, an id) found again on the page: the page's own words, not memory's text. */
function findConstant(pages: OcrPage[], e: FieldMemory): Found | undefined {
  if (!e.constant || e.text.includes("\n")) return undefined;
  const want = fold(e.text);
  let best: Found | undefined;
  for (const page of pages) {
    for (const span of spansOf(page, e.words + 1)) {
      const s = similarity(fold(span.text), want);
      if (s < 0.9) continue;
      const d = Math.abs(cy(span.box) / page.height - e.position.cy) + Math.abs(span.box.x0 / page.width - e.position.x0);
      const score = 1 - s + d * 0.1;
      const support = s === 1 ? Math.max(2, e.documents.length) : e.documents.length;
      if (!best || score < best.score) best = { span, strength: "strong", score, support, exact: s === 1 };
    }
  }
  return best;
}

/** The remembered label found again, and the value with the remembered format at the remembered offset from it. */
function findPlaced(pages: OcrPage[], e: FieldMemory, type: string): Found | undefined {
  let best: Found | undefined;
  for (const page of pages) {
    const spans = spansOf(page, Math.max(3, e.words));
    // The same format, and about as many digits (an amount's tail "890" is not the amount "1,081,890").
    const digits = countDigits(e.text);
    // A date has as many digits every time; an amount's magnitude varies.
    const slack = type === "date" ? 0 : Math.max(2, digits / 3);
    const fits = spans.filter((s) => shapeOf(s.text) === e.shape && Math.abs(countDigits(s.text) - digits) <= slack);
    if (fits.length === 0) continue;
    if (e.label && e.offset) {
      const off = e.offset;
      for (const lab of spans.filter((s) => s.words.length <= 3 && similarity(fold(s.text), e.label!) >= 0.8)) {
        const h = height(lab.box);
        const ex0 = lab.box.x0 + off.dx0 * h;
        const ex1 = lab.box.x1 + off.dx1 * h;
        const ecy = cy(lab.box) + off.dy * h;
        for (const s of fits) {
          if (s.words.some((w) => lab.words.includes(w))) continue;
          // One aligned edge is enough (left- or right-aligned columns); the other edge breaks ties (a whole amount, not its tail).
          const ax = Math.abs(s.box.x0 - ex0);
          const bx = Math.abs(s.box.x1 - ex1);
          const dx = (Math.min(ax, bx) + 0.2 * Math.max(ax, bx)) / h;
          const dy = Math.abs(cy(s.box) - ecy) / h;
          if (dy > 0.9 || dx > 6) continue;
          const score = dx + 3 * dy + (1 - similarity(fold(lab.text), e.label!)) * 5;
          if (!best || best.strength === "weak" || score < best.score) best = { span: s, strength: "strong", score, support: e.documents.length, exact: false };
        }
      }
    }
    // Position alone says little about words: only values with digits (amounts, dates, ids) are looked for by place.
    if (best?.strength === "strong" || !e.shape.includes("9")) continue;
    for (const s of fits) {
      const dx = Math.min(Math.abs(s.box.x0 / page.width - e.position.x0), Math.abs(s.box.x1 / page.width - e.position.x1));
      const dy = Math.abs(cy(s.box) / page.height - e.position.cy);
      if (dx > 0.06 || dy > 0.04) continue;
      const score = 10 + dx * 20 + dy * 50;
      if (!best || score < best.score) best = { span: s, strength: "weak", score, support: e.documents.length, exact: false };
    }
  }
  return best;
}

/** The best place memory knows for one field on these pages. */
function findField(pages: OcrPage[], entries: FieldMemory[], type: string): Found | undefined {
  const found = entries
    .flatMap((e) => [findConstant(pages, e), findPlaced(pages, e, type)])
    .filter((f): f is Found => f !== undefined)
    // strong before weak; then the most supported entry; then the closest fit.
    .sort((a, b) => (a.strength === b.strength ? b.support - a.support || a.score - b.score : a.strength === "strong" ? -1 : 1));
  return found[0];
}

const sameValue = (a: string, b: string) => fold(a) === fold(b);

/**
 * Memory as a candidate ranker: for every remembered scalar field, look the remembered place
 * up on the pages. The extractor's value stays when it is what the place holds ("agree") or
 * when memory only has a weak place ("differs": doubted); a strong place proposes its own
 * words ("picked"). Either way the proposal is text printed on the page; the matcher locates it.
 */
export function recall(
  pages: OcrPage[],
  scalars: ReadonlyMap<string, string>,
  memory: SupplierMemory | undefined,
  raw: RawExtraction,
): { raw: RawExtraction; verdicts: MemoryVerdict[] } {
  if (!memory || memory.entries.length === 0) return { raw, verdicts: [] };
  const fields = { ...raw.fields };
  const verdicts: MemoryVerdict[] = [];
  const byField = new Map<string, FieldMemory[]>();
  for (const e of memory.entries) byField.set(e.field, [...(byField.get(e.field) ?? []), e]);
  for (const [path, entries] of byField) {
    const current = fields[path] ?? null;
    if (Array.isArray(current) || !scalars.has(path)) continue;
    const found = findField(pages, entries, scalars.get(path)!);
    if (!found) continue;
    const text = found.span.text;
    const before = current?.text ?? null;
    if (before !== null && sameValue(before, text)) {
      verdicts.push({ kind: "agree", path, support: found.support });
    } else if (found.strength === "strong") {
      const picked: RawValue = {
        text,
        page: found.span.page,
        wordIds: found.span.words.map((w) => w.id),
        confidence: 0.9,
        evidence: { source: "memory", score: 1 / (1 + found.score) },
      };
      fields[path] = picked;
      // A reading that holds the picked text (or is held by it: "RM 12.30" / "12.30") is the same value; another is a disagreement.
      const same = before !== null && (fold(before).includes(fold(text)) || fold(text).includes(fold(before)));
      // Amounts and dates change from one document to the next: only text (names, ids, IBANs) is remembered as itself.
      const isText = scalars.get(path) !== "number" && scalars.get(path) !== "date";
      // The exact name, id or IBAN a reviewer gave for this supplier, printed again, overrules a reading without a doubt.
      verdicts.push({ kind: "picked", path, support: found.support, before, disagreed: before !== null && !same && !(found.exact && isText) });
    } else if (before !== null && !fold(before).includes(fold(text)) && !fold(text).includes(fold(before))) {
      verdicts.push({ kind: "differs", path, support: found.support, remembered: text });
    }
  }
  return { raw: { ...raw, fields }, verdicts };
}

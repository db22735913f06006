import type { RawExtraction, RawValue } from "../extract/types";
import { parseAmount } from "../parse/amount";
import { parseDate } from "../parse/date";
import type { OcrPage, OcrWord } from "../types";
import { amountForm, asReviewed, oppositeSigns, sameGrouping, unsignedShape } from "./format";
import { textCounts } from "./learn";
import { findMisreadConstant } from "./misread";
import { cy, height, linesOf, type Span, share, spanBox, spansOf, widthUnits } from "./page";
import { asTypedLines, punctuated } from "./punctuate";
import { reformat } from "./reformat";
import { completeTail, otherLastLine } from "./tail";
import { findText, minSimilarity, spelledAsPrinted } from "./text";
import { type FieldMemory, fold, type MemoryVerdict, type SupplierMemory, shapeOf, similarity } from "./types";

const countDigits = (t: string) => (t.match(/\p{N}/gu) ?? []).length;

/** A span memory found on the new page, and how strongly. */
export interface Found {
  span: Span;
  /** "strong": the remembered label at the remembered offset, or the constant text itself; "weak": position only. */
  strength: "strong" | "weak";
  score: number;
  /** reviewed documents behind the place; a constant text found again exactly counts as seen twice
   * (the reviewer typed or confirmed exactly this, and the page prints exactly it again). */
  support: number;
  /** a constant text found again exactly (a name, id or IBAN the reviewer typed or confirmed). */
  exact: boolean;
  /** the span's text is the reviewers' spelling, not the page's reading. */
  reviewed?: boolean;
  /** a constant found by its place where its letters are misread past findText's floor (findMisreadConstant). */
  misread?: boolean;
  /** the remembered lines completed by a line the page adds, or without the line the latest review had (tail.ts). */
  partial?: boolean;
}

/**
 * A constant text (a name, an address, an id) found again on the page, despite OCR misreads of a letter or two:
 * proposed as the reviewers spelled it, on the page's own words (the matcher locates it there).
 */
function findConstant(pages: OcrPage[], e: FieldMemory, before: string | null): Found | undefined {
  if (!e.constant || fold(e.text).length < 3) return undefined;
  const lines = (e.lines ?? e.text.split("\n").length) + 1;
  // A text layer is not misread: there only the text itself, letter for letter, is the supplier's text again
  // (a "Harbour Digital Ltd." remembered is not a misread "Arbour Digital Ltd.").
  const hit = findText(pages, e.text, lines, e.position).find((h) => h.similarity === 1 || pages.find((p) => p.index === h.page)?.source !== "textlayer");
  if (!hit) return undefined;
  if (before !== null && continues(pages, hit.page, hit.words, fold(before))) return undefined;
  // … or the engine read the whole printed token the remembered text is only part of ("TX-471102" where "471102" was
  // remembered): another identifier, not the remembered one with letters to cut.
  const token = fold(hit.words.map((w) => w.text).join(""));
  if (before !== null && hit.similarity === 1 && token !== fold(e.text) && fold(before) === token) return undefined;
  const n = textCounts(e)[e.text] ?? 1;
  // Letter for letter, and spelled as printed (spaces, punctuation) or so spelled by two reviews: a spacing one reviewer
  // gave ("MR. D. I. Y." where the page prints "MR. D.I.Y.") is a convention seen once, not the page's text again.
  // Reviewers who typed what their pages printed ("BHD." where the page printed "BHD.") follow the print, not a spelling
  // of their own: a page that prints other marks ("BHD") is not their text letter for letter, however often they typed
  // it. Spaces alone are no such evidence: OCR drops and adds them from one scan to the next ("BAKERIES(KL)").
  const exact = hit.similarity === 1 && (spelledAsPrinted(e.text, hit.words) || (n >= 2 && (!followsPrint(e) || sameMarks(e.text, hit.words))));
  // The optional last line where the latest review had one (a branch under the address): the page's, or the reviewers' again.
  const page = pages.find((p) => p.index === hit.page);
  const tail = page ? (completeTail(page, e, e.text, hit.words, spelledAsPrinted) ?? otherLastLine(e, hit.words)) : undefined;
  const words = tail?.words ?? hit.words;
  const whole = exact && (tail === undefined || (!tail.partial && (tail.seen || tail.words === hit.words)));
  // … and they would type this page's spelling, as the engine read it from the page's words.
  const asPage = !exact && followsPrint(e) && before !== null && fold(before) === fold(e.text) && spelledAsPrinted(before, hit.words);
  return {
    span: { page: hit.page, words, box: spanBox(words), text: tail?.text ?? (asPage ? before : e.text) },
    strength: "strong",
    score: 1 - hit.similarity,
    // A text a reviewer gave, printed again exactly, counts as seen twice (see Found.support).
    support: whole ? Math.max(2, n) : n,
    exact: whole,
    reviewed: true,
    ...(tail?.partial ? { partial: true } : {}),
  };
}

/** The same letters, digits and marks as the words, spaces aside. */
const sameMarks = (text: string, words: readonly OcrWord[]) => {
  const bare = (t: string) => t.normalize("NFKC").toUpperCase().replace(/\s+/gu, "");
  return bare(text) === bare(words.map((w) => w.text).join(""));
};

/** Most of the entry's reviewed documents were typed as their pages printed them (FieldMemory.printed). */
const followsPrint = (e: FieldMemory) => (e.printed ?? 0) * 2 > e.documents.length;

/**
 * The engine read a longer text that goes on, on the same line, right after or before the remembered one: the page
 * prints a longer name ("Quillon Trading Co. LLC" where "Quillon Trading Co." was remembered), which is the page's
 * name, not the remembered one cut short. (Another line read with it is the engine's doubt to settle, not this.)
 */
function continues(pages: OcrPage[], pageIndex: number, words: readonly OcrWord[], engine: string): boolean {
  const page = pages.find((p) => p.index === pageIndex);
  if (!page || words.length === 0) return false;
  const lines = linesOf(page);
  const ids = new Set(words.map((w) => w.id));
  const firstLine = lines.find((l) => l.some((w) => ids.has(w.id)));
  const lastLine = [...lines].reverse().find((l) => l.some((w) => ids.has(w.id)));
  const gapOk = (a: OcrWord, b: OcrWord) => b.box.x0 - a.box.x1 < 1.5 * height(a.box);
  const letters = (w: OcrWord | undefined) => w !== undefined && /^\p{L}/u.test(w.text) && engine.includes(fold(w.text));
  if (lastLine) {
    const i = lastLine.findLastIndex((w) => ids.has(w.id));
    const next = lastLine[i + 1];
    if (letters(next) && gapOk(lastLine[i]!, next!)) return true;
  }
  if (firstLine) {
    const i = firstLine.findIndex((w) => ids.has(w.id));
    const prev = firstLine[i - 1];
    if (letters(prev) && gapOk(prev!, firstLine[i]!) && !words.includes(prev!)) return true;
  }
  return false;
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
    // An amount is found by its number's format, whatever currency marks the page prints around it ("RM3.20", "$ 3.20",
    // "3,20 €"), and proposed with the marks the reviewers typed (format.ts): a reviewer who typed "41.45" where the page
    // printed "$41.45" taught where the total is, not that the next one is printed without its "$".
    const cands =
      type === "number"
        ? spans.flatMap((s) => (amountForm(s.text) && sameGrouping(s.text, e.text) ? [{ ...s, text: asReviewed(s.text, e.text) }] : []))
        : spans;
    // … and whatever its sign: a credit note's total is printed where the invoices' totals were (format.ts unsignedShape).
    const want = type === "number" ? unsignedShape(e.shape) : e.shape;
    const shape = (t: string) => (type === "number" ? unsignedShape(shapeOf(t)) : shapeOf(t));
    const fitting = (t: string) => shape(t) === want && Math.abs(countDigits(t) - digits) <= slack && isValue(type, t);
    const fits = cands.filter((s) => fitting(s.text));
    // A date or amount whose format OCR misread ("1931", "05/@8/2017"), poured into the remembered format (reformat.ts):
    // looked for at the remembered label only, and proposed as a misread (never accepted unreviewed).
    const repaired =
      placed(type) && e.label && e.offset && page.source !== "textlayer"
        ? spans.flatMap((s) => {
            const r = s.words.length <= 2 ? reformat(s.text, e.text, type) : undefined;
            const text = r !== undefined && type === "number" ? asReviewed(r, e.text) : r;
            return text !== undefined && fitting(text) ? [{ ...s, text, misread: true }] : [];
          })
        : [];
    if (fits.length === 0 && repaired.length === 0) continue;
    if (e.label && e.offset) {
      const off = e.offset;
      for (const lab of spans.filter((s) => s.words.length <= 3 && similarity(fold(s.text), e.label!) >= 0.8)) {
        const h = height(lab.box);
        // Horizontal distances in the unit the offset was learned in (FieldMemory.offset.square).
        const hx = off.square ? widthUnits(page, lab.box) : h;
        const ex0 = lab.box.x0 + off.dx0 * hx;
        const ex1 = lab.box.x1 + off.dx1 * hx;
        const ecy = cy(lab.box) + off.dy * h;
        for (const s of [...fits, ...repaired]) {
          if (s.words.some((w) => lab.words.includes(w))) continue;
          // One aligned edge is enough (left- or right-aligned columns); the other edge breaks ties (a whole amount, not its tail).
          const ax = Math.abs(s.box.x0 - ex0);
          const bx = Math.abs(s.box.x1 - ex1);
          const dx = (Math.min(ax, bx) + 0.2 * Math.max(ax, bx)) / hx;
          const dy = Math.abs(cy(s.box) - ecy) / h;
          if (dy > 0.9 || dx > 6) continue;
          // A reading in the remembered format beats a repaired one at the same place.
          const score = dx + 3 * dy + (1 - similarity(fold(lab.text), e.label!)) * 5 + ("misread" in s ? 1 : 0);
          if (!best || best.strength === "weak" || score < best.score)
            best = { span: s, strength: "strong", score, support: e.documents.length, exact: false, ...("misread" in s ? { misread: true } : {}) };
        }
      }
    }
    // Position alone says little about words: only values with digits (amounts, dates, ids) are looked for by place.
    if (best?.strength === "strong" || !e.shape.includes("9")) continue;
    for (const s of fits) {
      const dx = Math.min(Math.abs(share(s.box.x0) - e.position.x0), Math.abs(share(s.box.x1) - e.position.x1));
      const dy = Math.abs(share(cy(s.box)) - e.position.cy);
      if (dx > 0.06 || dy > 0.04) continue;
      const score = 10 + dx * 20 + dy * 50;
      if (!best || score < best.score) best = { span: s, strength: "weak", score, support: e.documents.length, exact: false };
    }
  }
  return best;
}

/** Two amounts of opposite signs are two values, whatever their digits (fold drops the sign: "-8.79" / "8.79"). */
const signed = (type: string | undefined, a: string, b: string) => type === "number" && oppositeSigns(a, b);
const sameValue = (a: string, b: string, type?: string) => fold(a) === fold(b) && !signed(type, a, b);
/** One text holds the other ("RM 12.30" / "12.30"), an amount with its sign. */
const contains = (a: string, b: string, type?: string) => (fold(a).includes(fold(b)) || fold(b).includes(fold(a))) && !signed(type, a, b);
/**
 * Two amounts or dates one character apart ("94.87" / "84.87"): the same printed value read twice, one
 * misread. A remembered place holding the twin of the engine's reading is no evidence against it (in the
 * SROIE-extra replay memory's picks over the engine's total were wrong 7 times in 9, such twins among them):
 * it is doubt, not a correction.
 */
const twins = (a: string, b: string) => {
  const fa = fold(a);
  const fb = fold(b);
  return fa !== fb && fa.length === fb.length && [...fa].filter((c, i) => c !== fb[i]).length === 1;
};
const placed = (type: string | undefined) => type === "number" || type === "date";
/**
 * Two amounts less than this apart are one total before and after cash rounding (to 0.05 or 0.10: a receipt prints
 * both). Which of them the supplier's field is, the place alone does not tell: doubt, not a correction. (SROIE-extra
 * replay, bench --memory verdicts: memory overruled the engine's rounded total with the unrounded one 3 times.)
 */
const ROUNDING = 0.1;
const roundingTwins = (type: string | undefined, a: string, b: string) => {
  if (type !== "number") return false;
  const x = parseAmount(a);
  const y = parseAmount(b);
  return x !== undefined && y !== undefined && x !== y && Math.abs(x - y) < ROUNDING - 1e-9;
};
/** A date no calendar has ("96/08/2017": a misread digit) is no reading to keep, back or propose. */
const calendarDate = (text: string) => parseDate(text, "dmy") !== undefined || parseDate(text, "mdy") !== undefined;
/** Memory finds, backs and proposes only values: a date that exists, an amount that parses ("RMZ8.03" is a misread). */
const isValue = (type: string, text: string) => (type === "date" ? calendarDate(text) : type === "number" ? parseAmount(text) !== undefined : true);
/** The engine's reading stands against a twin only while it is a value at all (a date that exists). */
const holdsUp = (type: string | undefined, text: string) => type !== "date" || calendarDate(text);

/**
 * The best place memory knows for one field on these pages; `null` when no remembered place or text is found on
 * them at all (undefined: found, but places equally backed disagree).
 */
function findField(pages: OcrPage[], entries: FieldMemory[], type: string, before: string | null, own = false): Found | undefined | null {
  // Amounts and dates change from one document to the next: the same one thrice is a coincidence, not the supplier's text.
  // So does a field every document has its own value of (an invoice number: FieldSpec.perDocument), whatever its type:
  // two sample invoices that share one is not the supplier's number, and a supplier's next invoice never reuses it.
  const texts = type !== "number" && type !== "date" && !own;
  // A constant text the engine's reading holds ("saturn" in "SATURN ELECTRO GMBH"): its place proposes nothing else (a logo read "SN").
  const held = (e: FieldMemory) => texts && e.constant && before !== null && fold(e.text).length >= 3 && fold(before).includes(fold(e.text));
  const placedAs = (e: FieldMemory) => {
    const f = findPlaced(pages, e, type);
    return f && held(e) && fold(f.span.text) !== fold(e.text) ? undefined : f;
  };
  const found = entries
    .flatMap((e) => [texts ? findConstant(pages, e, before) : undefined, placedAs(e)])
    .filter((f): f is Found => f !== undefined)
    // strong before weak; then the most supported entry; then the closest fit.
    .sort((a, b) => (a.strength === b.strength ? b.support - a.support || a.score - b.score : a.strength === "strong" ? -1 : 1));
  // Only where nothing else is found: a constant at its place, misread past recognition.
  if (found.length === 0 && texts) found.push(...entries.flatMap((e) => findMisreadConstant(pages, e) ?? []));
  const best = found[0];
  if (!best) return null;
  // The engine's reading at a place memory knows is backed, not overruled by another remembered place (a total
  // printed twice, one of them misread; the TOTAL and CASH lines of one receipt).
  const holds = (f: Found) => before !== null && contains(before, f.span.text, type);
  const backing = found.find((f) => f.strength === "strong" && holds(f));
  if (backing) return backing;
  // Places equally backed that hold different values: memory does not know which is the supplier's, so it abstains.
  const rivals = found.filter((f) => f.strength === best.strength && f.support === best.support && !sameValue(f.span.text, best.span.text, type));
  return rivals.length === 0 ? best : undefined;
}

/**
 * Memory's proposal replaces a different value the engine read. A reading that holds the proposal (or is held by it:
 * "RM 12.30" / "12.30") is the same value, and so is a reading of the reviewers' text with a misread letter or two; the
 * exact name, id or IBAN a reviewer gave for this supplier, printed again, overrules a reading without a doubt (amounts
 * and dates change from one document to the next: only text is remembered as itself).
 */
function disagrees(before: string | null, text: string, found: Found, type: string | undefined): boolean {
  if (before === null) return false;
  const same =
    contains(before, text, type) ||
    (found.reviewed === true && !signed(type, before, text) && similarity(fold(before), fold(text)) >= minSimilarity(fold(text).length));
  return !same && !(found.exact && type !== "number" && type !== "date");
}

/**
 * A text layer is not misread: where it reads another value than a place one reviewed document taught, the document is
 * laid out otherwise (one VAT id, several layouts: the e-invoice samples, bench --memory on zugferd_*, lost 8 of 8 such
 * overrules), so that place only doubts the reading. Two reviewed documents that printed the field there overrule it.
 */
const OVERRULE_TEXTLAYER = 2;

/** Reviewed documents that must back a place before its absence from a page doubts the engine's value. */
const ABSENT_SUPPORT = 2;

/**
 * Memory as a candidate ranker: for every remembered scalar field, look the remembered place
 * up on the pages. The extractor's value stays when it is what the place holds ("agree") or
 * when memory only has a weak place ("differs": doubted); a strong place proposes its own
 * words ("picked"). Either way the proposal is text printed on the page; the matcher locates it.
 */
/**
 * The engine's reading is the text layer's own: the page is a text layer and none of the value's words were OCR'd from
 * an image on it (read/image-text.ts). Only such a reading is exact enough that one reviewed document does not overrule it.
 */
function exactReading(pages: OcrPage[], page: number, current: RawValue | null): boolean {
  const p = pages.find((x) => x.index === page);
  if (p?.source !== "textlayer") return false;
  const ids = new Set(current?.page === page ? (current.wordIds ?? []) : []);
  return !p.words.some((w) => w.fromImage && ids.has(w.id));
}

export function recall(
  pages: OcrPage[],
  scalars: ReadonlyMap<string, string>,
  memory: SupplierMemory | undefined,
  raw: RawExtraction,
  opts: { perDocument?: ReadonlySet<string> } = {},
): { raw: RawExtraction; verdicts: MemoryVerdict[] } {
  if (!memory || memory.entries.length === 0) return { raw, verdicts: [] };
  const fields = { ...raw.fields };
  const verdicts: MemoryVerdict[] = [];
  const byField = new Map<string, FieldMemory[]>();
  for (const e of memory.entries) byField.set(e.field, [...(byField.get(e.field) ?? []), e]);
  for (const [path, entries] of byField) {
    const current = fields[path] ?? null;
    if (Array.isArray(current) || !scalars.has(path)) continue;
    const type = scalars.get(path);
    const found = findField(pages, entries, type!, current?.text ?? null, opts.perDocument?.has(path) === true);
    // A place two or more reviewed documents printed the field at, nowhere on this page: the engine's value comes from
    // elsewhere (another layout, a misread label, another supplier taken for this one). Doubt, never a correction.
    const backed = Math.max(...entries.map((e) => e.documents.length));
    if (found === null && current && backed >= ABSENT_SUPPORT) verdicts.push({ kind: "absent", path, support: backed });
    if (!found) continue;
    const text = found.span.text;
    const before = current?.text ?? null;
    const picked: RawValue = {
      text,
      page: found.span.page,
      wordIds: found.span.words.map((w) => w.id),
      confidence: 0.9,
      evidence: { source: "memory", score: 1 / (1 + found.score) },
      ...(found.reviewed ? { reviewed: true } : {}),
    };
    if (before !== null && sameValue(before, text, type)) {
      // The same value: a constant text keeps the reviewers' spelling (their case, not the page's misread).
      if (found.reviewed) fields[path] = { ...current!, text, reviewed: true };
      verdicts.push({
        kind: "agree",
        path,
        support: found.support,
        ...(found.exact && found.reviewed ? { exact: true } : {}),
        ...(found.partial ? { partial: true } : {}),
      });
    } else if (
      found.strength === "strong" &&
      !(placed(type) && before !== null && holdsUp(type, before) && (twins(before, text) || roundingTwins(type, before, text))) &&
      !(disagrees(before, text, found, type) && found.support < OVERRULE_TEXTLAYER && exactReading(pages, found.span.page, current))
    ) {
      fields[path] = picked;
      verdicts.push({
        kind: "picked",
        path,
        support: found.support,
        before,
        disagreed: disagrees(before, text, found, type),
        ...(found.exact && found.reviewed ? { exact: true } : {}),
        ...(found.misread ? { misread: true } : {}),
        ...(found.partial ? { partial: true } : {}),
      });
    } else if (before !== null && !contains(before, text, type)) {
      verdicts.push({ kind: "differs", path, support: found.support, remembered: text });
    }
  }
  // The reviewers' case convention applies to whatever memory settled on (a date read in mixed case, typed in capitals).
  for (const [path, entries] of byField) {
    const v = fields[path];
    if (!v || Array.isArray(v) || !upperCased(entries) || v.text === v.text.toUpperCase()) continue;
    fields[path] = { ...v, text: v.text.toUpperCase(), reviewed: true };
  }
  // … and so does their punctuation between the words of a name or address (a comma OCR reads as a dot).
  for (const [path, entries] of byField) {
    const v = fields[path];
    const type = scalars.get(path);
    if (!v || Array.isArray(v) || type === "number" || type === "date") continue;
    // … and their line breaks: typed on one line, or as printed.
    const text = punctuated(asTypedLines(v.text, entries), entries);
    if (text !== v.text) fields[path] = { ...v, text, reviewed: true };
  }
  return { raw: { ...raw, fields }, verdicts };
}

/** Reviewers typed this field in capitals where the page printed mixed case, more often than they kept the page's case. */
function upperCased(entries: FieldMemory[]): boolean {
  let vote = 0;
  for (const e of entries) vote += e.casing === "upper" ? e.documents.length : e.casing === "as-printed" ? -e.documents.length : 0;
  return vote > 0;
}

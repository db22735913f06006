import { matchValue } from "../match";
import type { Box, OcrPage, OcrWord } from "../types";
import { amountCore, amountForm } from "./format";
import { cy, height, linesOf, share, spanBox, spansOf, widthUnits, wordsInside } from "./page";
import { lastLineOf, mergeTail } from "./tail";
import { findText, punctuatedAsPrinted } from "./text";
import { type FieldMemory, fold, type SupplierMemory, shapeOf, similarity } from "./types";

/** At most this many places are remembered per field and supplier (the most supported win). */
const MAX_PER_FIELD = 3;

/**
 * A label is printed words, the same on every document of the supplier: a number (a slip number, the time,
 * an amount: three digits or more) changes from one receipt to the next, so the label is the run of words
 * nearest the value, up to three, and ends where such a number stands ("6%" of "Incl GST 6% RM" stays).
 * A currency code or a one-letter word alone ("RM", "No") labels nothing: it stands beside every amount.
 */
const isNumber = (w: OcrWord) => (w.text.match(/\p{N}/gu) ?? []).length >= 3;
const MIN_LABEL_LETTERS = 3;
function labelled(words: OcrWord[]): OcrWord[] {
  return letters(words) >= MIN_LABEL_LETTERS ? words : [];
}
const letters = (words: readonly OcrWord[]) => (fold(words.map((w) => w.text).join("")).match(/\p{L}/gu) ?? []).length;
/** Words further apart than this many of their heights are two texts (a route code far left of "Date:"), not one label. */
const LABEL_GAP = 2;
function labelRun(page: OcrPage, words: readonly OcrWord[]): OcrWord[] {
  const out: OcrWord[] = [];
  for (let i = words.length - 1; i >= 0 && out.length < 3 && !isNumber(words[i]!); i--) {
    const next = out[0];
    // A label ends at a wide gap once it has its letters ("RM" alone reaches over the gap to "Incl GST 6%").
    if (next && next.box.x0 - words[i]!.box.x1 > LABEL_GAP * widthUnits(page, next.box) && letters(out) >= MIN_LABEL_LETTERS) break;
    out.unshift(words[i]!);
  }
  return labelled(out);
}

/**
 * The words of a line above the value that head it: a line without a number over the value ("Date", "Amount").
 * A line of numbers above is the row before the value's (an item line, a cashier's slip), not its heading.
 */
function headingRun(line: readonly OcrWord[]): OcrWord[] {
  return line.some(isNumber) ? [] : labelled(line.slice(0, 3));
}

/** The label words that share the value's row and lie left of it, nearest last. */
function leftLabel(page: OcrPage, box: Box): OcrWord[] {
  const h = height(box);
  const row = page.words.filter((w) => Math.abs(cy(w.box) - cy(box)) < h * 0.6 && w.box.x1 <= box.x0 + h * 0.3).sort((a, b) => a.box.x0 - b.box.x0);
  return labelRun(page, row);
}

/** The nearest line above the value whose words overlap it horizontally. */
function aboveLabel(page: OcrPage, box: Box): OcrWord[] {
  const h = height(box);
  let best: OcrWord[] = [];
  let bestGap = Number.POSITIVE_INFINITY;
  for (const line of linesOf(page)) {
    const over = line.filter((w) => w.box.x1 > box.x0 - h && w.box.x0 < box.x1 + h);
    const ws = headingRun(over);
    if (ws.length === 0) continue;
    const gap = box.y0 - spanBox(over).y1;
    if (gap < -h * 0.2 || gap > h * 2.5 || gap >= bestGap) continue;
    best = ws;
    bestGap = gap;
  }
  return best;
}

/** How many printed lines hold words with their centre inside the box (a reviewer types an address on one line). */
function linesIn(page: OcrPage, box: Box): number {
  return Math.max(1, new Set(wordsInside(page, box).map((w) => w.lineId)).size);
}

/** How many of the page's words have their centre inside the box. */
function wordsIn(page: OcrPage, box: Box): number {
  return wordsInside(page, box).length;
}

/**
 * Where and how a reviewed value is printed: located on the page by the matcher (a value the
 * page does not hold teaches nothing), with its label, offset, position and format.
 */
export function learnField(pages: OcrPage[], field: string, text: string, pageHint: number, documentId: string): FieldMemory | null {
  return learnPlaces(pages, field, text, pageHint, documentId)[0] ?? null;
}

/** At most this many places are learned from one document for a value printed several times. */
const MAX_OCCURRENCES = 3;

/**
 * Every place a reviewed value is printed, the matcher's first. A receipt prints its total two or
 * three times (TOTAL, CASH, CARD): which one is the supplier's total place is not known from one
 * document, so each is remembered; the next reviewed documents back the place that holds it every
 * time, and recall abstains while equally backed places disagree.
 */
export function learnPlaces(pages: OcrPage[], field: string, text: string, pageHint: number, documentId: string): FieldMemory[] {
  if (fold(text).length === 0) return [];
  const { value, info } = matchValue(pages, { text, page: pageHint });
  if (!info.located || !info.box || value.page === null || value.match_ratio < 0.8) return [];
  const whole = wholeText(pages, text, value.page, info.box);
  const first = placeOf(pages[whole.page]!, whole.box, field, text.trim(), value.value ?? text, documentId);
  const out = [first];
  if (!first.shape.includes("9")) return out;
  const want = fold(amountCore(text));
  for (const page of pages) {
    for (const span of spansOf(page, first.words)) {
      if (out.length >= MAX_OCCURRENCES) return out;
      // The same amount with or without its currency marks ("$41.45", "41,450円" for a typed "41.45").
      const bare = amountForm(span.text)?.core ?? span.text.replace(/^\p{L}+\s?(?=\d)/u, "");
      if (fold(bare) !== want) continue;
      if (page.index === value.page && overlapsBox(span.box, info.box)) continue;
      if (out.some((e) => overlaps(span.box, e))) continue;
      out.push(placeOf(page, span.box, field, text.trim(), bare, documentId));
    }
  }
  return out;
}

/** Up to this many printed lines are looked at for a name or address a reviewer typed on one line. */
const MAX_TEXT_LINES = 6;

/**
 * A name or address the reviewer typed on one line is often printed over two or three: the matcher's box may
 * hold only some of those lines. The whole printed text (memory's own finder, text.ts) is what is remembered,
 * so the next document's recall looks over as many lines. Amounts, dates and short texts keep the matcher's box.
 */
function wholeText(pages: OcrPage[], text: string, page: number, box: Box): { page: number; box: Box } {
  if (!/\p{L}/u.test(text) || fold(text).length < 12) return { page, box };
  const hit = findText(pages, text, MAX_TEXT_LINES).find((h) => h.page === page && overlapsBox(h.box, box));
  if (!hit) return { page, box };
  const lines = new Set(hit.words.map((w) => w.lineId)).size;
  return lines > linesIn(pages[page]!, box) ? { page, box: hit.box } : { page, box };
}

function overlapsBox(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** A place already learned (same page position, as shares of the page). */
function overlaps(box: Box, e: FieldMemory): boolean {
  return Math.abs(share(box.x0) - e.position.x0) < 0.01 && Math.abs(share(cy(box)) - e.position.cy) < 0.01;
}

/** One place: the label next to or above the box, the offset from it, the position on the page, the format. */
function placeOf(page: OcrPage, box: Box, field: string, given: string, printed: string, documentId: string): FieldMemory {
  const labelWords = leftLabel(page, box).length > 0 ? leftLabel(page, box) : aboveLabel(page, box);
  const label = labelWords.length > 0 ? spanBox(labelWords) : null;
  // The reviewer's spelling is what a constant text is proposed as again (the page's reading may differ in case or by a misread).
  const last = lastLineOf(given, page, box);
  return {
    field,
    text: given,
    constant: true,
    texts: { [given]: 1 },
    ...(casingOf(given, printed) ? { casing: casingOf(given, printed)! } : {}),
    printed: punctuatedAsPrinted(given, wordsInside(page, box)) ? 1 : 0,
    // An amount's format is its number's: the currency marks around it are the reviewers' convention (format.ts).
    shape: shapeOf(amountCore(printed)),
    label: label ? fold(labelWords.map((w) => w.text).join(" ")) || null : null,
    offset: label
      ? {
          dx0: (box.x0 - label.x0) / widthUnits(page, label),
          dx1: (box.x1 - label.x1) / widthUnits(page, label),
          dy: (cy(box) - cy(label)) / height(label),
          square: true,
        }
      : null,
    position: { x0: share(box.x0), x1: share(box.x1), cy: share(cy(box)) },
    // OCR words, not spaces: scripts without spaces between words (Japanese) come in several OCR words per value.
    words: Math.max(printed.split(/\s+/).filter(Boolean).length, wordsIn(page, box)),
    lines: linesIn(page, box),
    documents: [documentId],
    ...(last ? { last } : {}),
  };
}

/** How many reviewed documents gave each text (memories stored before `texts` existed: the text once per document while constant). */
export function textCounts(e: FieldMemory): Record<string, number> {
  return e.texts ?? { [e.text]: e.constant ? e.documents.length : 1 };
}

/** The same text give or take a misread or a typo (a name, an address): one entry however it is placed. */
function sameText(a: FieldMemory, b: FieldMemory): boolean {
  // Names and addresses only: dates and amounts one digit apart are different values.
  if (a.field !== b.field || !a.shape.includes("a") || !b.shape.includes("a")) return false;
  const fa = fold(a.text);
  const fb = fold(b.text);
  // Long texts only: two dates with a month name ("10 MAR 2018", "14 MAR 2018") are as alike as a misread name.
  return Math.min(fa.length, fb.length) >= 12 && similarity(fa, fb) >= 0.85;
}

/**
 * The reviewer's case convention, where the page leaves a choice: capitals typed for a value printed
 * in mixed case ("upper"), or mixed case kept ("as-printed"). A page printed in capitals says nothing.
 */
function casingOf(given: string, printed: string): FieldMemory["casing"] {
  if (!/\p{Ll}/u.test(printed)) return undefined;
  if (!/\p{L}/u.test(given)) return undefined;
  return given === given.toUpperCase() ? "upper" : "as-printed";
}

/**
 * The text most reviewed documents gave, letters and digits compared (fold): its documents, and its spelling most of
 * them typed (ties: `latest`'s, else the first counted).
 */
export function topText(counts: Readonly<Record<string, number>>, latest: string): { top: number; text: string } {
  const groups = new Map<string, number>();
  for (const [t, n] of Object.entries(counts)) groups.set(fold(t), (groups.get(fold(t)) ?? 0) + n);
  const top = Math.max(...groups.values());
  const win = fold(latest) !== "" && groups.get(fold(latest)) === top ? fold(latest) : [...groups].find(([, n]) => n === top)![0];
  const spellings = Object.entries(counts).filter(([t]) => fold(t) === win);
  const most = Math.max(...spellings.map(([, n]) => n));
  const text = counts[latest] === most && fold(latest) === win ? latest : spellings.find(([, n]) => n === most)![0];
  return { top, text };
}

/** Same place and format: the same label (or both none) at about the same offset, the same shape. */
function samePlace(a: FieldMemory, b: FieldMemory): boolean {
  if (a.field !== b.field || a.shape !== b.shape) return false;
  if (a.label && b.label && a.offset && b.offset) {
    // Offsets in different units (one stored before `square`) compare by their rows only.
    const dx = a.offset.square === b.offset.square ? Math.min(Math.abs(a.offset.dx0 - b.offset.dx0), Math.abs(a.offset.dx1 - b.offset.dx1)) : 0;
    return similarity(a.label, b.label) >= 0.8 && Math.abs(a.offset.dy - b.offset.dy) < 1 && dx < 4;
  }
  if (a.label || b.label) return false;
  return Math.abs(a.position.cy - b.position.cy) < 0.08 && Math.min(Math.abs(a.position.x0 - b.position.x0), Math.abs(a.position.x1 - b.position.x1)) < 0.1;
}

/**
 * Add what one reviewed document taught. The same place again adds support (and a text that
 * changed stops being constant); a new place is a new entry; the least supported are dropped.
 */
export function remember(memory: SupplierMemory, learned: FieldMemory): SupplierMemory {
  const entries = memory.entries.map((e) => ({ ...e, documents: [...e.documents] }));
  // A text that differs from a remembered one only in its last printed line: one entry, the last line optional (tail.ts).
  const tailed = entries.flatMap((e, i) => {
    const m = mergeTail(e, learned);
    return m ? [{ i, m }] : [];
  })[0];
  const same = tailed ? undefined : (entries.find((e) => samePlace(e, learned)) ?? entries.find((e) => sameText(e, learned)));
  if (tailed) entries[tailed.i] = tailed.m;
  else if (same) {
    const counts = { ...textCounts(same) };
    if (!same.documents.includes(learned.documents[0]!)) {
      same.documents.push(...learned.documents);
      counts[learned.text] = (counts[learned.text] ?? 0) + 1;
      if (same.printed !== undefined || learned.printed !== undefined) same.printed = (same.printed ?? 0) + (learned.printed ?? 0);
    }
    // The text most documents gave wins (ties: the latest); a reviewer's typo on one document is outvoted by the others.
    // Spellings of one text ("MR. D. I. Y. (M)", "MR. D.I.Y. (M)": spacing, punctuation) count as one text for that vote:
    // a name two reviewers spaced differently is still the supplier's constant name, spelled as most of them spelled it.
    const { top, text } = topText(counts, learned.text);
    same.text = text;
    same.texts = counts;
    // The last printed line of the text the entry holds (a later document may differ there: tail.ts).
    if (same.text === learned.text && learned.last) same.last = learned.last;
    same.constant = top * 2 > same.documents.length;
    same.position = learned.position;
    if (learned.offset) same.offset = learned.offset;
    // A text printed over more lines on one document than another: recall looks over the most lines seen.
    same.lines = Math.max(same.lines ?? 1, learned.lines ?? 1);
    if (learned.casing) same.casing = learned.casing;
  } else entries.push(learned);
  const ofField = entries.filter((e) => e.field === learned.field).sort((a, b) => b.documents.length - a.documents.length);
  const drop = new Set(ofField.slice(MAX_PER_FIELD));
  return { ...memory, entries: entries.filter((e) => !drop.has(e)) };
}

/** Forget every entry a document taught (a reviewer's "forget this document"), or one field's entries. */
export function forget(memory: SupplierMemory, what: { documentId?: string; field?: string }): SupplierMemory {
  const entries = memory.entries
    .filter((e) => what.field === undefined || e.field !== what.field)
    .map((e) => (what.documentId ? { ...e, documents: e.documents.filter((d) => d !== what.documentId) } : e))
    .filter((e) => e.documents.length > 0);
  return { ...memory, entries };
}

/** The letterheads of this many latest reviewed documents are kept per supplier (a supplier may change its letterhead). */
const MAX_LETTERHEADS = 5;

/** Keep a reviewed document's letterhead (identity.ts), the latest first. */
export function rememberLetterhead(memory: SupplierMemory, head: string[]): SupplierMemory {
  if (head.length === 0) return memory;
  const key = head.join("\n");
  const kept = (memory.letterheads ?? []).filter((h) => h.join("\n") !== key);
  return { ...memory, letterheads: [head, ...kept].slice(0, MAX_LETTERHEADS) };
}

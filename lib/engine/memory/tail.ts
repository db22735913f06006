import type { Box, OcrPage, OcrWord } from "../types";
import { cy, height, linesOf, wordsInside } from "./page";
import { minSimilarity } from "./text";
import { type FieldMemory, fold, shapeOf, similarity } from "./types";

/**
 * A remembered text whose last printed line varies between reviewed documents: a supplier prints its address the same
 * on every document, and under it, on some documents, a line of its own (the outlet or branch the document comes from).
 * Remembered as one text with the lines every document printed it with, the entry would hold one reviewer's last line
 * and never be found again on a document of another branch. So the lines before it are the remembered text, and the
 * line after them is optional: part of the value where the latest reviewed document had one, read from the page (or
 * spelled as the reviewers spelled it where they gave that very line before).
 */

/** Folded texts at least this similar are the same lines (a reviewer's typo, a comma for a dot folds away). */
const ALIKE = 0.9;
/** The lines before a last line must be this long (folded) to be a supplier's constant text. */
const MIN_HEAD = 12;

const alike = (a: string, b: string) => {
  const fa = fold(a);
  const fb = fold(b);
  return fa === fb || (Math.min(fa.length, fb.length) >= MIN_HEAD && similarity(fa, fb) >= ALIKE);
};

/** The format of a last line, word count aside ("1934-LAMAN RIMBUNAN" and "1181-TMN SRI SINAR" alike: 9-a). */
export const lineShape = (t: string) => shapeOf(t).replace(/\s+/g, "").replace(/a+/g, "a");

/** What the words inside a box print on their last line (a multi-line value's last printed line), top to bottom. */
function lastLineWords(page: OcrPage, box: Box): OcrWord[] | undefined {
  const lines = new Map<string, OcrWord[]>();
  for (const w of wordsInside(page, box)) lines.set(w.lineId, [...(lines.get(w.lineId) ?? []), w]);
  if (lines.size < 2) return undefined;
  return [...lines.values()].sort((a, b) => Math.max(...b.map((w) => cy(w.box))) - Math.max(...a.map((w) => cy(w.box))))[0];
}

/**
 * The reviewer's words for the value's last printed line: the run of their last words most like the page's reading of
 * that line (the reviewer types a multi-line address on one line). Undefined for a value printed on one line.
 */
export function lastLineOf(given: string, page: OcrPage, box: Box): string | undefined {
  if (!/\p{L}/u.test(given) || fold(given).length < MIN_HEAD) return undefined;
  const words = lastLineWords(page, box);
  if (!words) return undefined;
  const printed = fold(words.map((w) => w.text).join(""));
  let best: { at: number; sim: number } | undefined;
  for (const m of given.matchAll(/\s+/gu)) {
    const at = m.index! + m[0].length;
    const sim = similarity(fold(given.slice(at)), printed);
    if (!best || sim > best.sim) best = { at, sim };
  }
  // A last line misread past recognition says nothing about where the reviewer's last line starts.
  if (!best || best.sim < 0.5) return undefined;
  const last = given.slice(best.at).trim();
  return headOf(given, last) ? last : undefined;
}

/** The text without its last printed line, and what the reviewer typed between them. */
function headOf(text: string, last: string | undefined): { head: string; sep: string } | undefined {
  if (!last || !text.endsWith(last) || last.length >= text.length) return undefined;
  const before = text.slice(0, text.length - last.length);
  const sep = before.match(/[\s,;]*$/u)![0];
  const head = before.slice(0, before.length - sep.length);
  return fold(head).length >= MIN_HEAD ? { head, sep: sep || " " } : undefined;
}

/** An entry's remembered lines before its optional last line, and the one a reviewed document had (if any). */
interface Parts {
  body: string;
  line?: string;
  sep?: string;
}

/**
 * The remembered text and a newly learned one as one entry with an optional last line, where they differ only there:
 * one has a last line the other has not, or both have one and the two differ. Undefined: no such relation.
 */
export function mergeTail(e: FieldMemory, l: FieldMemory): FieldMemory | undefined {
  if (e.field !== l.field || !/\p{L}/u.test(l.text) || l.documents.some((d) => e.documents.includes(d))) return undefined;
  const lh = headOf(l.text, l.last);
  let ours: Parts;
  let theirs: Parts;
  if (e.tail) {
    if (alike(l.text, e.text)) [ours, theirs] = [{ body: e.text }, { body: l.text }];
    else if (lh && alike(lh.head, e.text)) [ours, theirs] = [{ body: e.text }, { body: lh.head, line: l.last!, sep: lh.sep }];
    else return undefined;
  } else {
    const eh = headOf(e.text, e.last);
    if (lh && alike(lh.head, e.text)) [ours, theirs] = [{ body: e.text }, { body: lh.head, line: l.last!, sep: lh.sep }];
    else if (eh && alike(eh.head, l.text)) [ours, theirs] = [{ body: eh.head, line: e.last!, sep: eh.sep }, { body: l.text }];
    else if (eh && lh && alike(eh.head, lh.head) && !alike(e.last!, l.last!))
      [ours, theirs] = [
        { body: eh.head, line: e.last!, sep: eh.sep },
        { body: lh.head, line: l.last!, sep: lh.sep },
      ];
    else return undefined;
  }
  const lines: Record<string, string[]> = Object.fromEntries(Object.entries(e.tail?.lines ?? {}).map(([k, v]) => [k, [...v]]));
  if (ours.line) lines[ours.line] = [...(lines[ours.line] ?? []), ...e.documents];
  if (theirs.line) lines[theirs.line] = [...(lines[theirs.line] ?? []), ...l.documents];
  // How many reviewed documents typed each spelling of the lines before (an entry with a tail already counts bodies).
  const texts = e.tail ? { ...(e.texts ?? { [e.text]: e.documents.length }) } : { [ours.body]: e.documents.length };
  texts[theirs.body] = (texts[theirs.body] ?? 0) + 1;
  const top = Math.max(...Object.values(texts));
  const text = texts[theirs.body] === top ? theirs.body : Object.entries(texts).find(([, n]) => n === top)![0];
  const documents = [...e.documents, ...l.documents];
  // Constant while most documents gave these lines, spelling aside (a comma for a dot, spacing: the vote in recall's
  // punctuated() settles those).
  const agreeing = Object.entries(texts)
    .filter(([t]) => fold(t) === fold(text))
    .reduce((n, [, k]) => n + k, 0);
  const bodyLines = (x: FieldMemory, p: Parts) => Math.max(1, (x.lines ?? 1) - (p.line ? 1 : 0));
  const { last: _, ...rest } = l;
  return {
    ...rest,
    text,
    texts,
    constant: agreeing * 2 > documents.length,
    shape: shapeOf(text),
    words: text.split(/\s+/).filter(Boolean).length,
    lines: e.tail ? Math.max(e.lines ?? 1, bodyLines(l, theirs)) : Math.max(bodyLines(e, ours), bodyLines(l, theirs)),
    documents,
    ...(e.printed !== undefined || l.printed !== undefined ? { printed: (e.printed ?? 0) + (l.printed ?? 0) } : {}),
    tail: { lines, sep: theirs.sep ?? e.tail?.sep ?? ours.sep ?? " " },
    ...((l.casing ?? e.casing) ? { casing: l.casing ?? e.casing } : {}),
  };
}

/** The line printed right under the words (the next line down, overlapping them across, less than a line's height apart). */
function lineBelow(page: OcrPage, words: readonly OcrWord[]): OcrWord[] | undefined {
  const ids = new Set(words.map((w) => w.id));
  const bottom = Math.max(...words.map((w) => w.box.y1));
  const last = words.filter((w) => w.box.y1 > bottom - height(w.box) / 2);
  const h = Math.max(...last.map((w) => height(w.box)));
  const x0 = Math.min(...words.map((w) => w.box.x0));
  const x1 = Math.max(...words.map((w) => w.box.x1));
  let best: { line: OcrWord[]; gap: number } | undefined;
  for (const line of linesOf(page)) {
    if (line.some((w) => ids.has(w.id))) continue;
    const top = Math.min(...line.map((w) => w.box.y0));
    const gap = top - bottom;
    const over = line.some((w) => w.box.x1 > x0 && w.box.x0 < x1);
    if (!over || gap < -h / 2 || gap > h || (best && gap >= best.gap)) continue;
    best = { line, gap };
  }
  return best?.line;
}

/** The remembered text found on a page, completed with its optional last line. */
export interface Tailed {
  text: string;
  words: OcrWord[];
  /** a line the reviewers gave, printed again letter for letter (and spelled so twice, or as printed): no part of the value is the page's alone. */
  seen: boolean;
  /** the value is the remembered lines plus a line the page adds, or lacks the line the latest review had. */
  partial: boolean;
}

/**
 * Complete a remembered text found on a page (`words`) with its optional last line. Only where the latest reviewed
 * document had one: the line under the found text, spelled as the reviewers spelled it where they gave this line before (the page
 * prints it at their similarity floor), else as read when it has the format of a last line they gave (a branch code and
 * name, not the phone line that follows an address without one). Undefined: the entry has no optional last line.
 */
export function completeTail(
  page: OcrPage,
  e: FieldMemory,
  text: string,
  words: OcrWord[],
  /** the reviewers' text is the page's words as printed (recall.ts spelledAsPrinted) */
  asPrinted: (text: string, words: readonly OcrWord[]) => boolean,
): Tailed | undefined {
  if (!e.tail) return undefined;
  const docs = new Set(e.documents);
  const known = Object.entries(e.tail.lines)
    .map(([line, ds]) => ({ line, n: ds.filter((d) => docs.has(d)).length }))
    .filter((k) => k.n > 0);
  // The latest review decides whether the line is part of the value: whether to type the outlet is a reviewer's
  // convention, and a convention changes (reviewers who typed it on their first documents and stopped since).
  const latest = e.documents[e.documents.length - 1];
  if (!Object.values(e.tail.lines).some((ds) => ds.includes(latest!))) return { text, words, seen: false, partial: false };
  const next = lineBelow(page, words);
  const read = next?.map((w) => w.text).join(" ") ?? "";
  const seen = known
    .map((k) => ({ ...k, sim: similarity(fold(k.line), fold(read)) }))
    .filter((k) => k.sim >= minSimilarity(fold(k.line).length))
    .sort((a, b) => b.sim - a.sim || b.n - a.n)[0];
  const sep = e.tail.sep;
  // Letter for letter, and given by two reviews or spelled as printed: the same rule as the remembered lines' (recall.ts).
  if (next && seen)
    return {
      text: text + sep + seen.line,
      words: [...words, ...next],
      seen: seen.sim === 1 && (seen.n >= 2 || asPrinted(seen.line, next)),
      partial: seen.sim < 1,
    };
  if (next && fold(read).length > 0 && known.some((k) => lineShape(k.line) === lineShape(read)))
    return { text: text + sep + read, words: [...words, ...next], seen: false, partial: true };
  return { text, words, seen: false, partial: true };
}

/** Below this similarity to the remembered last line, the page's last line there is another text (another branch). */
const OTHER_LINE = 0.5;

/**
 * A text one reviewed document gave with a last line (`last`), found on a page whose last line there is another (the
 * text found at the misread floor over a different branch line): the remembered lines before it, and the page's own last
 * line as read, never the remembered one the page does not print. Undefined: the last line is printed again (or unknown).
 */
export function otherLastLine(e: FieldMemory, words: OcrWord[]): Tailed | undefined {
  const h = e.tail ? undefined : headOf(e.text, e.last);
  if (!h || words.length === 0) return undefined;
  // The found words come line by line (text.ts findText): the last one is on the last line. Only the found words of
  // that line: the page's line may go on into another column (a logo, a second block).
  const last = words[words.length - 1]!;
  const line = words.filter((w) => w.lineId === last.lineId);
  const read = line.map((w) => w.text).join(" ");
  // A misread letter or two is the same line (memory proposes the reviewer's spelling); half the letters apart, another.
  if (similarity(fold(read), fold(e.last!)) >= OTHER_LINE) return undefined;
  const ids = new Set(line.map((w) => w.id));
  return { text: h.head + h.sep + read, words: [...words.filter((w) => !ids.has(w.id)), ...line], seen: false, partial: true };
}

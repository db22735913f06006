import { matchValue } from "../match";
import type { Box, OcrPage, OcrWord } from "../types";
import { type FieldMemory, fold, shapeOf, similarity, type SupplierMemory } from "./types";
import { cy, height, linesOf, spanBox } from "./page";

/** At most this many places are remembered per field and supplier (the most supported win). */
const MAX_PER_FIELD = 3;

/** Words that share the value's row and lie left of it, nearest last. */
function leftLabel(page: OcrPage, box: Box): OcrWord[] {
  const h = height(box);
  const row = page.words.filter((w) => Math.abs(cy(w.box) - cy(box)) < h * 0.6 && w.box.x1 <= box.x0 + h * 0.3).sort((a, b) => a.box.x0 - b.box.x0);
  const near = row.slice(-3);
  return near.some((w) => /\p{L}/u.test(w.text)) ? near : [];
}

/** The nearest line above the value whose words overlap it horizontally. */
function aboveLabel(page: OcrPage, box: Box): OcrWord[] {
  const h = height(box);
  let best: OcrWord[] = [];
  let bestGap = Number.POSITIVE_INFINITY;
  for (const line of linesOf(page)) {
    const ws = line.filter((w) => w.box.x1 > box.x0 - h && w.box.x0 < box.x1 + h);
    if (ws.length === 0 || !ws.some((w) => /\p{L}/u.test(w.text))) continue;
    const gap = box.y0 - spanBox(ws).y1;
    if (gap < -h * 0.2 || gap > h * 2.5 || gap >= bestGap) continue;
    best = ws.slice(0, 3);
    bestGap = gap;
  }
  return best;
}

/** How many of the page's words have their centre inside the box. */
function wordsIn(page: OcrPage, box: Box): number {
  return page.words.filter((w) => {
    const x = (w.box.x0 + w.box.x1) / 2;
    const y = cy(w.box);
    return x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1;
  }).length;
}

/**
 * Where and how a reviewed value is printed: located on the page by the matcher (a value the
 * page does not hold teaches nothing), with its label, offset, position and format.
 */
export function learnField(pages: OcrPage[], field: string, text: string, pageHint: number, documentId: string): FieldMemory | null {
  if (fold(text).length === 0) return null;
  const { value, info } = matchValue(pages, { text, page: pageHint });
  if (!info.located || !info.box || value.page === null || value.match_ratio < 0.8) return null;
  const page = pages[value.page]!;
  const box = info.box;
  const labelWords = leftLabel(page, box).length > 0 ? leftLabel(page, box) : aboveLabel(page, box);
  const label = labelWords.length > 0 ? spanBox(labelWords) : null;
  const printed = value.value ?? text;
  return {
    field,
    text: printed,
    constant: true,
    shape: shapeOf(printed),
    label: label ? fold(labelWords.map((w) => w.text).join(" ")) || null : null,
    offset: label ? { dx0: (box.x0 - label.x0) / height(label), dx1: (box.x1 - label.x1) / height(label), dy: (cy(box) - cy(label)) / height(label) } : null,
    position: { x0: box.x0 / page.width, x1: box.x1 / page.width, cy: cy(box) / page.height },
    // OCR words, not spaces: scripts without spaces between words (Japanese) come in several OCR words per value.
    words: Math.max(printed.split(/\s+/).filter(Boolean).length, wordsIn(page, box)),
    documents: [documentId],
  };
}

/** Same place and format: the same label (or both none) at about the same offset, the same shape. */
function samePlace(a: FieldMemory, b: FieldMemory): boolean {
  if (a.field !== b.field || a.shape !== b.shape) return false;
  if (a.label && b.label && a.offset && b.offset) {
    return (
      similarity(a.label, b.label) >= 0.8 &&
      Math.abs(a.offset.dy - b.offset.dy) < 1 &&
      Math.min(Math.abs(a.offset.dx0 - b.offset.dx0), Math.abs(a.offset.dx1 - b.offset.dx1)) < 4
    );
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
  const same = entries.find((e) => samePlace(e, learned));
  if (same) {
    if (!same.documents.includes(learned.documents[0]!)) same.documents.push(...learned.documents);
    same.constant = same.constant && fold(same.text) === fold(learned.text);
    same.text = learned.text;
    same.position = learned.position;
    if (learned.offset) same.offset = learned.offset;
  } else entries.push(learned);
  const ofField = entries.filter((e) => e.field === learned.field).sort((a, b) => b.documents.length - a.documents.length);
  const drop = new Set(ofField.slice(MAX_PER_FIELD));
  return { entries: entries.filter((e) => !drop.has(e)) };
}

/** Forget every entry a document taught (a reviewer's "forget this document"), or one field's entries. */
export function forget(memory: SupplierMemory, what: { documentId?: string; field?: string }): SupplierMemory {
  const entries = memory.entries
    .filter((e) => what.field === undefined || e.field !== what.field)
    .map((e) => (what.documentId ? { ...e, documents: e.documents.filter((d) => d !== what.documentId) } : e))
    .filter((e) => e.documents.length > 0);
  return { entries };
}

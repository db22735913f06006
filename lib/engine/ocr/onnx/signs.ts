/**
 * A sign beside a number the recogniser did not read. PP-OCR's dictionary has no £, €, ₹ (and the CTC decoder
 * drops a glyph it has no class for, leaving blank steps): "£85.90" came out "85.90", silently. A glyph-sized blob of
 * ink next to a digit that no decoded character's peak falls on is such a sign; the caller then reads the page with
 * a reader that has the sign (tesseract).
 */
import { inkRows } from "./ink";
import type { ReadLine } from "./page";

/** Glyph-sized: an unexplained blob at least this share of the line's ink height wide and this share high. */
const MIN_WIDTH = 0.3;
const MIN_HEIGHT = 0.5;
/** Next to the number: at most this share of the ink height between the blob and the digit's blob. */
const MAX_GAP = 0.6;
/** Starts a word: at least this share of the ink height of blank columns between it and the ink before it. */
const WORD_GAP = 0.4;
/** A peak this share of the ink height outside a blob still explains it (peaks sit near a glyph's centre). */
const PEAK_TOLERANCE = 0.15;

interface Blob {
  c0: number;
  c1: number;
  r0: number;
  r1: number;
  /** indices into the line's chars of those whose peaks fall on it. */
  chars: number[];
}

/** The ink blobs of a line (runs of inked columns within its ink band), each with the characters whose peaks fall on it. */
export function inkBlobs(line: ReadLine): { blobs: Blob[]; bandHeight: number } | null {
  const ink = line.ink;
  const band = ink ? inkRows(ink, 0, 1) : null;
  if (!ink || !band) return null;
  const [b0, b1] = [Math.round(band.v0 * ink.height), Math.round(band.v1 * ink.height)];
  const blobs: Blob[] = [];
  let cur: Blob | null = null;
  for (let u = 0; u <= ink.width; u++) {
    let top = -1;
    let bottom = -1;
    for (let v = b0; u < ink.width && v < b1; v++) {
      if (ink.mask[v * ink.width + u]) {
        if (top < 0) top = v;
        bottom = v + 1;
      }
    }
    if (top >= 0 && cur) {
      cur.c1 = u + 1;
      cur.r0 = Math.min(cur.r0, top);
      cur.r1 = Math.max(cur.r1, bottom);
    } else if (top >= 0) cur = { c0: u, c1: u + 1, r0: top, r1: bottom, chars: [] };
    else if (cur) {
      blobs.push(cur);
      cur = null;
    }
  }
  const bandHeight = b1 - b0;
  const tol = PEAK_TOLERANCE * bandHeight;
  for (const [k, c] of line.chars.entries()) {
    if (c.peak === undefined || !c.text.trim()) continue;
    const x = c.peak * ink.width;
    let nearest: Blob | null = null;
    let dist = tol;
    for (const b of blobs) {
      const d = x < b.c0 ? b.c0 - x : x > b.c1 ? x - b.c1 : 0;
      if (d <= dist) [nearest, dist] = [b, d];
    }
    nearest?.chars.push(k);
  }
  return { blobs, bandHeight };
}

/** A money amount as printed after its currency sign ("85.90", "1,234.50"). */
const AMOUNT = /^\d[\d,.]*[.,]\d{2}$/;

/**
 * A pound sign the recogniser read as the letter it looks like: "£85.90" comes out "f85.90" (the dictionary has no
 * £, and its "f" is the nearest class; the glyph is explained, so unreadSignByNumber sees nothing). An "f" right before
 * an amount is no English word: after a lowercase letter it ends one ("of12.50", not a sign), after a capital it is a
 * sign run into its label ("TOTALf85.90").
 */
const SIGN_AS_LETTER = /(?:^|[^a-z])f ?\d[\d,.]*[.,]\d{2}(?!\d)/;

/** Whether the line reads a currency sign as a letter right before an amount ("f85.90", "TOTAL f 85.90"). */
export function signReadAsLetter(line: ReadLine): boolean {
  return SIGN_AS_LETTER.test(line.chars.map((c) => c.text).join(""));
}

/**
 * Whether the line holds a glyph-sized blob no character explains that starts a word and is followed at once by an
 * amount ("£85.90" read "85.90"): a currency sign the dictionary lacks. A blob that is a broken glyph's piece or a
 * sign inside a word ("28/12" with the "/" peak on the "2") is not one: it must stand apart from the ink before it.
 */
export function unreadSignByNumber(line: ReadLine): boolean {
  const found = inkBlobs(line);
  if (!found) return false;
  const { blobs, bandHeight: h } = found;
  for (let i = 0; i < blobs.length; i++) {
    const b = blobs[i]!;
    if (b.chars.length > 0 || b.c1 - b.c0 < MIN_WIDTH * h || b.r1 - b.r0 < MIN_HEIGHT * h) continue;
    const [left, right] = [blobs[i - 1], blobs[i + 1]];
    if (left && b.c0 - left.c1 < WORD_GAP * h) continue;
    const first = right?.chars[0];
    if (!right || first === undefined || right.c0 - b.c1 > MAX_GAP * h) continue;
    // The word the amount is: from the first character on the blob's right neighbour to the next space.
    let word = "";
    for (let k = first; k < line.chars.length && line.chars[k]!.text.trim(); k++) word += line.chars[k]!.text;
    if (AMOUNT.test(word)) return true;
  }
  return false;
}

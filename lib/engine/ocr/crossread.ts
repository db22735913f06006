/**
 * A second, independent reading of a few boxes of a page: the value's words, line by line,
 * recognised again by the PP-OCR line recogniser on a crop (no detection, no page pass), so a
 * word tesseract read can be checked by a reader with another model and another failure mode.
 * Two readers agreeing letter for letter on the same ink rarely both misread it; a disagreement
 * is a doubt. The risk stage uses the agreement as a feature (cross-read/); the vendor repair can
 * use the per-character readings. Cost: one recogniser run per line crop (no detector).
 *
 * Interface (for any caller):
 *   regionOf(page, box)        pure: the words of `page` inside `box` (0–1000 grid) as line quads + their first reading
 *   crossReadRegions(r, img, page, regions)   shell: each region read again → CrossReading | null
 *   readingsAgree(first, second, blind)        pure: letter-for-letter agreement (spaces and width ignored)
 */
import type { Box, OcrPage, OcrWord, Point, Quad } from "../types";

/** A region to read again: one quad per printed line (0–1000 grid) and the page's own reading of it. */
export interface CrossRegion {
  /** tl, tr, br, bl along the text, one per line of the value, on the page's 0–1000 grid. */
  lines: Quad[];
  /** the first reading of the same words, lines joined by "\n". */
  first: string;
}

/** One region's second reading. */
export interface CrossReading {
  /** the second reader's text, lines joined by "\n". */
  text: string;
  /** mean character confidence, 0–1. */
  conf: number;
  /** characters of `first` the second reader cannot produce (its dictionary lacks them): wildcards when comparing. */
  blind: string;
  /** per line, each character with its confidence (letter-level repair). */
  chars: { text: string; conf: number }[][];
  reader: "onnx";
}

/** What crossReadRegions needs of a line recogniser (the ONNX reader has it). */
export interface LineReader {
  readLines(img: { png: Buffer; width: number; height: number }, quads: Quad[]): Promise<{ text: string; conf: number }[][]>;
  charset(): Promise<ReadonlySet<string>>;
}

const centre = (b: Box): Point => ({ x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2 });
const inside = (p: Point, b: Box) => p.x >= b.x0 && p.x <= b.x1 && p.y >= b.y0 && p.y <= b.y1;

/**
 * The words of `page` whose centre lies in `box` (grid), grouped by OCR line in reading
 * order; each line becomes one quad from its first word's left edge to its last word's right
 * edge. Null when no word lies there.
 */
export function regionOf(page: OcrPage, box: Box): CrossRegion | null {
  const slack = 2;
  const b = { x0: box.x0 - slack, y0: box.y0 - slack, x1: box.x1 + slack, y1: box.y1 + slack };
  const byLine = new Map<string, OcrWord[]>();
  for (const w of page.words) {
    if (!w.text.trim() || !inside(centre(w.box), b)) continue;
    byLine.set(w.lineId, [...(byLine.get(w.lineId) ?? []), w]);
  }
  if (byLine.size === 0) return null;
  const lines: Quad[] = [];
  const texts: string[] = [];
  for (const words of byLine.values()) {
    const first = words[0]!;
    const last = words[words.length - 1]!;
    lines.push([first.quad[0], last.quad[1], last.quad[2], first.quad[3]]);
    texts.push(words.map((w) => w.text).join(" "));
  }
  return { lines, first: texts.join("\n") };
}

/**
 * A line quad (grid) → image pixels, grown so the recogniser sees the margin it was trained
 * with: PP-OCR's detector hands it boxes grown by about half a text height around the ink,
 * and a crop cut at the glyphs loses the first and last letters.
 */
function toPixels(q: Quad, width: number, height: number): Quad {
  const px = q.map((p) => ({ x: (p.x / 1000) * width, y: (p.y / 1000) * height })) as Quad;
  const [tl, tr, br, bl] = px;
  const len = Math.hypot(tr.x - tl.x, tr.y - tl.y) || 1;
  const h = Math.hypot(bl.x - tl.x, bl.y - tl.y) || 1;
  const ux = (tr.x - tl.x) / len;
  const uy = (tr.y - tl.y) / len;
  const vx = (bl.x - tl.x) / h;
  const vy = (bl.y - tl.y) / h;
  const a = 0.45 * h;
  const c = 0.3 * h;
  const at = (p: Point, su: number, sv: number): Point => ({ x: p.x + su * a * ux + sv * c * vx, y: p.y + su * a * uy + sv * c * vy });
  return [at(tl, -1, -1), at(tr, 1, -1), at(br, 1, 1), at(bl, -1, 1)];
}

/** Read each region again with the line recogniser (one run per line); null where nothing was read. */
export async function crossReadRegions(
  reader: LineReader,
  img: { png: Buffer; width: number; height: number },
  regions: CrossRegion[],
): Promise<(CrossReading | null)[]> {
  const quads = regions.flatMap((r) => r.lines.map((q) => toPixels(q, img.width, img.height)));
  if (quads.length === 0) return regions.map(() => null);
  const read = await reader.readLines(img, quads);
  const charset = await reader.charset();
  const out: (CrossReading | null)[] = [];
  let k = 0;
  for (const r of regions) {
    const lines = read.slice(k, k + r.lines.length).map((l) => l.map((c) => ({ text: c.text, conf: Math.round(c.conf * 1000) / 1000 })));
    k += r.lines.length;
    const n = lines.reduce((s, l) => s + l.length, 0);
    if (n === 0) {
      out.push(null);
      continue;
    }
    const blind = [...new Set([...r.first.normalize("NFKC")].filter((ch) => ch.trim() && !charset.has(ch)))].join("");
    out.push({
      text: lines.map((l) => l.map((c) => c.text).join("")).join("\n"),
      conf: Math.round((lines.flat().reduce((s, c) => s + c.conf, 0) / n) * 1000) / 1000,
      blind,
      chars: lines,
      reader: "onnx",
    });
  }
  return out;
}

/**
 * Text compared across readers: compatibility forms folded (full-width, ligatures), no spaces,
 * and no signs at either end — the crop's margin catches or drops a neighbouring ":" or "|"
 * by a pixel, which says nothing about the value's own characters.
 */
const key = (s: string) => [
  ...s
    .normalize("NFKC")
    .replace(/\s+/gu, "")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""),
];

/**
 * Whether two readings say the same letter for letter (spaces, width and signs at the ends ignored);
 * a character of `first` in `blind` (one the second reader cannot produce) matches any one
 * character or none. `distance` is the edit distance under the same rule.
 */
export function readingsAgree(first: string, second: string, blind = ""): { agree: boolean; distance: number } {
  const a = key(first);
  const b = key(second);
  const free = new Set(key(blind));
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const wild = free.has(a[i - 1]!);
    const cur = [prev[0]! + (wild ? 0 : 1)];
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (wild || a[i - 1] === b[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, prev[j]! + (wild ? 0 : 1), cur[j - 1]! + 1);
    }
    prev = cur;
  }
  const distance = prev[b.length]!;
  return { agree: distance === 0 && a.length > 0, distance };
}

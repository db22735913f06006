/**
 * OcrPage from a PDF text layer: exact text, no OCR. Character boxes are interpolated
 * from the run's box in proportion to estimated glyph widths.
 */
import type { Box, OcrLine, OcrPage, OcrSymbol, OcrWord, Quad, TextLayerItem, TextLayerPage } from "../types";
import { boxToQuad, unionBox } from "./geometry";

/**
 * Advance widths of printable ASCII (0x20–0x7E) in thousandths of an em: Helvetica's, the
 * proportions most sans and many serif faces share. Only ratios within one run matter (the
 * run's width is known), so one face's table places word starts inside long runs
 * ("Payment terms: Net 15") far closer than width classes do.
 */
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584,
  556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278,
  469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260,
  334, 584,
];

/** Relative advance width of a character in ems (font-independent estimate). */
export function charWidthEm(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  // CJK, kana, full-width forms and Hangul are square.
  if (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff01 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6)
  ) {
    return 1;
  }
  if (cp >= 0x20 && cp <= 0x7e) return (ASCII_WIDTHS[cp - 0x20] ?? 556) / 1000;
  if (ch === "\u00a0") return 0.278;
  if (ch === "\u202f" || ch === "\u2009") return 0.2;
  // Accented Latin letters advance like their base letter (é like e, Ä like A).
  const base = ch.normalize("NFD").codePointAt(0) ?? 0;
  if (base !== cp && base >= 0x20 && base <= 0x7e) return (ASCII_WIDTHS[base - 0x20] ?? 556) / 1000;
  if (ch === "ß") return 0.611;
  return 0.556;
}

/** Share of characters that look like real text; garbage ToUnicode maps score low. */
export function textQuality(text: string): { chars: number; good: number; bad: number } {
  let chars = 0;
  let good = 0;
  let bad = 0;
  for (const ch of text) {
    if (/\s/u.test(ch)) continue;
    chars++;
    if (/[\p{L}\p{N}]/u.test(ch)) good++;
    else if (/[\p{Co}\p{Cc}\p{Cs}\uFFFD]/u.test(ch)) bad++;
  }
  return { chars, good, bad };
}

interface Run {
  item: TextLayerItem;
  cy: number;
}

/**
 * Group runs into visual lines: overlapping vertically, horizontally close and in the page's
 * usual direction — a tilted stamp or watermark run crossing a table row is a line of its
 * own, or the row would take its tilt.
 */
function groupLines(items: TextLayerItem[]): TextLayerItem[][] {
  const runs: Run[] = items.map((item) => ({ item, cy: item.y + item.height / 2 }));
  runs.sort((a, b) => a.cy - b.cy || a.item.x - b.item.x);
  const bands: Run[][] = [];
  const tilted: Run[][] = [];
  const angles = items.map((it) => it.angle ?? 0).sort((a, b) => a - b);
  const usual = angles[Math.floor(angles.length / 2)] ?? 0;
  for (const run of runs) {
    if (Math.abs((run.item.angle ?? 0) - usual) >= 0.5) {
      tilted.push([run]);
      continue;
    }
    const band = bands.at(-1);
    const ref = band?.[0];
    if (band && ref && Math.abs(run.cy - ref.cy) < 0.5 * Math.min(run.item.height, ref.item.height)) {
      band.push(run);
    } else {
      bands.push([run]);
    }
  }
  // Tilted runs keep their reading position among the horizontal lines.
  bands.push(...tilted);
  bands.sort((a, b) => a[0]!.cy - b[0]!.cy);
  const lines: TextLayerItem[][] = [];
  for (const band of bands) {
    band.sort((a, b) => a.item.x - b.item.x);
    let current: TextLayerItem[] = [];
    let right = Number.NEGATIVE_INFINITY;
    for (const { item } of band) {
      // A wide gap separates columns: start a new line so columns do not interleave words.
      if (current.length > 0 && item.x - right > 2.5 * item.height) {
        lines.push(current);
        current = [];
      }
      current.push(item);
      right = Math.max(right, item.x + item.width);
    }
    if (current.length > 0) lines.push(current);
  }
  return lines;
}

/**
 * CJK fonts often map ideographs to look-alike Kangxi/CJK radicals in their ToUnicode
 * table (谷 → ⾕ U+2F95): fold those back, leaving everything else verbatim.
 */
export function foldRadicals(text: string): string {
  return text.replace(/[\u2e80-\u2fdf]/gu, (ch) => ch.normalize("NFKC"));
}

/** Build an OcrPage from a text layer; null when the layer is missing or garbage. */
export function pageFromTextLayer(page: TextLayerPage, index: number): OcrPage | null {
  const items = page.items.filter((it) => it.text.trim() !== "" && it.width > 0 && it.height > 0).map((it) => ({ ...it, text: foldRadicals(it.text) }));
  if (items.length === 0 || page.width <= 0 || page.height <= 0) return null;
  const q = textQuality(items.map((it) => it.text).join(""));
  if (q.chars < 3 || q.bad / q.chars > 0.1 || q.good / q.chars < 0.5) return null;

  const sx = 1000 / page.width;
  const sy = 1000 / page.height;
  const words: OcrWord[] = [];
  const lines: OcrLine[] = [];
  for (const lineItems of groupLines(items)) {
    const lineId = `l${lines.length}`;
    const wordIds: string[] = [];
    let angleSum = 0;
    for (const item of lineItems) {
      for (const w of splitItem(item, sx, sy)) {
        const id = `w${words.length}`;
        words.push({ ...w, id, lineId });
        wordIds.push(id);
      }
      angleSum += item.angle ?? 0;
    }
    if (wordIds.length === 0) continue;
    const lineWords = words.slice(words.length - wordIds.length);
    lines.push({
      id: lineId,
      wordIds,
      box: unionBox(lineWords.map((w) => w.box)),
      angle: angleSum / lineItems.length,
    });
  }
  return {
    index,
    width: page.width,
    height: page.height,
    rotation: 0,
    skew: 0,
    language: "textlayer",
    source: "textlayer",
    words,
    lines,
  };
}

/** Split a run on whitespace into words with interpolated symbol boxes (grid units). */
function splitItem(item: TextLayerItem, sx: number, sy: number): Omit<OcrWord, "id" | "lineId">[] {
  const chars = Array.from(item.text);
  const widths = chars.map(charWidthEm);
  const total = widths.reduce((s, w) => s + w, 0) || 1;
  const angle = ((item.angle ?? 0) * Math.PI) / 180;
  const vertical = Math.abs(Math.sin(angle)) > 0.7;
  // Advance along the run's long axis; a vertical run advances down (or up) the page.
  const along = vertical ? item.height : item.width;
  const reversed = vertical ? Math.sin(angle) < 0 : Math.cos(angle) < 0;
  const out: Omit<OcrWord, "id" | "lineId">[] = [];
  let symbols: OcrSymbol[] = [];
  let text = "";
  let pos = 0;
  const flush = () => {
    if (symbols.length === 0) return;
    const box = unionBox(symbols.map((s) => s.box));
    out.push({ text, box, quad: boxToQuad(box) as Quad, conf: 1, symbols });
    symbols = [];
    text = "";
  };
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? "";
    const w = ((widths[i] ?? 0) / total) * along;
    if (/\s/u.test(ch)) {
      flush();
    } else {
      const a = reversed ? along - pos - w : pos;
      const px: Box = vertical
        ? { x0: item.x, y0: item.y + a, x1: item.x + item.width, y1: item.y + a + w }
        : { x0: item.x + a, y0: item.y, x1: item.x + a + w, y1: item.y + item.height };
      symbols.push({
        text: ch,
        box: { x0: px.x0 * sx, y0: px.y0 * sy, x1: px.x1 * sx, y1: px.y1 * sy },
        conf: 1,
        interpolated: true,
      });
      text += ch;
    }
    pos += w;
  }
  flush();
  return out;
}

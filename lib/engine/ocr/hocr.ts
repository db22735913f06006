/**
 * Tesseract's hOCR (with `hocr_char_boxes=1`) → the block tree tesseract.js returns, so a
 * native `tesseract` binary's output goes through the same converter (convert.ts).
 */
import type { TessBlock, TessBox, TessLine, TessWord } from "./convert";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/giu, (m, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e] ?? m;
  });
}

function numbers(title: string, key: string): number[] | null {
  const m = new RegExp(`(?:^|;)\\s*${key}\\s+([-\\d.\\s]+)`, "u").exec(title);
  return m ? m[1]!.trim().split(/\s+/u).map(Number) : null;
}

function box(title: string, key = "bbox"): TessBox {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = numbers(title, key) ?? [];
  return { x0, y0, x1, y1 };
}

const LINE_CLASSES = new Set(["ocr_line", "ocr_textfloat", "ocr_header", "ocr_caption"]);
const ELEMENT = /<(?:div|p|span)\s+class='(\w+)'[^>]*?title=(["'])(.*?)\2[^>]*>(?:([^<]*)<\/span>)?/gu;

/**
 * Parse one hOCR page. Line baselines ("baseline slope offset", relative to the line box's
 * bottom-left corner) become the two end points tesseract.js reports.
 */
export function blocksFromHocr(hocr: string): { blocks: TessBlock[]; text: string } {
  const blocks: TessBlock[] = [];
  let line: TessLine | null = null;
  let word: TessWord | null = null;
  const block = () => {
    if (blocks.length === 0) blocks.push({ paragraphs: [] });
    return blocks.at(-1)!;
  };
  const para = () => {
    const b = block();
    if (b.paragraphs.length === 0) b.paragraphs.push({ lines: [] });
    return b.paragraphs.at(-1)!;
  };
  for (const m of hocr.matchAll(ELEMENT)) {
    const [, cls = "", , title = "", inner] = m;
    if (cls === "ocr_carea") blocks.push({ paragraphs: [] });
    else if (cls === "ocr_par") block().paragraphs.push({ lines: [] });
    else if (LINE_CLASSES.has(cls)) {
      const bbox = box(title);
      const [slope = 0, offset = 0] = numbers(title, "baseline") ?? [];
      const y0 = bbox.y1 + offset;
      line = { bbox, baseline: { x0: bbox.x0, y0, x1: bbox.x1, y1: y0 + slope * (bbox.x1 - bbox.x0) }, words: [] };
      para().lines.push(line);
    } else if (cls === "ocrx_word" && line) {
      word = { text: "", confidence: numbers(title, "x_wconf")?.[0] ?? 0, bbox: box(title), symbols: [] };
      line.words.push(word);
    } else if (cls === "ocrx_cinfo" && word && inner !== undefined) {
      const text = decode(inner);
      word.text += text;
      word.symbols.push({ text, confidence: numbers(title, "x_conf")?.[0] ?? word.confidence, bbox: box(title, "x_bboxes") });
    }
  }
  const text = blocks.flatMap((b) => b.paragraphs.flatMap((p) => p.lines.map((l) => l.words.map((w) => w.text).join(" ")))).join("\n");
  return { blocks, text };
}

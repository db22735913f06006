/**
 * The vendor's line read twice (data in: the OCR'd pages, their images and the first result;
 * data out: the pages with the vendor's words repaired letter by letter, and whether the two
 * readers agreed on them). A shop's name has no arithmetic behind it and about half the wrong
 * receipt vendors are misread letters in the right line ("TKANO HANDEL", "AEDN CO."): the
 * PP-OCR line recogniser reads the same ink with another model, and fuse-line.ts combines
 * both readings. The caller extracts again from the repaired pages; the disagreement is a
 * risk signal (xr_differ) and, when letters stay in doubt, an OCR issue shown in review.
 */
import type { RawExtraction } from "../extract/types";
import type { MatchInfos } from "../match";
import { readingsAgree, regionOf } from "../ocr/crossread";
import type { Img, OcrAdapter } from "../read";
import { capitalName } from "../templates/legal-forms";
import { fieldHints } from "../templates/lexicon";
import words from "../templates/lexicon/company-words.json";
import forms from "../templates/lexicon/legal-forms.json";
import type { Box, FieldResult, FieldSpec, OcrPage, OcrSymbol, OcrWord } from "../types";
import { isArrayValue } from "../types";
import { DEFAULT_FUSE, type FuseParams, fuseLine, vocabKey } from "./fuse-line";
import type { CrossAgreement, CrossAgreements } from "./index";

/** Company-name words by vocabKey: every word of every legal form, and the trade words of many languages (data). */
export const COMPANY_VOCAB: ReadonlySet<string> = new Set(
  [...forms.exact, ...forms.any, ...Object.entries(words).flatMap(([k, v]) => (k.startsWith("_") ? [] : (v as string[])))]
    .flatMap((f) => [f, ...f.split(/[\s/]+/)])
    .map(vocabKey)
    .filter((k) => k.length >= 2),
);

/** What the re-read of one vendor value found (diagnostics, the bench's `--vendor-readings`). */
export interface VendorReread {
  path: string;
  first: string;
  second: string;
  fused: string;
  /** the words with their confidences and the second reader's characters (fitting the fusion offline). */
  detail: { words: { text: string; confs: number[] }[][]; chars: { text: string; conf: number }[][] };
}

/** The fields that hold the issuer's name. */
const vendorFields = (fields: FieldSpec[]) =>
  fields.filter((f) => f.type === "string" && fieldHints[f.name]?.role === "vendor" && fieldHints[f.name]?.kind === "name");

const centre = (b: Box) => ({ x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2 });

/** The words regionOf reads for `box`, grouped by line in the same order. */
function regionWords(page: OcrPage, box: Box): OcrWord[][] {
  const b = { x0: box.x0 - 2, y0: box.y0 - 2, x1: box.x1 + 2, y1: box.y1 + 2 };
  const byLine = new Map<string, OcrWord[]>();
  for (const w of page.words) {
    const c = centre(w.box);
    if (!w.text.trim() || c.x < b.x0 || c.x > b.x1 || c.y < b.y0 || c.y > b.y1) continue;
    byLine.set(w.lineId, [...(byLine.get(w.lineId) ?? []), w]);
  }
  return [...byLine.values()];
}

/** One confidence per character of a word: its symbols' when they spell it, else the word's. */
const confsOf = (w: OcrWord) =>
  w.symbols.map((s) => s.text).join("") === w.text && w.symbols.length === [...w.text].length ? w.symbols.map((s) => s.conf) : [...w.text].map(() => w.conf);

/** A word given a new text: its symbols spread evenly over its box (marked interpolated). */
function retext(w: OcrWord, text: string): OcrWord {
  const chars = [...text];
  const step = (w.box.x1 - w.box.x0) / Math.max(1, chars.length);
  const symbols: OcrSymbol[] = chars.map((ch, i) => ({
    text: ch,
    box: { x0: w.box.x0 + i * step, y0: w.box.y0, x1: w.box.x0 + (i + 1) * step, y1: w.box.y1 },
    conf: w.conf,
    interpolated: true,
  }));
  return { ...w, text, symbols };
}

/** The page with words given new texts; a word given "" is joined to the word before it on its line. */
function repaired(page: OcrPage, fixes: Map<string, string>): OcrPage {
  const gone = new Set([...fixes].filter(([, t]) => t === "").map(([id]) => id));
  const words: OcrWord[] = [];
  for (const w of page.words) {
    const prev = words[words.length - 1];
    if (gone.has(w.id) && prev && prev.lineId === w.lineId) {
      const box = {
        x0: Math.min(prev.box.x0, w.box.x0),
        y0: Math.min(prev.box.y0, w.box.y0),
        x1: Math.max(prev.box.x1, w.box.x1),
        y1: Math.max(prev.box.y1, w.box.y1),
      };
      words[words.length - 1] = retext({ ...prev, box, quad: [prev.quad[0], w.quad[1], w.quad[2], prev.quad[3]] }, prev.text);
      continue;
    }
    const t = fixes.get(w.id);
    words.push(t ? retext(w, t) : w);
  }
  const kept = new Set(words.map((w) => w.id));
  return { ...page, words, lines: page.lines.map((l) => ({ ...l, wordIds: l.wordIds.filter((id) => kept.has(id)) })) };
}

/** The stage's result. */
export interface VendorRereadResult {
  pages: OcrPage[];
  /** at least one word was changed: extract again from `pages`. */
  changed: boolean;
  /** the two readers' agreement on each vendor value's first reading (a risk signal). */
  cross: CrossAgreements;
}

/** Re-read each located vendor value of a tesseract page with the adapter's second reader and repair its words. */
export async function rereadVendor(
  adapter: OcrAdapter,
  images: (Img | undefined)[],
  pages: OcrPage[],
  fields: FieldSpec[],
  data: Record<string, FieldResult>,
  _raw: RawExtraction,
  info: MatchInfos,
  opts: { params?: FuseParams; onReread?: (r: VendorReread) => void } = {},
): Promise<VendorRereadResult> {
  const out = [...pages];
  const cross: CrossAgreements = {};
  let changed = false;
  if (!adapter.crossRead) return { pages, changed, cross };
  for (const f of vendorFields(fields)) {
    const fv = data[f.name];
    const box = info[f.name]?.box;
    if (!fv || isArrayValue(fv) || fv.value === null || fv.page === null || !box) continue;
    const page = out[fv.page];
    const img = images[fv.page];
    if (!page || !img || page.source !== "tesseract") continue;
    const region = regionOf(page, box);
    const lines = regionWords(page, box);
    if (!region || lines.length !== region.lines.length) continue;
    const [reading] = await adapter.crossRead(img, page, [region]);
    if (!reading) continue;
    cross[f.name] = { ...readingsAgree(region.first, reading.text, reading.blind), text: reading.text };
    const fixes = new Map<string, string>();
    // a name in capitals closed by its legal form: a digit the first reader read among its letters may be a capital
    const name = capitalName(fv.value);
    let restored = 0;
    lines.forEach((ws, li) => {
      const fused = fuseLine(
        ws.map((w) => ({ text: w.text, confs: confsOf(w) })),
        reading.chars[li] ?? [],
        COMPANY_VOCAB,
        opts.params ?? DEFAULT_FUSE,
        undefined,
        name,
      );
      restored += fused.restored;
      fused.words.forEach((t, k) => {
        const w = ws[k]!;
        if (t !== w.text) fixes.set(w.id, t);
      });
    });
    opts.onReread?.({
      path: f.name,
      first: region.first,
      second: reading.text,
      fused: lines
        .map((ws) =>
          ws
            .map((w) => fixes.get(w.id) ?? w.text)
            .filter(Boolean)
            .join(" "),
        )
        .join("\n"),
      detail: { words: lines.map((ws) => ws.map((w) => ({ text: w.text, confs: confsOf(w) }))), chars: reading.chars },
    });
    // letters put in for the first reader's digits are not what it read: the value is restored, never auto-accepted
    if (restored > 0) cross[f.name] = { ...(cross[f.name] as CrossAgreement), restored: true };
    if (fixes.size === 0) continue;
    changed = true;
    out[fv.page] = repaired(page, fixes);
  }
  return { pages: out, changed, cross };
}

/**
 * The targeted second pass, pure parts: which regions of a page to read again (the words
 * behind failed checks, unsure or malformed numbers), and how a second reading is merged
 * into the page (words replaced, ids renumbered, symbol boxes from the second reading).
 * The OCR itself is in reread.ts; the engine shell (../index.ts) runs the loop.
 */
import { foldText } from "../match/text";
import { parseAmount } from "../parse";
import type { Box, CheckIssue, DocumentResult, FieldResult, FieldSpec, FieldValue, OcrPage, OcrWord } from "../types";
import { isArrayValue } from "../types";
import { unionBox } from "./geometry";
import type { Reading, RereadRegion } from "./reread";
import { replaceWords } from "./respace";

/** A region of one page to read again: consecutive words of one line. */
export interface Region extends RereadRegion {
  page: number;
  wordIds: string[];
  /** the value path(s) the words belong to. */
  paths: string[];
  /** true when a failed check names one of `paths`. */
  checked: boolean;
}

/** Checks whose failure points at a misread value (arithmetic, check digits). */
export const STRONG_CHECKS = new Set([
  "line_amount",
  "subtotal_sum",
  "total_sum",
  "tax_rate",
  "total_range",
  "iban",
  "registration_number",
  "vat_id",
  "bic",
  "number_shape",
  "amount_decimals",
  "ocr_shape",
  "id_confusable",
]);

/** Word confidence below which a number is worth a second look. */
export const UNSURE = 0.9;
/** Regions per page at most (each costs one small recognize). */
export const MAX_REGIONS = 24;

const DIGITS = /\p{Nd}/u;
const SPACE_GROUPED = /\d[ \u00A0\u202F]\d{3}(?:,\d{1,2})?(?!\d)/u;
const DOT_GROUPED = /\d\.\d{3},\d{1,2}(?!\d)/u;
// Letters Tesseract puts in place of digits (8OZ for 802, l for 1, S for 5).
const CONFUSABLE = /[OoDQIlizZSsBgGqT|]/u;

/** A printed number as the checks parse it: signs, currency marks, groups, decimals. */
export function wellFormedNumber(text: string): boolean {
  const t = text
    .normalize("NFKC")
    .replace(/[\s\u00A0\u202F]+/gu, " ")
    .trim();
  // "¥ 1,000": the yen sign hugs its number; a space there is Tesseract's.
  if (/¥\s/u.test(t)) return false;
  const body = t.replace(/^[-+(]?\s?(?:[$€£¥]|[A-Z]{3}|[A-Z]?\$)?\s?/u, "").replace(/\s?(?:[€£%円)]|[A-Z]{3})?$/u, "");
  if (/^\d+(?:[.,]\d{1,3})?$/u.test(body)) return true;
  // Thousands groups, and a decimal mark other than the group separator ("3.869.78" is not).
  const m = /^\d{1,3}([ ,.'])\d{3}(?:\1\d{3})*(?:([.,])\d{1,2})?$/u.exec(body);
  return m !== null && m[2] !== m[1];
}

/** A word that holds (or is a misread of) part of a number. */
function numeric(w: OcrWord): boolean {
  if (!DIGITS.test(w.text)) return /^[€£$¥%]$/u.test(w.text);
  const letters = [...w.text].filter((c) => /\p{L}/u.test(c));
  return letters.every((c) => CONFUSABLE.test(c));
}

interface Located {
  path: string;
  type: string;
  fv: FieldValue;
}

function locatedValues(fields: FieldSpec[], data: Record<string, FieldResult>): Located[] {
  const out: Located[] = [];
  for (const f of fields) {
    const r = data[f.name];
    if (!r) continue;
    if (!isArrayValue(r)) out.push({ path: f.name, type: f.type, fv: r });
    else
      r.value.forEach((row, i) => {
        for (const c of f.children ?? []) {
          const fv = row.field_bboxes[c.name];
          if (fv) out.push({ path: `${f.name}.${i}.${c.name}`, type: c.type, fv });
        }
      });
  }
  return out.filter((l) => l.fv.value !== null && l.fv.bbox !== null && l.fv.page !== null);
}

/** Words of `page` inside a value's box, grouped into runs of consecutive numeric words per line. */
function runsIn(page: OcrPage, box: Box, numericOnly: boolean): OcrWord[][] {
  const inside = (w: OcrWord) => {
    const cx = (w.box.x0 + w.box.x1) / 2;
    const cy = (w.box.y0 + w.box.y1) / 2;
    return cx >= box.x0 - 1 && cx <= box.x1 + 1 && cy >= box.y0 - 1 && cy <= box.y1 + 1;
  };
  const byId = new Map(page.words.map((w) => [w.id, w]));
  const runs: OcrWord[][] = [];
  for (const l of page.lines) {
    let cur: OcrWord[] = [];
    for (const id of l.wordIds) {
      const w = byId.get(id);
      if (w && inside(w) && (!numericOnly || numeric(w))) cur.push(w);
      else if (cur.length) {
        runs.push(cur);
        cur = [];
      }
    }
    if (cur.length) runs.push(cur);
  }
  return runs;
}

/**
 * Regions worth a second reading, most useful first: number values named by a failed
 * check, number values that are malformed or read with low confidence, and identifiers
 * whose check digits failed. At most MAX_REGIONS per page.
 */
export function chooseRegions(pages: OcrPage[], fields: FieldSpec[], result: Pick<DocumentResult, "data" | "issues">): Region[] {
  // what a failed check read, named or not: a second look at a row that adds up is cheap, and may still find the misread
  const failed = new Set(result.issues.filter((i: CheckIssue) => STRONG_CHECKS.has(i.code)).flatMap((i) => [...i.fields, ...(i.reads ?? [])]));
  const cands: (Region & { priority: number })[] = [];
  const seen = new Set<string>();
  const values = locatedValues(fields, result.data);
  // A document that groups thousands with spaces ("2 583,66") has no "1.792,00": that dot
  // is a narrow space misread.
  const spaced = values.filter((v) => v.type === "number" && SPACE_GROUPED.test(v.fv.value!)).length;
  for (const v of values) {
    const page = pages.find((p) => p.index === v.fv.page);
    if (page?.source !== "tesseract") continue;
    const checked = failed.has(v.path);
    const isNumber = v.type === "number";
    if (!isNumber && !checked) continue;
    const b = v.fv.bbox!;
    for (const run of runsIn(page, { x0: b.xmin, y0: b.ymin, x1: b.xmax, y1: b.ymax }, isNumber)) {
      const key = `${page.index}:${run.map((w) => w.id).join(",")}`;
      if (seen.has(key)) continue;
      const text = run.map((w) => w.text).join(" ");
      const conf = Math.min(...run.map((w) => w.conf));
      const malformed = isNumber && (!wellFormedNumber(text) || (spaced >= 2 && DOT_GROUPED.test(text)));
      if (!checked && !malformed && conf >= UNSURE) continue;
      seen.add(key);
      cands.push({
        page: page.index,
        wordIds: run.map((w) => w.id),
        box: unionBox(run.map((w) => w.box)),
        charset: isNumber ? "number" : "any",
        paths: [v.path],
        checked,
        priority: (checked ? 2 : 0) + (malformed ? 1 : 0) + (1 - conf),
      });
    }
  }
  const out: Region[] = [];
  for (const p of pages) {
    const mine = cands.filter((c) => c.page === p.index).sort((a, b) => b.priority - a.priority);
    for (const { priority: _, ...r } of mine.slice(0, MAX_REGIONS)) out.push(r);
  }
  return out;
}

/** What merging second readings did to a page. */
export interface Merged {
  page: OcrPage;
  /** regions whose second reading replaced the first (new word ids). */
  adopted: string[][];
  /** regions where the readings disagree: word ids in the returned page, and in the input page. */
  disagreed: Disagreement[];
}

/** One region the two readings disagree on. */
export interface Disagreement {
  /** index of the region in the merged list. */
  region: number;
  /** word ids in the merged page. */
  ids: string[];
  /** word ids in the page before merging. */
  before: string[];
  first: string;
  second: string;
  adopted: boolean;
}

/** Text compared without case, width or spaces. */
export const squash = (s: string) => foldText(s).replace(/\s+/gu, "");

/** A number that ends in a decimal mark and two digits (its cents), currency or a tax code after it. */
const CENTS = /\d[.,]\d{2}(?!\d)\s*\S{0,3}$/u;

/**
 * Merge second readings into a page. A reading that says the same (spaces aside) changes
 * nothing; a different one replaces the region's words when it is a well-formed number
 * where the first was not, when a failed check names the region, or when it is clearly
 * surer. Every disagreement is reported, adopted or not, so the caller can lower trust.
 */
export function mergeReadings(page: OcrPage, regions: Region[], readings: (Reading | null)[], opts: { accept?: Set<number> } = {}): Merged {
  const byId = new Map(page.words.map((w) => [w.id, w]));
  const replace = new Map<string, OcrWord[]>();
  const adoptedOld: string[][] = [];
  const disagreedOld: Omit<Disagreement, "ids">[] = [];
  regions.forEach((r, i) => {
    const second = readings[i];
    const old = r.wordIds.map((id) => byId.get(id)).filter((w): w is OcrWord => w !== undefined);
    if (!second || old.length !== r.wordIds.length || r.page !== page.index) return;
    if (r.wordIds.some((id) => replace.has(id))) return;
    const adopt = (words: OcrWord[]) => {
      const lineId = old[0]!.lineId;
      replace.set(
        r.wordIds[0]!,
        words.map((w) => ({ ...w, lineId, ...(old[0]!.blockId !== undefined ? { blockId: old[0]!.blockId } : {}) })),
      );
      for (const id of r.wordIds.slice(1)) replace.set(id, []);
    };
    const first = old.map((w) => w.text).join(" ");
    const next = second.words.map((w) => w.text).join(" ");
    if (squash(next) === "") return;
    const isNum = r.charset === "number";
    // The same number with other separators ("1.792,00" → "1 792,00") reads like a spacing
    // difference: the upscaled line tells a narrow space from a dot better.
    const a = isNum ? parseAmount(first) : undefined;
    const same = squash(first) === squash(next) || (a !== undefined && a === parseAmount(next) && /\d[ \u00A0\u202F]\d/u.test(next));
    if (same) {
      // Same characters, other spaces: a space the upscaled line shows ("4677,88 €" →
      // "4 677,88 €"), or a malformed number mended ("9, 100" → "9,100").
      const more = second.words.length > old.length && (!isNum || wellFormedNumber(next));
      const mended = isNum && !wellFormedNumber(first) && wellFormedNumber(next);
      if (first !== next && (more || mended)) {
        adopt(second.words);
        adoptedOld.push(r.wordIds);
      }
      return;
    }
    // A malformed second reading of a number is noise from the crop, not doubt.
    if (isNum && !wellFormedNumber(next)) return;
    const d = { region: i, before: r.wordIds, first, second: next, adopted: false };
    disagreedOld.push(d);
    const okNext = !isNum || wellFormedNumber(next);
    // Safe: a malformed number mended, or an unreadable first reading ("1.792,00" at 0 %)
    // read clearly. One well-formed value against another only when the checks confirm
    // it (`accept`, see confirmByChecks).
    const conf1 = Math.min(...old.map((w) => w.conf));
    const mended = isNum && !wellFormedNumber(first);
    const clearer = isNum && conf1 < 0.5 && second.conf >= 0.9;
    // An amount printed with its cents re-read without them ("22.58" → "258", "7.97" → "19") lost its decimal mark
    // in the crop: a reading with less of the number is no correction of it, whatever confirms it.
    const lostCents = isNum && CENTS.test(first) && !CENTS.test(next);
    const take = okNext && !lostCents && (mended || clearer || opts.accept?.has(i) === true);
    if (!take) return;
    adopt(second.words);
    adoptedOld.push(r.wordIds);
    d.adopted = true;
  });
  if (replace.size === 0) return { page, adopted: [], disagreed: disagreedOld.map((d) => ({ ...d, ids: d.before })) };
  const merged = replaceWords(page, replace);
  // Old ids → new ids: a region's new ids are the ones between its neighbours.
  const oldToNew = idMap(page, merged, replace);
  const mapIds = (ids: string[]) => ids.flatMap((id) => oldToNew.get(id) ?? []);
  // Line boxes grow or shrink with replaced words.
  const words = new Map(merged.words.map((w) => [w.id, w]));
  const lines = merged.lines.map((l) => {
    const boxes = l.wordIds.map((id) => words.get(id)!.box);
    return boxes.length ? { ...l, box: unionBox(boxes) } : l;
  });
  return {
    page: { ...merged, lines: lines.filter((l) => l.wordIds.length > 0) },
    adopted: adoptedOld.map(mapIds),
    disagreed: disagreedOld.map((d) => ({ ...d, ids: mapIds(d.before) })),
  };
}

/** Old word id → the ids of the words that replaced it (in `replaceWords` order). */
function idMap(before: OcrPage, after: OcrPage, replace: Map<string, OcrWord[]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let k = 0;
  for (const w of before.words) {
    const n = (replace.get(w.id) ?? [w]).length;
    out.set(
      w.id,
      after.words.slice(k, k + n).map((x) => x.id),
    );
    k += n;
  }
  return out;
}

/**
 * The fused reader's doubts (see fuse.ts): words where its two readers read the same ink
 * differently carry the other reading (`alt`); they count as disagreements like a re-read's.
 */
export function altDisagreements(pages: OcrPage[]): Map<number, Disagreement[]> {
  const out = new Map<number, Disagreement[]>();
  for (const p of pages) {
    const ds = p.words
      .filter((w) => w.alt !== undefined)
      .map((w) => ({ region: -1, ids: [w.id], before: [w.id], first: w.text, second: w.alt!, adopted: false }));
    if (ds.length) out.set(p.index, ds);
  }
  return out;
}

/**
 * Review issues for values that sit on words the two readings disagree on: a value the
 * OCR read two ways is not certain enough to pass unreviewed, however well it matched.
 */
export function disagreementIssues(
  pages: OcrPage[],
  fields: FieldSpec[],
  data: Record<string, FieldResult>,
  disagreed: Map<number, Disagreement[]>,
): CheckIssue[] {
  const out: CheckIssue[] = [];
  for (const v of locatedValues(fields, data)) {
    const page = pages.find((p) => p.index === v.fv.page);
    const ds = page ? disagreed.get(page.index) : undefined;
    if (!page || !ds?.length) continue;
    const b = v.fv.bbox!;
    const ids = new Set(
      runsIn(page, { x0: b.xmin, y0: b.ymin, x1: b.xmax, y1: b.ymax }, false)
        .flat()
        .map((w) => w.id),
    );
    const d = ds.find((x) => x.ids.some((id) => ids.has(id)));
    if (!d) continue;
    out.push({
      code: "ocr_disagreement",
      severity: "warning",
      message: `two OCR readings disagree: "${d.first}" and "${d.second}"`,
      fields: [v.path],
    });
  }
  return out;
}

import type { RawExtraction, RawRow, RawValue } from "../extract/types";
import type { ArrayRow, ArrayValue, Box, FieldResult, FieldSpec, FieldValue, OcrPage } from "../types";
import { midY, unionBox } from "./geometry";
import { type Located, locateLine, overlapShare, type Priors, validateHint } from "./locate";
import { valueBoxes } from "./runbox";
import { foldText, pageSeq } from "./text";
import { locateWrapped } from "./wrap";

/**
 * The matcher: every extracted value, whoever produced it, is located again on the page
 * by character alignment against the OCR symbols (see align.ts for the search and
 * locate.ts for how occurrences are scored). Line-item cells are matched twice: first
 * alone, then — for the ones that were ambiguous (a quantity "1" printed in every row) or
 * weak — with the row band of their row's unambiguous cells and the column band of their
 * column's, so repeated values land in the right row and column.
 */

/** The confidence threshold of the contract. */
export const CONFIDENT = 0.85;
/** Below this share of matched characters a value has nothing on the page to anchor to. */
export const ANCHOR_MIN = 0.4;

/** What the matcher knows about a located value beyond its public FieldValue. */
export interface MatchInfo {
  box: Box | null;
  /** true when another occurrence looked exactly as good on text alone. */
  ambiguous: boolean;
  /** lowest OCR word confidence (0–1) among the words the value was found in; 1 for text layers. */
  ocrConf: number;
  /** false when the value was not found on the page at all (below ANCHOR_MIN). */
  located: boolean;
}

/** What the matcher learned about every located value, by path ("total", "line_items.2.amount"). */
export type MatchInfos = Record<string, MatchInfo>;

/** The matcher's output: the contract's values and, beside them, what it knows about each. */
export interface Matched {
  data: Record<string, FieldResult>;
  info: MatchInfos;
}

/** The contract's "field the document does not have". */
export function missingValue(): FieldValue {
  return { value: null, bbox: null, vertices: null, match_ratio: 0, bbox_source: null, page: null };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Locate all lines of a value on one page; returns the chosen occurrences per line. */
function onPage(raw: RawValue, pages: OcrPage[], pi: number, pr: Priors): { lines: Located[]; matched: number; extra: number; hinted: boolean } {
  const page = pages[pi]!;
  const hintSyms = pi === raw.page ? validateHint(raw, page, pr.rowBand) : undefined;
  const lines: Located[] = [];
  let matched = 0;
  // Gaps inside an occurrence count against it: "found at that place" means contiguously.
  let extra = 0;
  let prev: Located | undefined;
  for (const text of raw.text.split("\n")) {
    if (foldText(text).length === 0) continue;
    const below = prev ? { x: prev.box.x0, y: prev.box.y1, lineHeight: prev.box.y1 - prev.box.y0 } : undefined;
    const here: Priors = { ...pr, hintSyms, below: below ?? pr.below };
    const single = locateLine(text, pi, page, here)[0];
    const found = locateWrapped(text, pi, page, here, single) ?? (single ? [single] : []);
    if (found.length === 0) continue;
    lines.push(...found);
    for (const l of found) matched += l.matched;
    extra += found.reduce((n, l) => n + l.length, 0) - [...foldText(text)].length;
    prev = found.at(-1);
  }
  return { lines, matched, extra, hinted: hintSyms !== undefined };
}

/**
 * The value as printed. An extractor may hand back a width- or case-folded form ("¥1,500"
 * for a printed "￥1,500"); when every character was found, each one is replaced by the
 * symbol it matched, keeping the extractor's spacing and line breaks.
 */
function verbatim(text: string, lines: Located[], symText: string[]): string {
  const printed = lines.flatMap((l) => l.syms.map((s) => symText[s] ?? ""));
  const chars = [...text];
  const slots = chars.flatMap((c, i) => (foldText(c).length > 0 ? [i] : []));
  if (slots.length !== printed.length) return text;
  if (!printed.every((p, k) => foldText(p) === foldText(chars[slots[k]!]!))) return text;
  slots.forEach((i, k) => {
    chars[i] = printed[k]!;
  });
  return chars.join("");
}

/** Locate one value on the document's pages and report it the contract's way. */
export function matchValue(pages: OcrPage[], raw: RawValue, pr: Priors = {}): { value: FieldValue; info: MatchInfo } {
  // An inferred value ("EUR" from "€") is located by the mark it was inferred from: its box and match are the mark's.
  if (raw.inferredFrom) {
    const { inferredFrom, ...rest } = raw;
    const mark = matchValue(pages, { ...rest, text: inferredFrom.text, ...(inferredFrom.wordIds ? { wordIds: inferredFrom.wordIds } : {}) }, pr);
    return { value: { ...mark.value, value: raw.text, bbox_source: "inferred", inferred_from: inferredFrom.text }, info: mark.info };
  }
  const total = raw.text.split("\n").reduce((n, l) => n + [...foldText(l)].length, 0);
  const none = (ratio: number): { value: FieldValue; info: MatchInfo } => ({
    value: { value: raw.text, bbox: null, vertices: null, match_ratio: round3(ratio), bbox_source: "low_confidence", page: null },
    info: { box: null, ambiguous: false, ocrConf: 0, located: false },
  });
  if (total === 0 || pages.length === 0) return none(0);
  const start = pages[raw.page] ? raw.page : 0;
  // The extractor's page first; other pages only when it does not hold the value well.
  const share = (o: { matched: number; extra: number }) => o.matched / (total + o.extra);
  let best = onPage(raw, pages, start, pr);
  if (share(best) < CONFIDENT) {
    for (let pi = 0; pi < pages.length; pi++) {
      if (pi === start) continue;
      const other = onPage(raw, pages, pi, pr);
      if (share(other) > share(best)) best = other;
    }
  }
  const ratio = Math.min(1, share(best));
  if (ratio < ANCHOR_MIN || best.lines.length === 0) return none(ratio);
  const first = best.lines[0]!;
  const page = pages[first.page]!;
  const seq = pageSeq(page);
  const syms = best.lines.flatMap((l) => l.syms);
  const angle = syms.reduce((a, s) => a + (seq.angles[s] ?? 0), 0) / syms.length;
  // Only the lines on the chosen page go into its box; OCR ink boxes become text-run boxes.
  const glyphs = best.lines.filter((l) => l.page === first.page).map((l) => l.syms.map((s) => ({ box: seq.boxes[s]!, text: seq.symText[s] ?? "" })));
  const geo = valueBoxes(glyphs, angle, page, page.source === "tesseract");
  const box = geo.box;
  const ambiguous = best.lines.some((l) => l.rivals > 0);
  const hintDecided = best.hinted && ambiguous && first.hintOverlap > 0.5;
  let source: FieldValue["bbox_source"];
  if (ratio < CONFIDENT) source = "low_confidence";
  else if (raw.shared) source = "shared_value";
  else if (hintDecided) source = first.hintOverlap >= 1 ? "token_id" : "token_id_hybrid";
  else source = "vision_symbol_match";
  const words = new Set(syms.map((s) => seq.symWord[s]!));
  const ocrConf = page.source === "tesseract" ? Math.min(...[...words].map((w) => page.words[w]?.conf ?? 1)) : 1;
  const fv: FieldValue = {
    value: ratio >= 1 && !raw.reviewed ? verbatim(raw.text, best.lines, seq.symText) : raw.text,
    bbox: geo.bbox,
    vertices: geo.vertices,
    match_ratio: round3(ratio),
    bbox_source: source,
    page: first.page,
  };
  return { value: fv, info: { box, ambiguous: ambiguous && !hintDecided, ocrConf, located: true } };
}

/** Row bands (per row) from a row's unambiguous, confident cells. */
function rowBands(rows: RawRow[], res: Array<Record<string, { value: FieldValue; info: MatchInfo }>>) {
  return res.map((cells, r): [number, number] | undefined => {
    const boxes: Box[] = [];
    for (const [k, c] of Object.entries(cells)) {
      if (!c.info.box || c.info.ambiguous || c.value.match_ratio < CONFIDENT || rows[r]?.cells[k]?.shared) continue;
      boxes.push(c.info.box);
    }
    const u = unionBox(boxes);
    return u ? [u.y0 - 2, u.y1 + 2] : undefined;
  });
}

/**
 * A column's x band: from its unambiguous confident cells when there are two or more;
 * otherwise by consensus — the x position where the most rows have an equally good
 * occurrence (a "Pos." column holds the quantity "1" only in row 1, the quantity column
 * holds every row's quantity).
 */
function colBand(
  pages: OcrPage[],
  key: string,
  rows: RawRow[],
  res: Array<Record<string, { value: FieldValue; info: MatchInfo }>>,
  bands: Array<[number, number] | undefined>,
): [number, number] | undefined {
  const sure: Box[] = [];
  const unsure: number[] = [];
  res.forEach((cells, r) => {
    const c = cells[key];
    if (!c) return;
    if (c.info.box && !c.info.ambiguous && c.value.match_ratio >= CONFIDENT && !rows[r]?.cells[key]?.shared) sure.push(c.info.box);
    else unsure.push(r);
  });
  if (sure.length >= 2) {
    // Medians, not the union: one cell matched in the wrong column must not widen the band.
    return [median(sure.map((b) => b.x0)) - 5, median(sure.map((b) => b.x1)) + 5];
  }
  // Consensus over the equally good occurrences of each row's value inside its row band.
  const perRow: Box[][] = [];
  for (const r of unsure) {
    const raw = rows[r]!.cells[key]!;
    const page = pages[raw.page];
    const first = raw.text.split("\n").find((l) => foldText(l).length > 0);
    if (!page || !first) continue;
    const cands = locateLine(first, raw.page, page, bands[r] ? { rowBand: bands[r] } : {});
    const best = cands[0];
    if (!best) continue;
    perRow.push(cands.filter((c) => c.score <= best.score + 1e-9).map((c) => c.box));
  }
  perRow.push(...sure.map((b) => [b]));
  if (perRow.length < 2) return undefined;
  const overlaps = (a: Box, b: Box) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0;
  let top: { box: Box; support: number } | undefined;
  for (const boxes of perRow)
    for (const b of boxes) {
      const support = perRow.filter((other) => other.some((o) => overlaps(o, b))).length;
      if (!top || support > top.support) top = { box: b, support };
    }
  return top && top.support >= 2 ? [top.box.x0 - 5, top.box.x1 + 5] : undefined;
}

/** Match every cell of an array field, then re-match the ambiguous ones inside their row/column bands. */
export function matchRows(pages: OcrPage[], spec: FieldSpec, rows: RawRow[], info: MatchInfos = {}): ArrayValue {
  const children = spec.children ?? [];
  const names = [...new Set([...children.map((c) => c.name), ...rows.flatMap((r) => Object.keys(r.cells))])];
  const res = rows.map((row) => {
    const cells: Record<string, { value: FieldValue; info: MatchInfo }> = {};
    for (const [k, raw] of Object.entries(row.cells)) if (raw) cells[k] = matchValue(pages, raw);
    return cells;
  });
  const bands = rowBands(rows, res);
  const cols = new Map<string, [number, number] | undefined>();
  res.forEach((cells, r) => {
    for (const [k, c] of Object.entries(cells)) {
      if (!c.info.ambiguous && c.value.match_ratio >= CONFIDENT) continue;
      if (!cols.has(k)) cols.set(k, colBand(pages, k, rows, res, bands));
      const pr: Priors = {};
      if (bands[r]) pr.rowBand = bands[r];
      const cb = cols.get(k);
      if (cb) pr.colBand = cb;
      const again = matchValue(pages, rows[r]!.cells[k]!, pr);
      if (again.value.match_ratio >= c.value.match_ratio) cells[k] = again;
    }
  });
  // Two cells of one row with the same text ("2.00 @ 2.00") take different places on the
  // page: a later cell (in field order) found on an earlier one's place is located again
  // away from it, and moves if an equally good place on the same printed line exists.
  res.forEach((cells, r) => {
    const taken: Box[] = [];
    for (const k of names) {
      const c = cells[k];
      const box = c?.info.box;
      if (!c || !box) continue;
      if (taken.some((b) => overlapShare(b, box) > 0.5) && !rows[r]?.cells[k]?.shared) {
        const pr: Priors = { avoid: [...taken] };
        if (bands[r]) pr.rowBand = bands[r];
        const again = matchValue(pages, rows[r]!.cells[k]!, pr);
        const nb = again.info.box;
        const sameLine = nb && midY(nb) >= box.y0 && midY(nb) <= box.y1;
        if (nb && sameLine && again.value.match_ratio >= c.value.match_ratio && !taken.some((b) => overlapShare(b, nb) > 0.5)) cells[k] = again;
      }
      taken.push(cells[k]!.info.box ?? box);
    }
  });
  const value: ArrayRow[] = res.map((cells, r) => {
    const fb: Record<string, FieldValue> = {};
    for (const n of names) fb[n] = cells[n]?.value ?? missingValue();
    for (const [k, c] of Object.entries(cells)) info[`${spec.name}.${r}.${k}`] = c.info;
    return { field_bboxes: fb };
  });
  return { value };
}

/** Locate every value of an extraction; fields the extraction lacks come back missing. */
export function matchExtraction(pages: OcrPage[], fields: FieldSpec[], raw: RawExtraction): Matched {
  const data: Record<string, FieldResult> = {};
  const info: MatchInfos = {};
  for (const f of fields) {
    const r = raw.fields[f.name];
    if (f.type === "array") data[f.name] = matchRows(pages, f, Array.isArray(r) ? r : [], info);
    else if (r && !Array.isArray(r)) {
      const m = matchValue(pages, r);
      data[f.name] = m.value;
      info[f.name] = m.info;
    } else data[f.name] = missingValue();
  }
  return { data, info };
}

export type { Priors } from "./locate";

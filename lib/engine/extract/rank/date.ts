/**
 * Candidates for a document's date with the features the learned ranking weighs. Every
 * printed date competes, labelled or not: the label the rules read beside it (issue date or
 * another date field's), its place (first date, top of the page), the shape of the print
 * (unambiguous, a named month, a two-digit year), a time printed beside it, words of expiry
 * or validity before it, how often it repeats and whether it is the earliest or latest date.
 */
import type { PageLayout } from "../../layout/rows";
import { wordIdsInRange } from "../../layout/rows";
import { findDates, parseDate } from "../../parse/date";
import { looksAddress } from "../parties";
import { digitMonthDates, ERA, letteredDates, repairedDate, strayDates } from "./misread";
import type { Features } from "./model";
import type { RankCand } from "./total";

/** One printed date with its features. */
export interface DateCandidate extends RankCand {
  iso?: string;
  features: Features;
}

/** The feature names of the date ranking (the order of the weights in weights.json). */
export const DATE_FEATURES = [
  "lab_date",
  "lab_other",
  "rules",
  "unambiguous",
  "named_month",
  "two_digit_year",
  "dashed_short",
  "first",
  "ord_rel",
  "y_rel",
  "right_rel",
  "has_time",
  "other_word",
  "titled",
  "repeats",
  "earliest",
  "latest",
  "left_text",
  "conf",
  "year_ok",
  "address",
  "loose",
  "run_on",
  "repaired",
];

/**
 * Dates the strict reader passes over because OCR glued them to their neighbours: a four-digit
 * year run into the time ("17/01/20188.08:53"), a word run into the day ("le30/03/2018"), or a
 * compact ddmmyyyy / yyyymmdd printed right before a time ("25032018 13:11:54", "20180428/191204"). The year must be
 * 19xx or 20xx; the ranking weighs them with their own feature (`loose`).
 */
export function looseDates(text: string): { text: string; start: number; end: number; iso?: string }[] {
  const out: { text: string; start: number; end: number; iso?: string }[] = [];
  const ymd = (y: string, m: string, d: string) => {
    const [Y, M, D] = [Number(y), Number(m), Number(d)];
    const t = new Date(Date.UTC(Y, M - 1, D));
    return M >= 1 && M <= 12 && t.getUTCMonth() === M - 1 && t.getUTCDate() === D ? `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}` : undefined;
  };
  for (const m of text.matchAll(/(?<!\d)(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d{2})(?=\d)|(?<=\p{L})(\d{1,2})([/.-])(\d{1,2})\6((?:19|20)\d{2})(?!\d)/gu)) {
    const [a, b, y] = m[1] ? [m[1], m[3]!, m[4]!] : [m[5]!, m[7]!, m[8]!];
    const iso = Number(a) > 12 ? ymd(y, b, a) : Number(b) > 12 ? ymd(y, a, b) : (ymd(y, b, a) ?? ymd(y, a, b));
    const len = a.length + b.length + y.length + 2;
    if (iso) out.push({ text: text.slice(m.index, m.index + len), start: m.index, end: m.index + len, iso });
  }
  // the second separator lost to a space ("30/03 2018"): kept even when no such date exists, for repair
  for (const m of text.matchAll(/(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})[ \u00A0]((?:19|2\d)\d{2})(?![\d:])/gu)) {
    const [a, b, y] = [m[1]!, m[3]!, m[4]!];
    const iso = Number(a) > 12 ? ymd(y, b, a) : Number(b) > 12 ? ymd(y, a, b) : (ymd(y, b, a) ?? ymd(y, a, b));
    // written with the separator the OCR lost (the print's own shape), on the words it was read from
    out.push({ text: `${a}${m[2]}${b}${m[2]}${y}`, start: m.index, end: m.index + m[0].length, ...(iso ? { iso } : {}) });
  }
  // (or before a compact time, "20180428/191204")
  for (const m of text.matchAll(/(?<!\d)(\d{8})(?=[ \u00A0]+\d{1,2}:\d{2}|[/T_-]\d{6}(?!\d))/gu)) {
    const t = m[1]!;
    const iso = ymd(t.slice(4), t.slice(2, 4), t.slice(0, 2)) ?? (/^(19|20)/.test(t) ? ymd(t.slice(0, 4), t.slice(4, 6), t.slice(6)) : undefined);
    if (iso) out.push({ text: t, start: m.index, end: m.index + 8, iso });
  }
  return out;
}

/** Context the rules computed: labelled candidates per field and their pick for this field. */
export interface DateContext {
  field: string;
  labelled: Record<string, RankCand[]>;
  rulesPick?: RankCand;
  /** the other date fields of the template (their labels count against a candidate). */
  otherDateFields: string[];
}

const overlaps = (a: string[], b: string[]) => a.some((id) => b.includes(id));
const OTHER_WORDS = /\b(expiry|expires?|exp|valid|until|bis|best before|due|fällig|échéance|vervaldatum|scadenza|vencimiento)\b[^\d]*$/iu;
const TITLE = /(rechnung|invoice|facture|factuur|gutschrift|credit note|avoir|receipt|請求書|納品書)/iu;

/** The dates of the pages as candidates with features. */
export function dateCandidates(layouts: PageLayout[], ctx: DateContext): DateCandidate[] {
  type Raw = {
    layout: PageLayout;
    seg: PageLayout["segments"][number];
    text: string;
    start: number;
    end: number;
    iso?: string;
    y: number;
    loose?: boolean;
    repaired?: boolean;
  };
  const found: Raw[] = [];
  for (const layout of layouts) {
    for (const seg of [...layout.segments].sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0)) {
      const strict = findDates(seg.text);
      for (const d of strict) {
        const iso = d.iso ?? parseDate(d.text, "dmy") ?? parseDate(d.text, "mdy");
        found.push({ layout, seg, text: d.text, start: d.start, end: d.end, ...(iso ? { iso } : {}), y: layout.page.index * 1000 + seg.box.y0 });
      }
      for (const d of looseDates(seg.text)) {
        if (strict.some((x) => d.start < x.end && d.end > x.start)) continue;
        found.push({
          layout,
          seg,
          text: d.text,
          start: d.start,
          end: d.end,
          ...(d.iso ? { iso: d.iso } : {}),
          y: layout.page.index * 1000 + seg.box.y0,
          loose: true,
        });
      }
    }
  }
  // A print that is no date of this era ("39/03/2018", "14 Mar 2618") and one digit confusion from exactly one
  // that is: that date competes too, written as it must have been printed, on the same words (repaired).
  const anyOrder = (t: string) => parseDate(t) ?? parseDate(t, "dmy") ?? parseDate(t, "mdy") ?? looseDates(t).find((x) => x.text === t)?.iso;
  for (const d of [...found]) {
    const fixed = repairedDate(d.text, anyOrder);
    if (fixed) found.push({ ...d, text: fixed.text, iso: fixed.iso, repaired: true });
  }
  // A digit read as a letter inside a numeric date ("Date:D2/02/17"): the date the digit gives, when it is one of this era.
  for (const layout of layouts) {
    for (const seg of layout.segments) {
      // (and one separator read as another character: "25/0472017", "14MMay/2017"; a month's letter read as a digit: "10 0CT 2017")
      for (const d of [...letteredDates(seg.text), ...strayDates(seg.text), ...digitMonthDates(seg.text, anyOrder)]) {
        const iso = anyOrder(d.text);
        if (!iso || Number(iso.slice(0, 4)) < ERA[0] || Number(iso.slice(0, 4)) > ERA[1]) continue;
        found.push({ layout, seg, text: d.text, start: d.start, end: d.end, iso, y: layout.page.index * 1000 + seg.box.y0, repaired: true });
      }
    }
  }
  found.sort((a, b) => a.y - b.y || a.seg.box.x0 - b.seg.box.x0 || a.start - b.start);
  const isos = found.map((f) => f.iso).filter((x): x is string => !!x);
  const earliest = isos.length ? isos.reduce((a, b) => (a < b ? a : b)) : undefined;
  const latest = isos.length ? isos.reduce((a, b) => (a > b ? a : b)) : undefined;
  const labelScore = (fields: string[], page: number, ids: string[]) =>
    Math.max(
      0,
      ...fields
        .flatMap((f) => ctx.labelled[f] ?? [])
        .filter((c) => c.page === page && overlaps(c.wordIds, ids))
        .map((c) => c.score),
    );
  return found.map((d, i): DateCandidate => {
    const wordIds = wordIdsInRange(d.seg, d.start, d.end);
    const page = d.layout.page.index;
    const row = d.layout.rows[d.seg.row];
    const rowText = row?.segments.map((s) => s.text).join(" ") ?? d.seg.text;
    const before = d.seg.text.slice(0, d.start);
    const leftSegs = row?.segments.filter((s) => s.box.x1 <= d.seg.box.x0 + 1) ?? [];
    const leftText = `${leftSegs.map((s) => s.text).join(" ")} ${before}`;
    const words = d.seg.words.filter((w) => wordIds.includes(w.id));
    const year = Number(d.iso?.slice(0, 4) ?? Number.NaN);
    // "東塩小路町 6-25-17" in an address line is a house number, not a date.
    const prev = leftSegs.at(-1);
    const address = (/\p{L}\s?$/u.test(before) && looksAddress(d.seg.text)) || (!before.trim() && !!prev && looksAddress(prev.text));
    const f: Features = {
      lab_date: labelScore([ctx.field], page, wordIds),
      lab_other: labelScore(ctx.otherDateFields, page, wordIds),
      rules: ctx.rulesPick && ctx.rulesPick.page === page && overlaps(ctx.rulesPick.wordIds, wordIds) ? 1 : 0,
      unambiguous: findDates(d.text)[0]?.iso ? 1 : 0,
      named_month: /\p{L}{3}/u.test(d.text) ? 1 : 0,
      two_digit_year: /(^|\D)\d{1,2}[./-]\d{1,2}[./-]\d{2}$/.test(d.text.trim()) ? 1 : 0,
      dashed_short: /^\d{1,2}-\d{1,2}-\d{2}$/.test(d.text.trim()) ? 1 : 0,
      first: i === 0 ? 1 : 0,
      ord_rel: found.length > 1 ? i / (found.length - 1) : 0,
      y_rel: d.seg.box.y0 / 1000,
      right_rel: d.seg.box.x1 / 1000,
      has_time: /\d{1,2}:\d{2}/.test(rowText) ? 1 : 0,
      other_word: OTHER_WORDS.test(before) || OTHER_WORDS.test(leftText) ? 1 : 0,
      titled: TITLE.test(rowText) ? 1 : 0,
      repeats: Math.min(3, found.filter((o) => o !== d && o.iso && o.iso === d.iso).length) / 3,
      earliest: d.iso && d.iso === earliest && earliest !== latest ? 1 : 0,
      latest: d.iso && d.iso === latest && earliest !== latest ? 1 : 0,
      left_text: /\p{L}{2}/u.test(leftText) ? 1 : 0,
      conf: words.length ? words.reduce((s, w) => s + w.conf, 0) / words.length : 0,
      year_ok: year >= 1990 && year <= 2040 ? 1 : 0,
      address: address ? 1 : 0,
      loose: d.loose ? 1 : 0,
      // "05.22.95" of "Tel.:05.22.95.66.66": the span runs on into more digit groups (a phone number, a code).
      run_on: /^[./-]\d/.test(d.seg.text.slice(d.end)) || /\d[./-]$/.test(before) ? 1 : 0,
      repaired: d.repaired ? 1 : 0,
    };
    return { text: d.text, page, wordIds, score: 0, ...(d.iso ? { iso: d.iso } : {}), features: f };
  });
}

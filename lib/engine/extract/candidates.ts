/**
 * Candidate generation of the rules extractor: values beside their printed labels (inline, right, below), the page's
 * money pool and unlabelled values by shape, with the currency cells beside them; and the subtotal/tax/total choice the
 * page's arithmetic supports. Data in (analysed pages, label hits), candidates out; rules.ts ranks and assembles them.
 */
import { type PageLayout, type Segment, unionOf, wordIdsInRange, xOverlap } from "../layout/rows";
import { compact } from "../layout/text";
import { findAmounts } from "../parse/amount";
import { findDates } from "../parse/date";
import { type FieldHint, fieldHints, isMoneyKind, type ValueKind } from "../templates/lexicon";
import type { FieldSpec } from "../types";
import { nearWords } from "./context";
import { BARE_SIGN, type LabelHit } from "./labels";
import { looksAddress, type Picked } from "./parties";
import type { RawValue } from "./types";
import { findValue, skipLead } from "./values";

export interface Cand {
  text: string;
  page: number;
  wordIds: string[];
  score: number;
  value?: number;
  /** vertical position (grid) of the value, for reading-order preferences. */
  y?: number;
  /** row index of the value on its page. */
  row?: number;
  /** the printed label the value was read beside. */
  label?: Segment;
  /** not the print but its restoration (lost-cents.ts): never auto-accepted. */
  repaired?: boolean;
}

const STOP = new Set(["the", "a", "an", "of", "for", "to", "on", "in", "s", "number", "no", "de", "la", "le", "der", "die", "das"]);
const wordsOf = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !STOP.has(w));

/** Hint for a field: the lexicon entry, else labels and kind derived from its name and description. */
export function hintFor(spec: FieldSpec): FieldHint {
  const known = fieldHints[spec.name];
  if (known) return known;
  const nameWords = spec.name.replace(/[_-]+/g, " ").trim();
  const labels = [nameWords];
  // Borrow the labels of built-in fields whose name or labels the description mentions ("purchase order number" → order_number).
  const words = wordsOf(`${nameWords} ${spec.description ?? ""}`);
  // A built-in label lends its field's labels when it says (nearly) all the description or the name says.
  const covers = (label: string, phrase: string) => {
    const want = wordsOf(phrase);
    const have = new Set(wordsOf(label));
    return (
      want.length > 0 && have.size > 0 && want.filter((w) => have.has(w)).length >= Math.max(1, 0.6 * want.length) && [...have].every((w) => want.includes(w))
    );
  };
  let kind: ValueKind = spec.type === "number" ? "money" : spec.type === "date" ? "date" : "text";
  for (const [name, h] of Object.entries(fieldHints)) {
    const nameHit = compact(name.replace(/_/g, " ")) === compact(nameWords);
    const labelHit = h.labels.some((l) => covers(l, spec.description ?? "") || covers(l, nameWords));
    if (nameHit || labelHit) {
      labels.push(...h.labels);
      if (spec.type === "string" || !spec.type) kind = h.kind;
    }
  }
  if (words.includes("po") || (words.includes("purchase") && words.includes("order")))
    labels.push("PO", "PO #", "PO No", "P.O.", "Order No", "Order #", "Purchase Order");
  if (spec.type === "string" && words.some((w) => ["number", "no", "id", "nr", "nummer", "code", "reference", "ref"].includes(w) || w === "#")) kind = "id";
  if (spec.description) labels.push(spec.description);
  return { kind, labels };
}

const REL_WEIGHT = { inline: 1, right: 0.95, below: 0.85 };

/**
 * "No. 145G, Jalan Rimbunan Raya 1", "Ground Floor, No 4 & 6": a bare number sign on a line that reads as an address
 * after it or before it is a house number, not a document number's label ("Bill No.: 001-3246" has its own label).
 */
export function houseNumber(label: string, after: string, before = ""): boolean {
  // the street's words decide, not its digits (a date or a postcode after a number proves no address)
  const street = (t: string) => looksAddress(t.replace(/\p{N}/gu, ""));
  return BARE_SIGN.test(label) && (street(after) || street(before));
}

export function candidate(layout: PageLayout, seg: Segment, start: number, end: number, score: number, text?: string): Cand {
  return {
    text: text ?? seg.text.slice(start, end).trim(),
    page: layout.page.index,
    wordIds: wordIdsInRange(seg, start, end),
    score,
    y: seg.box.y0,
    row: seg.row,
  };
}

/** Candidate values beside one label occurrence: inline after it, right of it, or below it. */
export function nextTo(hit: LabelHit, hits: LabelHit[], kind: ValueKind, isLabel: (s: Segment) => boolean): Cand[] {
  const res: Cand[] = [];
  const { seg, layout } = hit;
  if (kind === "id") {
    // the whole printed line around the label: the sign may stand in a run of its own ("GROUND FLOOR. | NO. | 1&6")
    const line = layout.rows[seg.row]?.segments ?? [seg];
    const left = line.filter((o) => o.box.x1 <= seg.box.x0).map((o) => o.text);
    const right = line.filter((o) => o.box.x0 >= seg.box.x1).map((o) => o.text);
    const before = [...left, seg.text.slice(0, hit.start)].join(" ");
    const after = [seg.text.slice(hit.end), ...right].join(" ");
    if (houseNumber(seg.text.slice(hit.start, hit.end), after, before)) return [];
  }
  const base = (hit.prefix ? 0.6 + 0.4 * hit.coverage : 0.45) * (hit.prefix ? 1 : 0.9);
  const keepNo = /(no|nr|n°|#)$/i.test(seg.text.slice(hit.start, hit.end));
  const from = skipLead(seg.text, hit.end, keepNo);
  // Free text runs only up to the next label printed in the same line ("… — BIC : …").
  const nextLabel = Math.min(
    ...hits.filter((o) => o.seg === seg && o.start >= from && o !== hit && /^\s?[:：#]/.test(seg.text.slice(o.end))).map((o) => o.start),
    seg.text.length,
  );
  const rest = seg.text.slice(from, ["text", "name", "address"].includes(kind) ? nextLabel : seg.text.length).replace(/[\s—–|,;]+$/u, "");
  const inl = rest.trim() ? findValue(kind, rest) : undefined;
  if (inl) res.push(candidate(layout, seg, from + inl.start, from + inl.end, base * REL_WEIGHT.inline * inl.score, inl.text));
  // A label inside a line still has its value right of or under it when it ends the line.
  if (!hit.prefix && (rest.trim() || ["text", "name", "address"].includes(kind))) return res;
  const row = layout.rows[seg.row];
  // Right of the label: the first of the next few segments that holds a value ("Total | RM | 85.54", "Sub Total | : | 68.87").
  // OCR may seat the value on a baseline of its own a few units off the label's ("Échéance" | ": 3 mars 2024").
  let rightBest: Cand | undefined;
  const beside = layout.rows.filter((r) => r === row || (row && Math.abs(r.cy - row.cy) < 0.7 * layout.lineHeight));
  const rights = beside
    .flatMap((r) => r.segments)
    .filter((o) => o.box.x0 >= seg.box.x1 - 1)
    .sort((a, b) => a.box.x0 - b.box.x0)
    .slice(0, 3);
  for (const [i, right] of rights.entries()) {
    if (isLabel(right)) break;
    const at = kind === "id" ? skipLead(right.text, 0) : 0;
    const v = findValue(kind, right.text.slice(at));
    // Four bare digits a date's first part stands before ("15/01/ | 2018") are its year, not a card's last four.
    if (v && kind === "last4" && v.score < 1 && splitYear(rights.slice(0, i + 1).map((o) => o.text))) break;
    if (v) {
      let c = candidate(layout, right, at + v.start, at + v.end, base * REL_WEIGHT.right * v.score * (inl ? 0.8 : 1) * (1 - 0.05 * i), v.text);
      if (isMoneyKind(kind) && at + v.start === 0 && at + v.end === right.text.length) c = withCurrencyCells(layout, rights[i - 1], right, rights[i + 1], c);
      if (!rightBest || c.score > rightBest.score) rightBest = c;
      if (v.score >= 1) break;
    } else if (/[\p{L}\d]{4}/u.test(right.text)) break;
  }
  if (rightBest) res.push(rightBest);
  let k = 0;
  const labelWords = seg.words.filter((w) => wordIdsInRange(seg, hit.start, hit.end).includes(w.id));
  const labelBox = labelWords.length ? unionOf(labelWords.map((w) => w.box)) : seg.box;
  for (const r of layout.rows.slice(seg.row + 1, seg.row + 4)) {
    if (r.box.y0 - seg.box.y1 > 3.5 * layout.lineHeight) break;
    const under = r.segments.find((o) => xOverlap(o.box, labelBox) > 0.3);
    if (!under) continue;
    k++;
    if (isLabel(under)) break;
    const at = kind === "id" ? skipLead(under.text, 0) : 0;
    const v = findValue(kind, under.text.slice(at));
    // Under a card label only a masked number is evidence: bare digits there belong to another line.
    if (v && kind === "last4" && v.score < 1) break;
    if (v) {
      res.push(candidate(layout, under, at + v.start, at + v.end, base * (REL_WEIGHT.below - 0.15 * (k - 1)) * v.score, v.text));
      break;
    }
  }
  return res;
}

/** The last of these runs (read left to right on one line) is the year of a date the runs before it start. */
export function splitYear(runs: string[]): boolean {
  const last = runs.at(-1)?.trim() ?? "";
  // OCR splits "15/01/2018" at the slash and "15 Jan 2018" at a space: read the runs glued either way.
  return ["", " "].some((glue) => {
    const joined = runs.map((r) => r.trim()).join(glue);
    return findDates(joined).some((d) => d.end >= joined.length && d.text.length > last.length && d.text.endsWith(last));
  });
}

/** Values next to each label occurrence of a field, best first. */
export function labelled(hits: LabelHit[], field: string, kind: ValueKind, isLabel: (s: Segment) => boolean): Cand[] {
  const out: Cand[] = [];
  for (const hit of hits) {
    if (hit.field !== field) continue;
    for (const c of nextTo(hit, hits, kind, isLabel)) out.push({ ...c, label: hit.seg });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Every money amount printed on the pages (for arithmetic fill-ins). */
export function moneyPool(layouts: PageLayout[]): Cand[] {
  const out: Cand[] = [];
  for (const layout of layouts) {
    for (const seg of layout.segments) {
      for (const a of findAmounts(seg.text)) {
        if (/^\s*%/.test(seg.text.slice(a.end)) || !(a.hasCurrency || /[.,]\d{2}$/.test(a.text) || /\d[,.]\d{3}/.test(a.text))) continue;
        out.push({ ...candidate(layout, seg, a.start, a.end, 0.3), value: a.value });
      }
    }
  }
  return out;
}

/** Unlabelled values: the first self-identifying value of the kind, or a vocabulary word starting a segment. */
export function unlabelled(layouts: PageLayout[], hint: FieldHint): Cand[] {
  const out: Cand[] = [];
  const near = hint.near?.map(compact);
  const vocab = (hint.values ?? []).map((v) => ({ v, key: compact(v) })).sort((a, b) => b.key.length - a.key.length);
  for (const layout of layouts) {
    for (const seg of layout.segments) {
      if (hint.fallback && (!near || nearWords(layout, seg.row, near))) {
        const v = findValue(hint.fallbackKind ?? hint.kind, seg.text);
        // "東塩小路町 6-25-17" in an address is a house number, not an unlabelled date.
        const before = layout.rows[seg.row]?.segments.filter((o) => o.box.x1 <= seg.box.x0).at(-1);
        const houseNo =
          hint.kind === "date" &&
          v &&
          v.score < 1 &&
          ((/\p{L}\s?$/u.test(seg.text.slice(0, v.start)) && looksAddress(seg.text)) ||
            (!seg.text.slice(0, v.start).trim() && !!before && looksAddress(before.text)));
        // The date on the title line ("Handelsrechnung Nr. 471102 vom 05.03.2020") before any other (a "Version … vom" line).
        const titled =
          hint.kind === "date" && /(rechnung|invoice|facture|factuur|gutschrift|credit note|avoir|receipt|請求書|納品書)/iu.test(seg.text) ? 0.05 : 0;
        // "Card Expiry: 30/09/18", "valid until …": dates of something else; day/month order doubts matter less than reading order.
        const other =
          hint.kind === "date" && v && /\b(expiry|expires?|exp|valid|until|bis|best before|due|fällig|échéance)\b[^\d]*$/iu.test(seg.text.slice(0, v.start));
        if (v && v.score >= 0.6 && !houseNo && !other) out.push(candidate(layout, seg, v.start, v.end, 0.3 * (v.score >= 0.9 ? 1 : v.score) + titled, v.text));
      }
      const key = compact(seg.text);
      const word = vocab.find((x) => key.startsWith(x.key) && !/^\p{L}/u.test(seg.text.slice(x.v.length)));
      if (word && seg.text.slice(0, word.v.length).toLowerCase() === word.v.toLowerCase()) out.push(candidate(layout, seg, 0, word.v.length, 0.4));
    }
    if (out.length) break;
  }
  return out.sort((a, b) => b.score - a.score);
}

export const CURRENCY_CELL = /^([¥￥$€£₹]|円|[A-Z]{3}|RM|Fr\.?)$/u;

/** OCR often cuts "¥ | 2,801" or "1,081,890 | 円" into separate cells: a bare currency cell next to the amount is part of it. */
export function withCurrencyCells(layout: PageLayout, before: Segment | undefined, value: Segment, after: Segment | undefined, c: Cand): Cand {
  const close = (a: Segment, b: Segment) => b.box.x0 - a.box.x1 < 1.5 * (a.box.y1 - a.box.y0) * layout.aspect;
  const words = [
    ...(before && CURRENCY_CELL.test(before.text.trim()) && close(before, value) ? before.words : []),
    ...value.words,
    ...(after && CURRENCY_CELL.test(after.text.trim()) && close(value, after) ? after.words : []),
  ];
  if (words.length === value.words.length) return c;
  return { ...c, text: layout.join(words).text, wordIds: words.map((w) => w.id) };
}

export function toRaw(c: Cand | Picked | undefined, text?: string): RawValue | null {
  if (!c) return null;
  const wordIds = "wordIds" in c ? c.wordIds : c.segs.flatMap((s) => s.words.map((w) => w.id));
  return { text: text ?? c.text, page: c.page, wordIds, confidence: Math.max(0, Math.min(1, c.score)) };
}

/** Pick subtotal/tax/total so that subtotal + tax = total where the page allows it. */
export function consistentTotals(cands: Record<string, Cand[]>, lineSum: number | undefined, paid?: number): Record<string, Cand | undefined> {
  // The five best prints, each with its restoration if it has one (lost-cents.ts).
  const pick = (f: string) => {
    const all = cands[f] ?? [];
    const top = all.filter((c) => !c.repaired).slice(0, 5);
    return all.filter((c) => top.includes(c) || (c.repaired && top.some((t) => t.wordIds.join() === c.wordIds.join())));
  };
  const subs = [undefined, ...pick("subtotal")];
  const taxes = [undefined, ...pick("tax")];
  let best: { s: number; sub?: Cand; tax?: Cand; total?: Cand } = { s: -1 };
  for (const total of [undefined, ...pick("total")]) {
    for (const sub of subs) {
      for (const tax of taxes) {
        let s = (total?.score ?? 0) + (sub?.score ?? 0) + (tax?.score ?? 0);
        const [T, S, X] = [total?.value, sub?.value, tax?.value];
        const closes = T !== undefined && S !== undefined && X !== undefined && Math.abs(S + X - T) < 0.011;
        // A restored amount stands only where the arithmetic says what the print must have been.
        if ((sub?.repaired || tax?.repaired) && !closes) continue;
        if (closes) s += 1.5;
        // A total below the subtotal is suspect (or OCR lost a decimal point): a mild penalty only.
        if (T !== undefined && S !== undefined && T < S) s -= 0.5;
        if (T !== undefined) s += 0.2;
        if (S !== undefined && lineSum !== undefined && Math.abs(S - lineSum) < 0.011) s += 0.5;
        // On a receipt the cash handed over minus the change is the total.
        if (T !== undefined && paid !== undefined && Math.abs(T - paid) < 0.011) s += 1.5;
        if (T !== undefined && X !== undefined && X >= T) s -= 1;
        if (sub && total && sub.text === total.text && sub.wordIds.join() === total.wordIds.join()) s -= 2;
        if (s > best.s) best = { s, sub, tax, total };
      }
    }
  }
  return { subtotal: best.sub, tax: best.tax, total: best.total };
}

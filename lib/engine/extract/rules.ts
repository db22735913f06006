import { analyzePage, type PageLayout, type Segment, unionOf, wordIdsInRange, xOverlap } from "../layout/rows";
import { type ColumnSpec, extractTable, type TableRow } from "../layout/table";
import { compact } from "../layout/text";
import { dollarCountry, findAmounts, findCurrency, parseAmount } from "../parse/amount";
import { columnHints, type FieldHint, fieldHints, type ValueKind } from "../templates/lexicon";
import type { FieldSpec, OcrPage } from "../types";
import { compileLabels, findLabels, isLabelSegment, type LabelHit } from "./labels";
import { addressBelow, addressNear, honorificCustomer, joinLines, looksAddress, nameInSection, type Picked, recipientBelowSenderLine } from "./parties";
import { pickVendor } from "./vendor";
import type { Evidence, ExtractContext, Extractor, RawExtraction, RawField, RawRow, RawValue } from "./types";
import { inBankBlock, nearWords } from "./context";
import { findValue, skipLead } from "./values";
import { restoreYenSuffix } from "./yen-suffix";
import { rankDate, rankTotal, type RulesOptions, SHIPPED_RANK_MODEL, vendorChooser } from "./rank";
import { candidateEvidence, totalsEvidence } from "./rank/evidence";
import { type OwnMatcher, ownMatcher } from "../own";

export { type RulesOptions, SHIPPED_RANK_MODEL } from "./rank";

interface Cand {
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

function candidate(layout: PageLayout, seg: Segment, start: number, end: number, score: number, text?: string): Cand {
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
function nextTo(hit: LabelHit, hits: LabelHit[], kind: ValueKind, isLabel: (s: Segment) => boolean): Cand[] {
  const res: Cand[] = [];
  const { seg, layout } = hit;
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
    if (v) {
      let c = candidate(layout, right, at + v.start, at + v.end, base * REL_WEIGHT.right * v.score * (inl ? 0.8 : 1) * (1 - 0.05 * i), v.text);
      if (kind === "money" && at + v.start === 0 && at + v.end === right.text.length) c = withCurrencyCells(layout, rights[i - 1], right, rights[i + 1], c);
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
    if (v) {
      res.push(candidate(layout, under, at + v.start, at + v.end, base * (REL_WEIGHT.below - 0.15 * (k - 1)) * v.score, v.text));
      break;
    }
  }
  return res;
}

/** Values next to each label occurrence of a field, best first. */
function labelled(hits: LabelHit[], field: string, kind: ValueKind, isLabel: (s: Segment) => boolean): Cand[] {
  const out: Cand[] = [];
  for (const hit of hits) {
    if (hit.field !== field) continue;
    for (const c of nextTo(hit, hits, kind, isLabel)) out.push({ ...c, label: hit.seg });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Every money amount printed on the pages (for arithmetic fill-ins). */
function moneyPool(layouts: PageLayout[]): Cand[] {
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
function unlabelled(layouts: PageLayout[], hint: FieldHint): Cand[] {
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

const CURRENCY_CELL = /^([¥￥$€£₹]|円|[A-Z]{3}|RM|Fr\.?)$/u;

/** OCR often cuts "¥ | 2,801" or "1,081,890 | 円" into separate cells: a bare currency cell next to the amount is part of it. */
function withCurrencyCells(layout: PageLayout, before: Segment | undefined, value: Segment, after: Segment | undefined, c: Cand): Cand {
  const close = (a: Segment, b: Segment) => b.box.x0 - a.box.x1 < 1.5 * (a.box.y1 - a.box.y0) * layout.aspect;
  const words = [
    ...(before && CURRENCY_CELL.test(before.text.trim()) && close(before, value) ? before.words : []),
    ...value.words,
    ...(after && CURRENCY_CELL.test(after.text.trim()) && close(value, after) ? after.words : []),
  ];
  if (words.length === value.words.length) return c;
  return { ...c, text: layout.join(words).text, wordIds: words.map((w) => w.id) };
}

function toRaw(c: Cand | Picked | undefined, text?: string): RawValue | null {
  if (!c) return null;
  const wordIds = "wordIds" in c ? c.wordIds : c.segs.flatMap((s) => s.words.map((w) => w.id));
  return { text: text ?? c.text, page: c.page, wordIds, confidence: Math.max(0, Math.min(1, c.score)) };
}

/** Pick subtotal/tax/total so that subtotal + tax = total where the page allows it. */
function consistentTotals(cands: Record<string, Cand[]>, lineSum: number | undefined, paid?: number): Record<string, Cand | undefined> {
  const pick = (f: string) => (cands[f] ?? []).slice(0, 5);
  const subs = [undefined, ...pick("subtotal")];
  const taxes = [undefined, ...pick("tax")];
  let best: { s: number; sub?: Cand; tax?: Cand; total?: Cand } = { s: -1 };
  for (const total of [undefined, ...pick("total")]) {
    for (const sub of subs) {
      for (const tax of taxes) {
        let s = (total?.score ?? 0) + (sub?.score ?? 0) + (tax?.score ?? 0);
        const [T, S, X] = [total?.value, sub?.value, tax?.value];
        if (T !== undefined && S !== undefined && X !== undefined && Math.abs(S + X - T) < 0.011) s += 1.5;
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

/** Extract every requested field from already-analysed pages (exported for tests and the dev bench). */
export function extractFromLayouts(layouts: PageLayout[], fields: FieldSpec[], opts: RulesOptions = {}, own: OwnMatcher = ownMatcher()): RawExtraction {
  const rank = opts.rank === undefined ? SHIPPED_RANK_MODEL : opts.rank;
  const scalars = fields.filter((f) => f.type !== "array");
  const hints = new Map(scalars.map((f) => [f.name, hintFor(f)]));
  // Labels of all known fields take part, so "Total HT" is claimed by subtotal even when only total is asked.
  const all: Record<string, string[]> = Object.fromEntries(Object.entries(fieldHints).map(([k, v]) => [k, v.labels]));
  for (const [k, v] of hints) all[k] = v.labels;
  const compiled = compileLabels(all);
  const hits = findLabels(layouts, compiled);
  const isLabel = (s: Segment) => isLabelSegment(s, compiled);
  const totalsLabels = compileLabels({ t: ["subtotal", "total", "tax"].flatMap((f) => fieldHints[f]?.labels ?? []) });
  const isTotals = (row: { segments: Segment[] }) => row.segments.some((s) => isLabelSegment(s, totalsLabels, 0.34));

  const out: Record<string, RawField> = {};
  const cands: Record<string, Cand[]> = {};
  for (const f of scalars) {
    const hint = hints.get(f.name) as FieldHint;
    let c = labelled(hits, f.name, hint.kind, isLabel);
    if (hint.kind === "money") for (const x of c) x.value = parseAmount(x.text);
    // "Routing: … Account: 7468888197" (or "Account …" under a PAYMENT heading) is the bank account, not the customer's account with the issuer.
    if (hint.shape) c = c.filter((x) => hint.shape?.test(x.text));
    const avoid = hint.notNear?.map(compact);
    if (avoid) c = c.filter((x) => !inBankBlock(layouts, x, avoid));
    // Our own VAT id or IBAN printed on the page is the buyer's, never the issuer's.
    if (own.any && (hint.role === "vendor" || f.name === "iban")) c = c.filter((x) => !own.isOwnId(x.text) && !own.isOwn(x.text));
    cands[f.name] = c;
  }
  // Unlabelled fallbacks second, and never a value another field's label already claims.
  const claimed = new Set(Object.values(cands).flatMap((c) => c[0]?.wordIds ?? []));
  for (const f of scalars) {
    const hint = hints.get(f.name) as FieldHint;
    if ((cands[f.name]?.length ?? 0) > 0 || !(hint.fallback || hint.values)) continue;
    cands[f.name] = unlabelled(layouts, hint).filter((x) => !x.wordIds.some((id) => claimed.has(id)));
  }

  // A tax printed only per rate, with a single rate present, is the tax.
  for (const f of scalars) {
    const parts = hints.get(f.name)?.parts;
    if (!parts || (cands[f.name]?.length ?? 0) > 0) continue;
    const present = parts.map((p) => labelled(hits, p, "money", isLabel)).filter((c) => c.length > 0);
    if (present.length === 1 && present[0]) cands[f.name] = present[0].map((x) => ({ ...x, value: parseAmount(x.text) }));
  }

  // Dates: with a learned ranker for the field and no labelled date, every printed date competes (rank/date.ts).
  const dateNames = Object.keys(fieldHints).filter((n) => fieldHints[n]?.kind === "date");
  const dateLabels = Object.fromEntries(dateNames.map((n) => [n, cands[n] ?? labelled(hits, n, "date", isLabel)]));
  const dateEvidence: Record<string, Evidence> = {};
  for (const f of scalars.filter((x) => hints.get(x.name)?.kind === "date")) {
    const others = dateNames.filter((n) => n !== f.name);
    const pick = cands[f.name]?.[0];
    const ranked = rankDate(layouts, { field: f.name, labelled: dateLabels, rulesPick: pick, otherDateFields: others }, rank, opts.onCandidates);
    // A date read beside its own label, or on the document's title line ("Rechnung Nr. 4711 vom …"), stands (the
    // ranking lost to those in CV); the ranking decides among the other dates the rules would take unlabelled.
    // …unless the ranking's pick is the repair of that very print (a labelled "39/03/2018" is no date).
    const repairsPick =
      !!pick && !!ranked?.features.repaired && ranked.value.page === pick.page && ranked.value.wordIds.some((id) => pick.wordIds.includes(id));
    if (!ranked || (pick && (pick.label || ranked.rulesFeatures?.titled) && !repairsPick)) continue;
    // No date the rules would take (a receipt's "12-03-18 14:37": day and month order unknown): the document's own
    // date is still the ranking's pick when it reads as a date of this era and stands on no address line.
    if (!pick && (f.name !== "issue_date" || !ranked.iso || ranked.features.address || !ranked.features.year_ok)) continue;
    cands[f.name] = [ranked.value as Cand];
    dateEvidence[f.name] = ranked.evidence;
  }

  let lineSum: number | undefined;
  for (const f of fields.filter((x) => x.type === "array")) {
    const rows = extractItems(layouts, f, isTotals);
    out[f.name] = rows;
    const amounts = rows
      .map((r) => r.cells.amount?.text)
      .filter((t): t is string => !!t)
      .map((t) => parseAmount(t) ?? Number.NaN);
    if (amounts.length && amounts.every(Number.isFinite)) lineSum = Math.round(amounts.reduce((a, b) => a + b, 0) * 100) / 100;
  }
  // Labels lost to OCR (white on dark boxes): any printed amount that closes subtotal + tax = total.
  const pool = moneyPool(layouts);
  const best1 = (f: string) => cands[f]?.[0]?.value;
  const fill = (f: string, v: number | undefined) => {
    if (v === undefined || (cands[f]?.length ?? 0) > 0) return;
    const hit = pool.find((c) => c.value !== undefined && Math.abs(c.value - v) < 0.011);
    if (hit) cands[f] = [{ ...hit, score: 0.3 }];
  };
  const [S, X, T] = [best1("subtotal"), best1("tax"), best1("total")];
  if (fields.some((f) => f.name === "total") && S !== undefined && X !== undefined) fill("total", S + X);
  if (fields.some((f) => f.name === "subtotal") && T !== undefined && X !== undefined) fill("subtotal", T - X);
  // A "Total" printed after the change line belongs to a tax summary, not the bill.
  const changeAt = cands.change?.[0];
  if (changeAt?.y !== undefined) {
    for (const c of cands.total ?? []) if (c.page === changeAt.page && (c.y ?? 0) > changeAt.y) c.score *= 0.6;
    cands.total?.sort((a, b) => b.score - a.score);
  }
  const money = (f: string) => (cands[f]?.[0] ? parseAmount(cands[f]?.[0]?.text ?? "") : undefined);
  const [cash, change] = [money("cash_tendered"), money("change")];
  const paid = cash !== undefined && change !== undefined && cash > change ? Math.round((cash - change) * 100) / 100 : undefined;
  const totals: Record<string, Cand | undefined> = consistentTotals(cands, lineSum, paid);
  const evidence: Record<string, Evidence> = {};
  if (fields.some((f) => f.name === "total")) {
    const ranked = rankTotal(layouts, { labelled: cands, rulesPick: totals.total, paid, lineSum }, rank, opts.onCandidates);
    if (ranked) {
      totals.total = ranked.value;
      evidence.total = ranked.evidence;
    }
  }

  const first = layouts[0];
  const customerLabel = hits.find((h) => h.field === "customer" && h.prefix);
  const section = (field: string) => {
    // Only a heading alone on its line opens a section ("Verkäufer:", "Rechnungsempfänger").
    for (const h of hits.filter((x) => x.field === field && x.prefix && x.coverage > 0.7 && !x.seg.text.slice(x.end).replace(/[\s:：]/g, ""))) {
      const p = nameInSection(h.layout, h.seg);
      if (p) return p;
    }
    return undefined;
  };
  let customer: Picked | undefined;
  // A line naming us is the buyer block, wherever it is printed (first on the page, too).
  const isOwnSeg = (seg: Segment) => own.any && own.isOwn(seg.text);
  const ownSeg = first?.segments.find((seg) => own.any && own.isOwnName(seg.text));
  if (first && ownSeg) customer = { text: ownSeg.text.trim(), page: first.page.index, segs: [ownSeg], score: 0.95 };
  else if (first) {
    customer = honorificCustomer(first) ?? section("customer");
    const c = cands.customer?.[0];
    if (!customer && c) customer = { text: c.text, page: c.page, segs: first.segments.filter((s) => c.wordIds.includes(s.words[0]?.id ?? "")), score: c.score };
  }
  const sectionVendor = section("vendor");
  const vendorSection = sectionVendor && !own.isOwn(sectionVendor.text) ? sectionVendor : undefined;
  const chooser = vendorChooser(rank, opts.onCandidates);
  const vendor = vendorSection ?? (first ? pickVendor(first, (seg) => isLabel(seg) || isOwnSeg(seg), customer?.segs[0], chooser.choose) : undefined);
  const vendorEvidence = vendorSection ? undefined : chooser.evidence();
  if (first && !customer && vendor) {
    const r = recipientBelowSenderLine(first, compact(vendor.text));
    if (r) customer = { text: r.text.trim(), page: first.page.index, segs: [r], score: 0.7 };
  }

  for (const f of scalars) {
    const hint = hints.get(f.name) as FieldHint;
    const c = cands[f.name] ?? [];
    if (f.name in totals && ["subtotal", "tax", "total"].includes(f.name)) {
      const v = toRaw(totals[f.name]);
      const ev = evidence[f.name] ?? (v ? totalsEvidence(totals, c, totals[f.name]) : undefined);
      out[f.name] = v && ev ? { ...v, evidence: ev } : v;
    } else if (hint.role === "vendor" && hint.kind === "name") {
      const labelled = !vendorSection && c[0] && c[0].score > 0.8 && !own.isOwn(c[0].text) ? c[0] : undefined;
      const v = toRaw(vendorSection ?? labelled ?? vendor);
      // a name restored from digits the OCR read for its letters is not the print: never auto-accepted
      const restored = !vendorSection && !labelled && vendor?.repaired ? { repaired: 1 } : undefined;
      const ev = vendorEvidence || restored ? { source: "structure", ...vendorEvidence, ...restored } : undefined;
      out[f.name] = v && !labelled && ev ? { ...v, evidence: ev } : v;
    } else if (hint.role === "customer" && hint.kind === "name") {
      out[f.name] = toRaw(customer);
    } else if (hint.kind === "address" && first) {
      const anchor = hint.role === "vendor" ? vendor : hint.role === "customer" ? customer : undefined;
      const label = hits.find((h) => h.field === f.name && h.prefix && h.coverage > 0.6);
      // A name glued from several runs anchors its address by their union, on its last line.
      const merged = anchor?.segs.length
        ? { ...(anchor.segs.at(-1) as Segment), row: Math.max(...anchor.segs.map((s) => s.row)), box: unionOf(anchor.segs.map((s) => s.box)) }
        : undefined;
      const from = merged ?? (hint.role === "customer" ? customerLabel?.seg : label?.seg);
      let lines = from && first ? (anchor ? addressNear(first, from, isLabel) : addressBelow(first, from, isLabel)) : [];
      if (hint.role === "vendor" && vendor && lines.length === 0) {
        // The name may be repeated (footer, remit-to block) with the address under it.
        const key = compact(vendor.text);
        for (const s of first.segments) if (s !== from && compact(s.text) === key) lines = lines.length ? lines : addressBelow(first, s, isLabel);
      }
      if (hint.role === "ship_to" && label) {
        lines = addressBelow(first, label.seg, isLabel);
        if (lines[0] && !/\d/.test(lines[0].map((s) => s.text).join(""))) lines = lines.slice(1);
      }
      if (hint.role === "customer" && !anchor && lines[0] && !/\d/.test(lines[0].map((s) => s.text).join(""))) lines = lines.slice(1);
      out[f.name] = lines.length
        ? { text: joinLines(lines), page: first.page.index, wordIds: lines.flat().flatMap((s) => s.words.map((w) => w.id)), confidence: 0.6 }
        : null;
    } else if (hint.kind === "currency") {
      const printed = c[0];
      // The total's own symbol first; the page's text only when the amounts carry none.
      const pageText = layouts.flatMap((l) => l.segments.map((s) => s.text)).join(" ");
      const sources = [totals.total, totals.subtotal].filter((c): c is Cand => c !== undefined);
      const found = [...sources.map((c) => ({ c, hit: findCurrency(c.text) })), { c: undefined, hit: findCurrency(pageText) }].find((x) => x.hit);
      const code = found?.hit ? dollarCountry(found.hit.code, pageText) : undefined;
      // A code read off a symbol ("€" → EUR) is not printed as such: it carries the mark it was inferred from, located by the matcher.
      const inferredFrom =
        found?.hit && found.hit.mark !== code ? { text: found.hit.mark, ...(found.c ? { wordIds: toRaw(found.c)?.wordIds ?? [] } : {}) } : undefined;
      const page = found?.c?.page ?? first?.page.index ?? 0;
      out[f.name] = printed ? toRaw(printed) : code ? { text: code, page, confidence: 0.5, ...(inferredFrom ? { inferredFrom } : {}) } : null;
    } else {
      const v = toRaw(c[0]);
      out[f.name] = v && c[0] ? { ...v, evidence: dateEvidence[f.name] ?? candidateEvidence(c) } : v;
    }
  }
  void customerLabel;
  for (const f of scalars) {
    const v = out[f.name];
    if (v && !Array.isArray(v) && "text" in v && hints.get(f.name)?.kind === "money") out[f.name] = restoreYenSuffix(layouts, v);
  }
  return { fields: out };
}

function extractItems(layouts: PageLayout[], spec: FieldSpec, isTotals: (row: { segments: Segment[] }) => boolean): RawRow[] {
  const children = spec.children ?? [];
  const colSpecs: ColumnSpec[] = Object.entries(columnHints)
    .filter(([name, h]) => !h.onlyWhenAsked || children.some((c) => c.name === name))
    .map(([name, h]) => ({
      name,
      labels: [...h.labels, ...(children.find((c) => c.name === name) ? [] : [])],
      numeric: h.kind === "money" || h.kind === "quantity",
    }));
  for (const c of children) {
    if (columnHints[c.name]) continue;
    colSpecs.push({ name: c.name, labels: hintFor(c).labels, numeric: c.type === "number" });
  }
  const rows: TableRow[] = extractTable(layouts, colSpecs, isTotals);
  return rows.map((r) => {
    const cells: Record<string, RawValue | null> = {};
    for (const c of children) {
      const cell = r.cells[c.name];
      let text = cell?.text.replace(/^※\s*|\s*※$/gu, "").trim();
      // A number cell is its number: OCR specks around it ("“24,000") are not printed text.
      const amount = c.type === "number" && text ? findAmounts(text).filter((a) => !/^\s*%/.test((text ?? "").slice(a.end))) : [];
      if (amount.length === 1 && amount[0]) text = amount[0].text;
      cells[c.name] =
        cell && text ? { text, page: r.page, wordIds: cell.words.map((w) => w.id), confidence: 0.8, ...(cell.shared ? { shared: true } : {}) } : null;
    }
    return { cells };
  });
}

/** The deterministic rules extractor (multilingual labels, typed candidates, layout, consistency). */
export function createRulesExtractor(opts: RulesOptions = {}): Extractor {
  return {
    name: "rules",
    async extract(pages: OcrPage[], fields: FieldSpec[], ctx?: ExtractContext): Promise<RawExtraction> {
      return extractFromLayouts(pages.map(analyzePage), fields, opts, ownMatcher(ctx?.own));
    },
  };
}

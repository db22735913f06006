import { analyzePage, type PageLayout, type Segment, unionOf } from "../layout/rows";
import { type ColumnSpec, extractTable, type TableRow } from "../layout/table";
import { compact } from "../layout/text";
import { dollarCountry, findAmounts, findCurrency, parseAmount } from "../parse/amount";
import { columnHints, type FieldHint, fieldHints, isMoneyKind } from "../templates/lexicon";
import type { FieldSpec, OcrPage } from "../types";
import { compileLabels, endsWithLabel, findLabels, isLabelSegment } from "./labels";
import { addressBelow, addressNear, honorificCustomer, joinLines, nameInSection, type Picked, recipientBelowSenderLine } from "./parties";
import { pickVendor } from "./vendor";
import type { Evidence, ExtractContext, Extractor, RawExtraction, RawField, RawRow, RawValue } from "./types";
import { inBankBlock } from "./context";
import { restoreYenSuffix } from "./yen-suffix";
import { withLostCents } from "./lost-cents";
import { withoutWholeAmounts } from "./whole-amounts";
import { rankDate, rankTotal, type RulesOptions, SHIPPED_RANK_MODEL, vendorChooser } from "./rank";
import { candidateEvidence, totalsEvidence } from "./rank/evidence";
import { type OwnMatcher, ownMatcher } from "../own";
import { type Cand, consistentTotals, hintFor, labelled, moneyPool, toRaw, unlabelled } from "./candidates";

export { type RulesOptions, SHIPPED_RANK_MODEL } from "./rank";
export { hintFor } from "./candidates";

/** The rate a printed percentage states ("19 %", "8,5%", "（10％）"), or undefined. */
function percentOf(text: string): number | undefined {
  const m = /(\d{1,2}(?:[.,]\d{1,3})?)\s*[%％]/u.exec(text.normalize("NFKC"));
  return m?.[1] ? Number(m[1].replace(",", ".")) : undefined;
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
  const isTotals = (row: { segments: Segment[] }) => row.segments.some((s) => isLabelSegment(s, totalsLabels, 0.34) || endsWithLabel(s, totalsLabels));

  const out: Record<string, RawField> = {};
  const cands: Record<string, Cand[]> = {};
  for (const f of scalars) {
    const hint = hints.get(f.name) as FieldHint;
    let c = labelled(hits, f.name, hint.kind, isLabel);
    if (isMoneyKind(hint.kind)) for (const x of c) x.value = parseAmount(x.text);
    // A cash rounding is less than the smallest coin: "Total After Rounding 100.60" holds its label's word, not a rounding.
    if (hint.kind === "adjustment") c = c.filter((x) => x.value !== undefined && Math.abs(x.value) < (/[.,]\d{1,2}\)?-?$/.test(x.text) ? 1 : 100));
    // "Routing: … Account: 7468888197" (or "Account …" under a PAYMENT heading) is the bank account, not the customer's account with the issuer.
    if (hint.shape) c = c.filter((x) => hint.shape?.test(x.text));
    const avoid = hint.notNear?.map(compact);
    if (avoid) c = c.filter((x) => !inBankBlock(layouts, x, avoid));
    // Our own VAT id or IBAN printed on the page is the buyer's, never the issuer's.
    if (own.any && (hint.role === "vendor" || f.name === "iban")) c = c.filter((x) => !own.isOwnId(x.text) && !own.isOwn(x.text));
    cands[f.name] = c;
  }
  // A page taxed at two rates ("消費税(10%)" and "消費税(8%軽減)", "MwSt 19 %" and "MwSt 7 %") has no one rate:
  // either printed rate alone would be a wrong value for the document.
  // The lines that state a rate: the field's own labels, a field sharing them ("Tax", "MwSt" of the tax amount) and
  // the per-rate parts of that field (tax_10, tax_8), whose longer labels claim their lines.
  for (const f of scalars) {
    const hint = hints.get(f.name);
    if (hint?.kind !== "percent") continue;
    const own = new Set(hint.labels.map(compact));
    const sharing = Object.entries(fieldHints).filter(([, h]) => h.labels.some((l) => own.has(compact(l))));
    const fieldsOf = new Set([f.name, ...sharing.flatMap(([n, h]) => [n, ...(h.parts ?? [])])]);
    const rates = new Set(hits.filter((h) => fieldsOf.has(h.field)).flatMap((h) => percentOf(h.seg.text) ?? []));
    if (rates.size > 1) cands[f.name] = [];
  }
  // Unlabelled fallbacks second, and never a value another field's label already claims.
  const claimed = new Set(Object.values(cands).flatMap((c) => c[0]?.wordIds ?? []));
  for (const f of scalars) {
    const hint = hints.get(f.name) as FieldHint;
    if ((cands[f.name]?.length ?? 0) > 0 || !(hint.fallback || hint.values)) continue;
    cands[f.name] = unlabelled(layouts, hint).filter((x) => !x.wordIds.some((id) => claimed.has(id)));
  }

  // A payment line's whole number on a page that prints cents is a stray number, not the amount (whole-amounts.ts);
  // subtotal, tax and total keep theirs for the page's arithmetic (a lost decimal mark, lost-cents.ts).
  const pool = moneyPool(layouts);
  const pageText = (page: number) =>
    layouts
      .find((l) => l.page.index === page)
      ?.segments.map((s) => s.text)
      .join(" ") ?? "";
  for (const f of scalars) {
    if (hints.get(f.name)?.kind !== "money" || ["subtotal", "tax", "total"].includes(f.name) || !cands[f.name]) continue;
    cands[f.name] = withoutWholeAmounts(cands[f.name] ?? [], pool, pageText);
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
    // A column's header that is also a totals label ("Total HT", "Total", "Amount") reads the table's first cell
    // under it as its value: a cell of a table row is that row's, never the document's subtotal, tax or total.
    const cells = new Set(rows.flatMap((r) => Object.values(r.cells).flatMap((c) => (c ? (c.wordIds?.map((id) => `${c.page}:${id}`) ?? []) : []))));
    for (const name of ["subtotal", "tax", "total"])
      if (cands[name]) cands[name] = cands[name].filter((c) => !(c.label && c.row !== c.label.row && c.wordIds.some((id) => cells.has(`${c.page}:${id}`))));
  }
  // Labels lost to OCR (white on dark boxes): any printed amount that closes subtotal + tax = total.
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
  const printed = ["subtotal", "tax", "total"].flatMap((f) => cands[f] ?? []);
  for (const f of ["subtotal", "tax"]) if (cands[f]) cands[f] = withLostCents(cands[f], printed, pool);
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
      const found = evidence[f.name] ?? (v ? totalsEvidence(totals, c, totals[f.name]) : undefined);
      const ev = found && totals[f.name]?.repaired ? { ...found, repaired: 1 } : found;
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

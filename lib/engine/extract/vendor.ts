/**
 * The issuer's name on a page without a labelled vendor: the lines of the top block that may
 * be a name (never a title, label, contact, address, sentence or the customer), their features
 * for the learned ranking (rank/index.ts), and the pick, widened to the whole printed name.
 */
import type { PageLayout, Segment } from "../layout/rows";
import { compact } from "../layout/text";
import { findCurrency } from "../parse/amount";
import { columnHints } from "../templates/lexicon";
import { hasLegalForm, hasLegalFormAtEnd, repairLegalForm } from "../templates/legal-forms";
import { HONORIFIC, hasDigit, looksAddress, looksContact, type Picked, segH as h } from "./parties";
import { agreesWithDomain, domainLabels, footerNames } from "./vendor-evidence";
import { blockEnd, blockFeatures, REG_LINE } from "./vendor-block";
import { LEADING_CODE, nameExtent } from "./vendor-extent";
import { spelledAsElsewhere, tradeWordSpelling } from "./vendor-spelling";
import { COMPANY_BASE, closedBracket, formBelow, formOnly, REG_SAME, spacedBrackets, TRADE } from "./vendor-lines";

// Legal forms say "company name" strongly; trade words only weakly (titles use them too).
// The forms of many countries are data (templates/lexicon/legal-forms.json).
// (a form with a misread letter counts: "KING'S BAKERY §/B 273500-U")
const COMPANY = { test: (t: string) => COMPANY_BASE.test(t) || hasLegalForm(t) || (/\d/.test(t) && hasLegalForm(repairLegalForm(t))) };
const TITLE =
  /^(invoice|invoices|retail invoices?(\/bill)?|bill|tax invoice|simplified tax invoice|cash sales?|cash bill|official receipt|statement of \w+|rechnung|facture|factuur|請求書|御請求書|納品書|領収証|領収書|レシート|お買上明細|receipt|delivery note|lieferschein|bon de livraison|quittung|reçu|quote|estimate|statement)$/iu;
/** A document title, also when letter-spaced ("納 品 書", "I N V O I C E"), punctuated ("FACTUUR.") or behind a logo speck. */
const isTitle = (raw: string) => {
  const t = raw.replace(/^[\s\-–—*=~]+|[\s\-–—*=~.:!]+$/gu, "").trim();
  return TITLE.test(t) || TITLE.test(t.replace(/\s+/g, "")) || TITLE.test(t.replace(/^\S{1,2}\s+/, ""));
};
// Table headings and receipt columns are never a name.
const COLUMN_LABELS = new Set(Object.values(columnHints).flatMap((h) => h.labels.map(compact)));
const HEADER =
  /^(amount|qty|quantity|desc|description|items?|price|unit price|total|sub ?total|rm|sen|unit|disc(ount)?|tax|gst|cashier|member|商品名|品名|品番|品目|数量|単価|金額|備考|摘要|小計|合計|内容)$/iu;
/** A currency or a per-unit price heading ("EUR", "RM", "EURO/kg", "€/Stk"): a column of the item lines, never a name. */
export function unitHeading(text: string): boolean {
  const t = text.trim();
  if (/^[\p{L}€$£¥]{1,5}\s*\/\s*\p{L}{1,3}$/u.test(t)) return true;
  const cur = findCurrency(t);
  return !!cur && cur.mark.toUpperCase() === t.toUpperCase();
}

/** A price run: "58,000", "1.60", "4.40 8" (a tax code after it). */
const PRICE = /^[^\p{L}]*\d{1,3}([,.]\d{3})+([.,]\d{2})?[^\p{L}]*$|^[^\p{L}]*\d+[.,]\d{2}[^\p{L}]{0,3}$/u;

/** A line that may be the issuer's name, with the hand-set score and the ranking's features. */
export interface VendorCandidate {
  seg: Segment;
  score: number;
  features: Record<string, number>;
  /** the whole printed name around the line (vendor-extent.ts): what the vendor is when this line is picked. */
  name: Picked;
}

/** The share of a line's words that are table headings ("Qty Description", "Qty Size Item"); 0 for a single word. */
function headerShare(text: string): number {
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length < 2) return 0;
  return words.filter((w) => HEADER.test(w.replace(/[^\p{L}]/gu, "")) || COLUMN_LABELS.has(compact(w))).length / words.length;
}

/** A sentence: three words or more closed by sentence punctuation, or four or more mostly lower-case. */
function closingSentence(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  const lower = words.filter((w) => /^\p{Ll}/u.test(w)).length;
  return (words.length >= 3 && /[.!?]$/.test(text.trim())) || (words.length >= 4 && lower / words.length >= 0.6);
}

/** Running text, not a name: several words, many of them starting lower-case, or closed by sentence punctuation. */
function looksSentence(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length < 3) return false;
  const lower = words.filter((w) => /^\p{Ll}/u.test(w)).length;
  return lower / words.length >= 0.4 || /[.!?]$/.test(text.trim());
}

/** Lines of the top block that may be the issuer's name: never a title, label, contact, address or the customer. */
export function vendorCandidates(layout: PageLayout, isLabel: (s: Segment) => boolean, customer?: Segment): VendorCandidate[] {
  const segs = layout.segments;
  const medianH = [...segs.map(h)].sort((a, b) => a - b)[Math.floor(segs.length / 2)] ?? 10;
  const keys = segs.map((s) => compact(s.text));
  const out: VendorCandidate[] = [];
  // The company line of the page's foot is one more candidate (the name alone), and the page's domains a check on any.
  const foot = new Set(footerNames(segs));
  const domains = domainLabels(segs);
  const end = blockEnd(layout);
  for (const [i, s] of [...segs, ...foot].entries()) {
    const text = s.text.trim();
    const footer = foot.has(s);
    if ((s.box.y0 > 400 && !footer) || text.length < 3 || text.length > 60) continue;
    if (s === customer || isTitle(text) || isLabel(s) || looksContact(text) || HONORIFIC.test(text) || unitHeading(text)) continue;
    if (
      /^[\d\s.,/:-]+$/.test(text) ||
      (hasDigit(text) && !COMPANY.test(text) && !REG_SAME.test(text)) ||
      (looksAddress(text) && !COMPANY.test(text) && !REG_SAME.test(text))
    )
      continue;
    // A closing sentence printed high on a short receipt ("Thank You, Please come again.") is no name.
    if (closingSentence(text) && !COMPANY.test(text)) continue;
    // OCR noise from logos: mostly non-letters, or no word of three letters.
    // A registration number in brackets after the name ("KEDAI MAJU CO. (M) BHD. (123456-X)") is no noise.
    // So is a till's or branch's code in front of it ("#000002 ACME TRADING (M) Sdn Bhd").
    const bare = text.replace(/\s*[(（{[][^)）}\]]*\d[^)）}\]]*[)）}\]]/gu, "").replace(LEADING_CODE, "");
    const letters = bare.match(/[\p{L}]/gu)?.length ?? 0;
    // A name closed by its legal form keeps letters the OCR read as digits ("MR. 0.1.7. (M) SDN BHD").
    const share = hasLegalFormAtEnd(bare) ? 0.45 : 0.6;
    if (letters < share * bare.replace(/\s/g, "").length || !/[\p{L}]{3}|[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]{2}/u.test(text)) continue;
    const row = layout.rows[s.row];
    if (row?.segments.some((o) => o !== s && /^(御中|様|殿)$/u.test(o.text.trim()) && o.box.x0 > s.box.x1)) continue;
    // A line priced on its own row is an item, not the issuer ("オフィスチェア … 58,000 290,000"); a row right over a
    // priced row is the heading of the item table ("Qty RM Disc Amt"), whatever its words.
    const priced = (r: number) => (layout.rows[r]?.segments.filter((o) => o !== s && PRICE.test(o.text.trim())).length ?? 0) >= 2;
    if (priced(s.row) || priced(s.row + 1)) continue;
    // "MERANTI RIA SDN BHD (765432-K)," — the comma closes the registration number, not an address line.
    const named = text.replace(/\s*[(（][^)）]*\d[^)）]*[)）][\s,.;]*$/u, "");
    const key = keys[i] ?? compact(text);
    // (a footer name is cut from its own line: that line is no repeat of it)
    const repeats = keys.filter((k, j) => j !== i && !(footer && segs[j]?.words[0] === s.words[0]) && k.length >= key.length && k.includes(key)).length;
    let score = 1 - s.box.y0 / 400;
    const conf = s.words.reduce((a, w) => a + w.conf, 0) / s.words.length;
    // Logos read as text come out big and unsure: never a name.
    if (conf < 0.5 && !COMPANY.test(text) && !TRADE.test(text)) continue;
    score -= Math.max(0, 0.8 - conf) * 2;
    score += Math.min(2, h(s) / medianH - 1) * 0.8;
    // "SETAPAK," continues an address; "(GST Reg No." is a registration line.
    // A sentence ("下記の通り納品いたしました。") is no name either.
    if (
      /[:：]/.test(text) ||
      /,$/.test(named) ||
      (headerShare(text) >= 0.6 && !COMPANY.test(text)) ||
      /^[(（]/.test(text) ||
      HEADER.test(text) ||
      COLUMN_LABELS.has(compact(text)) ||
      /[。！？]/u.test(text)
    )
      continue;
    if (COMPANY.test(text)) score += 1.2;
    // Names are capitalised; an all-lower-case line is handwriting or a slogan.
    const noUpper = !/\p{Lu}|[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]/u.test(text);
    if (noUpper) score -= 1;
    if (TRADE.test(text)) score += 0.4;
    if (repeats > 0) score += 0.6;
    const under = layout.rows.slice(s.row + 1, s.row + 4).map((r) => r.segments.map((o) => o.text).join(" "));
    const lettersOnly = text.replace(/[^\p{L}]/gu, "");
    const name = nameExtent(layout, s, score, isLabel, isTitle);
    // (a word widened over its row into the table's heading: "Menu" → "Qty Menu Desc Coupon Disc Price")
    if (name.text !== text && headerShare(name.text) >= 0.6 && !COMPANY.test(name.text)) continue;
    out.push({
      seg: s,
      score,
      name,
      features: {
        ...blockFeatures(layout, s, end),
        hand: score,
        y_rel: s.box.y0 / 400,
        height_rel: Math.min(4, h(s) / medianH),
        conf,
        legal: COMPANY.test(text) ? 1 : 0,
        trade: TRADE.test(text) ? 1 : 0,
        upper: lettersOnly.length > 1 && lettersOnly === lettersOnly.toUpperCase() ? 1 : 0,
        no_upper: noUpper ? 1 : 0,
        repeats: Math.min(2, repeats),
        length: Math.min(60, text.length) / 60,
        words: Math.min(10, text.split(/\s+/).length) / 10,
        digit: hasDigit(text) ? 1 : 0,
        addr_below: under.some((t) => looksAddress(t)) ? 1 : 0,
        reg_below: under.some((t) => REG_LINE.test(t)) ? 1 : 0,
        centred: 1 - Math.min(1, Math.abs((s.box.x0 + s.box.x1) / 2 - 500) / 500),
        noise: 1 - letters / Math.max(1, bare.replace(/\s/g, "").length),
        sentence: looksSentence(text) ? 1 : 0,
        legal_end: hasLegalFormAtEnd(text) ? 1 : 0,
        reg_same: REG_SAME.test(text) ? 1 : 0,
        form_below: formBelow(layout, s) ? 1 : 0,
        form_only: formOnly(text) ? 1 : 0,
        footer: footer ? 1 : 0,
        domain: agreesWithDomain(named, domains) ? 1 : 0,
      },
    });
  }
  // One name, one extent: a line whose whole extent lies inside another candidate's larger one gives that name
  // too (a name the OCR split over runs of slightly different baselines widens fully from one run only).
  const wordsOf = (p: Picked) => new Set(p.segs.flatMap((o) => o.words.map((w) => w.id)));
  const wholeName = (c: VendorCandidate) => hasLegalFormAtEnd(c.name.text) && !formOnly(c.name.text);
  const extents = out.map((c) => wordsOf(c.name));
  for (const [k, c] of out.entries()) {
    const mine = extents[k] as Set<string>;
    let size = mine.size;
    for (const [j, d] of out.entries()) {
      const theirs = extents[j] as Set<string>;
      // (a name closed by its legal form is not continued by a trade word under it: "… Sdn Bhd" / "Trading")
      const reopened = hasLegalFormAtEnd(c.name.text) && !hasLegalFormAtEnd(d.name.text);
      // (nor is a whole name closed by its legal form the tail of a heading's extent: "BRAND" / "Company Sdn Bhd" gives
      // two candidates, the heading line the joined name and this line the company alone, and the ranking chooses)
      const headed = wholeName(c) && d.name.segs.every((o) => mine.has(o.words[0]?.id ?? "") || o.row < (c.name.segs[0]?.row ?? 0));
      if (theirs.size > size && !reopened && !headed && [...mine].every((id) => theirs.has(id))) {
        c.name = d.name;
        size = theirs.size;
      }
    }
    // the name this line gives: over several lines, closed by a legal form
    c.features.ext_lines = Math.min(3, new Set(c.name.segs.map((o) => o.row)).size) - 1;
    c.features.ext_legal_end = hasLegalFormAtEnd(c.name.text) ? 1 : 0;
  }
  // Reading order among the candidates and the tallest of them.
  const maxH = Math.max(0, ...out.map((c) => c.features.height_rel ?? 0));
  // The legal name printed under a brand heading ("BRAND" / "Brand Retail Sdn Bhd"): the first company line of the top block,
  // and for a line without a legal form, whether one follows it there.
  const firstLegal = out.findIndex((c) => c.features.legal === 1 && c.features.footer === 0);
  out.forEach((c, k) => {
    c.features.order = out.length > 1 ? k / (out.length - 1) : 0;
    c.features.first = k === 0 ? 1 : 0;
    c.features.tallest = (c.features.height_rel ?? 0) >= maxH - 1e-9 ? 1 : 0;
    c.features.first_legal = k === firstLegal ? 1 : 0;
    c.features.legal_later = c.features.legal === 0 && firstLegal > k ? 1 : 0;
  });
  return out;
}

/** The issuer's name: big, high on page 1, company-shaped, repeated elsewhere; never a label or the customer.
 * `choose` picks among the candidates (the learned ranking); else the hand-set score decides. */
export function pickVendor(
  layout: PageLayout,
  isLabel: (s: Segment) => boolean,
  customer?: Segment,
  choose?: (cands: VendorCandidate[]) => number | undefined,
): Picked | undefined {
  const cands = vendorCandidates(layout, isLabel, customer);
  const chosen = choose ? choose(cands) : undefined;
  let best = chosen !== undefined ? cands[chosen] : undefined;
  if (!best) for (const c of cands) if (!best || c.score > best.score) best = c;
  if (!best) return undefined;
  const name = tradeWordSpelling(spelledAsElsewhere(layout, best.name));
  return { ...name, text: closedBracket(spacedBrackets(name.text)) };
}

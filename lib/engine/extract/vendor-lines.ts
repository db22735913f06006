/**
 * The whole printed name around the vendor line the ranking picked: the rest of its row when
 * OCR cut the name into runs ("BKT | ENTERPRISE | SDN | BHD"), and a neighbouring line that
 * holds only the legal form or trade word of a name set over two lines ("SINAR PENA" /
 * "CO. (M) SDN BHD", "TSH POWER HARDWARE" / "TRADING"). Structure and legal-form data only.
 */
import { type PageLayout, type Segment, xOverlap } from "../layout/rows";
import { hasLegalFormAtEnd, legalFormEnd, repairLegalForm, stripLegalForms } from "../templates/legal-forms";
import operators from "../templates/lexicon/operator-labels.json";
import { hasDigit, looksAddress, looksContact, type Picked, segH as h } from "./parties";

/** Legal forms as the vendor ranking has always read them (besides the data of templates/lexicon/legal-forms.json). */
export const COMPANY_BASE =
  /\b(inc|ltd|llc|llp|plc|gmbh|ag|kg|e\.\s?k|ohg|ug|sas|sarl|sa|sasu|eurl|co(?=\.)|corp|corporation|limited|dac|pty|bhd|sdn|s\/b|s\.?a\.?r\.?l|s\.?p\.?a|b\.?v|n\.?v)\b\.?|株式会社|有限会社|合同会社|（株）|\(株\)/iu;
/** Words of a trade that close a name ("… HARDWARE", "… TRADING", "… ENTERPRISE"); titles use them too, so only weakly. */
export const TRADE =
  /\b(group|studio|partners|services|solutions|trading|holdings|café|cafe|market|mart|store|shop|supplies|labs|restaurant|restoran|enterprises?|bakery|syarikat|perniagaan|kedai|hardware|stationery|books?|pharmacy|farmasi|supermarket|hypermarket)\b|商店|ストア|店$/iu;
const COMPANY_ALL = new RegExp(COMPANY_BASE.source, "giu");
const TRADE_ALL = new RegExp(TRADE.source, "giu");

/** A registration number in brackets on the name's line ("(728515-M)", "(1125830-V)"; OCR may read "(" as "{" or "["). */
export const REG_SAME = /[(（{[]\s*[A-Z]{0,3}\s*\d[\d\s-]{3,}\s*-?\s*[A-Z]?\s*[)）}\]]/u;

/**
 * True when a line holds nothing but legal-form and trade words and short bracketed qualifiers
 * ("SDN. BHD.", "CO. (M) SDN BHD", "TRADING"): it is the end of a name set over two lines.
 */
export function formOnly(text: string): boolean {
  if (!/\p{L}/u.test(text) || hasDigit(text)) return false;
  const rest = stripLegalForms(text.replace(/[(（][^)）]{0,4}[)）]/gu, " "))
    .replace(COMPANY_ALL, " ")
    .replace(TRADE_ALL, " ")
    .replace(/[^\p{L}]/gu, "");
  return rest.length <= 1;
}

/** The first segment of a neighbouring row in the name's column: overlapping it, set in about its size and close to it. */
function neighbour(layout: PageLayout, seg: Segment, dir: 1 | -1): Segment | undefined {
  const over = (r: number) => layout.rows[r]?.segments.find((x) => xOverlap(x.box, seg.box) > 0.3 || xOverlap(seg.box, x.box) > 0.3);
  let r = seg.row + dir;
  // A speck between the lines ("@", "."): no line of its own.
  while (layout.rows[r] && !/\p{L}{2}/u.test(over(r)?.text ?? "") && Math.abs(r - seg.row) < 3) r += dir;
  const o = over(r);
  if (!o) return undefined;
  const gap = dir > 0 ? o.box.y0 - seg.box.y1 : seg.box.y0 - o.box.y1;
  const ratio = h(o) / Math.max(1, h(seg));
  return gap < 1.2 * Math.max(h(seg), h(o)) && ratio > 0.6 && ratio < 1.6 ? o : undefined;
}

/** True when the line right under a segment holds only a legal form or trade word (the name continues there). */
export function formBelow(layout: PageLayout, seg: Segment): boolean {
  const o = neighbour(layout, seg, 1);
  return !!o && formOnly(o.text);
}

/**
 * The pick widened to its whole run on the row: neighbouring runs of the same height with no
 * column-sized gap between them, no digit, and no label, title or contact among them.
 */
export function widenOnRow(layout: PageLayout, best: Picked, ok: (s: Segment) => boolean, isLabel: (s: Segment) => boolean): Picked {
  const first = best.segs[0] as Segment;
  const row = layout.rows[first.row];
  if (!row || best.segs.length !== 1) return best;
  const gapTo = (o: Segment, near: Segment) => (o.box.x0 > near.box.x1 ? o.box.x0 - near.box.x1 : near.box.x0 - o.box.x1);
  const upper = (t: string) => t.replace(/[^\p{L}]/gu, "") === t.replace(/[^\p{L}]/gu, "").toUpperCase();
  // A word of the name the OCR boxed taller or shorter ("MEI | LET RESTAURANT"): set close by, a word of three
  // letters or more, in the name's case, within half to twice its height.
  const closeWord = (o: Segment, near: Segment) => {
    const r = h(o) / Math.max(1, h(first));
    return r > 0.5 && r < 2 && gapTo(o, near) < 2 * h(first) * layout.aspect && /\p{L}{3}/u.test(o.text) && upper(o.text) === upper(first.text);
  };
  const fits = (o: Segment, near: Segment) =>
    (Math.abs(h(o) - h(first)) < 0.3 * h(first) || closeWord(o, near)) &&
    !hasDigit(o.text) &&
    !looksContact(o.text) &&
    ok(o) &&
    gapTo(o, near) < 2.5 * h(first) * layout.aspect;
  const i = row.segments.indexOf(first);
  if (i < 0) return best;
  let [a, b] = [i, i];
  while (a > 0 && fits(row.segments[a - 1] as Segment, row.segments[a] as Segment)) a--;
  while (b < row.segments.length - 1 && fits(row.segments[b + 1] as Segment, row.segments[b] as Segment)) b++;
  // A label word inside the name stays ("SLF | CASH | & | CARRY"); one at either end is a label.
  // So does a connector ("&"); a lone letter at either end is a logo or a speck ("M | Müller GmbH"), unless a connector joins it ("B | & | BEST").
  // (the connector may be the inner run's first or last word: "B | & BEST RESTAURANT")
  const connector = (s?: Segment) => !!s && /^[&+]$/.test(s.text.trim());
  const joins = (inner: Segment | undefined, side: "left" | "right") =>
    connector(inner) || (!!inner && (side === "left" ? /^[&+]\s/u : /\s[&+]$/u).test(inner.text.trim()));
  const end = (s: Segment, inner: Segment | undefined, side: "left" | "right") =>
    isLabel(s) || connector(s) || (!/\p{L}{2}/u.test(s.text) && !joins(inner, side));
  while (a < i && end(row.segments[a] as Segment, row.segments[a + 1], "left")) a++;
  while (b > i && end(row.segments[b] as Segment, row.segments[b - 1], "right")) b--;
  if (a === i && b === i) return best;
  const segs = row.segments.slice(a, b + 1);
  const left = segs.slice(0, i - a).map((s) => s.text.trim());
  const right = segs.slice(i - a + 1).map((s) => s.text.trim());
  return { ...best, text: [...left, best.text, ...right].join(" "), segs };
}

/**
 * A name set over two lines: a pick that is only the legal form takes the line above it
 * ("SINNATHAMBY HOLDINGS" / "SDN. BHD."); a pick without a legal form at its end takes the
 * line below it when that line is only a legal form or trade word ("SINAR PENA" / "CO. (M) SDN BHD").
 */
export function joinFormLine(layout: PageLayout, best: Picked, ok: (s: Segment) => boolean): Picked {
  const head = best.segs[0] as Segment;
  const tail = best.segs.at(-1) as Segment;
  if (formOnly(best.text)) {
    const above = neighbour(layout, head, -1);
    if (above && ok(above) && !hasDigit(above.text) && !looksContact(above.text) && !formOnly(above.text))
      return { ...best, text: `${above.text.trim()} ${best.text}`, segs: [above, ...best.segs] };
    return best;
  }
  if (hasLegalFormAtEnd(best.text)) return best;
  const below = neighbour(layout, tail, 1);
  if (below && ok(below) && (formOnly(below.text) || continuesName(best.text, tail, below)))
    return { ...best, text: `${best.text} ${below.text.trim()}`, segs: [...best.segs, below] };
  return best;
}

/**
 * True when the line under a name's line carries the rest of the name up to its legal form ("KORVANTI" /
 * "PRESS & PAPER SDN BHD"): both set in capitals and the same size, the line above three words at most and
 * neither closed by a form nor ending in punctuation, the line under closed by a legal form (a bracketed
 * registration number after it aside) with no number, address or contact in it.
 */
export function continuesName(text: string, seg: Segment, below: Segment): boolean {
  const rest = below.text.trim().replace(/\s*[(（][^)）]*\d[^)）]*[)）][\s,.;]*$/u, "");
  const ratio = h(below) / Math.max(1, h(seg));
  const capitals = (t: string) => {
    const letters = t.replace(/[^\p{L}]/gu, "");
    return letters.length > 0 && letters === letters.toUpperCase();
  };
  // (a branch or brand line over the legal name is longer: "STORE NAME M'SIA PARADIGM MALL" / "… SDN BHD")
  const words = (t: string) => t.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  return (
    ratio > 0.8 &&
    ratio < 1.25 &&
    words(text) <= 3 &&
    /\p{L}{2}/u.test(text) &&
    !/[,.:;]$/u.test(text.trim()) &&
    !hasDigit(text) &&
    !hasDigit(rest) &&
    hasLegalFormAtEnd(repairLegalForm(rest)) &&
    !looksAddress(rest) &&
    !looksContact(rest) &&
    capitals(text) &&
    capitals(stripLegalForms(rest))
  );
}

// Separators of a one-line sender address ("Name · Street 1 · 12345 City", "Name - Street 1 - City", "Name | …").
const SENDER_SEP = /\s[·|•–-]\s|\s?[·|•]\s?/u;

/** An operator's words between a brand and the company behind it, as a whole phrase (a colon after it optional). */
const OPERATED = new RegExp(
  `(?<![\\p{L}])(?:${Object.entries(operators)
    .filter(([k]) => !k.startsWith("_"))
    .flatMap(([, v]) => v as string[])
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+"))
    .join("|")})(?![\\p{L}])\\s*[:：]?`,
  "iu",
);

/**
 * The name alone, when the picked line carries more than the name:
 * - a sender line of a window envelope ("Acme Tools AG - Main Street 4 - 12345 Town"): the part before the
 *   first separator, when it has no digit and a later part has one (a street number, a postcode);
 * - a registration number printed after the closing legal form without brackets ("… S/B 273500-U (KSB)"):
 *   the name ends at its legal form when what follows is a number with letter codes at most;
 * - a brand and the company behind it ("GOLDEN WOK OWNED BY: LIM FOODS SDN BHD", an invented example): the company,
 *   when an operator's words (lexicon/operator-labels.json) introduce a name closed by its legal form.
 */
export function nameOnly(text: string): string {
  const op = OPERATED.exec(text);
  if (op) {
    const company = text.slice(op.index + op[0].length).trim();
    if (/\p{L}{2}/u.test(stripLegalForms(company)) && hasLegalFormAtEnd(repairLegalForm(company.replace(/\s*[(（][^)）]*\d[^)）]*[)）][\s,.;]*$/u, ""))))
      return nameOnly(company);
  }
  const parts = text.split(SENDER_SEP).map((p) => p.trim());
  const head = parts[0] ?? "";
  if (parts.length >= 2 && /\p{L}{2}/u.test(head) && !hasDigit(head) && parts.slice(1).some((p) => /\d/.test(p)) && parts.slice(1).join(" ").length > 4)
    return head;
  const end = legalFormEnd(text);
  if (end !== undefined && end < text.length) {
    const rest = text.slice(end);
    if (/\d{4,}/.test(rest) && !/\p{L}{5,}/u.test(rest)) return text.slice(0, end).trim();
  }
  return text;
}

/**
 * A name's brackets set apart from the words around them ("BAKERIES(KL)SDN BHD" → "BAKERIES (KL) SDN BHD"): names print
 * a space there and the line recogniser drops narrow spaces. Only round ASCII brackets (CJK names set none), and
 * not inside a word's own ending ("Item(s)": a single letter after a letter).
 */
export function spacedBrackets(text: string): string {
  return text.replace(/(?<=[\p{L}\p{N}.,])\((?![\p{Ll}]\))/gu, " (").replace(/\)(?=[\p{L}\p{N}])/gu, ") ");
}

/**
 * A bracket of the name the reader left open, closed before the legal form that ends the name (invented names:
 * "KORVANTI (M SDN BHD" → "KORVANTI (M) SDN BHD", "THE NORDIX (MALAYSIA SDN BHD"): a qualifier in brackets inside a
 * company's name closes before its form, and a thin ")" is a glyph the reader drops. Only when the words after the
 * bracket are a qualifier of letters and then the legal form alone.
 */
export function closedBracket(text: string): string {
  const open = text.lastIndexOf("(");
  if (open < 0 || text.indexOf(")", open) >= 0 || !hasLegalFormAtEnd(text)) return text;
  const rest = text.slice(open + 1);
  const words = rest.split(/\s+/).filter(Boolean);
  for (let k = 1; k < words.length; k++) {
    const inside = words.slice(0, k).join(" ");
    const form = words.slice(k).join(" ");
    if (!/^\p{L}[\p{L}.&' -]*$/u.test(inside) || inside.length > 24 || !/\p{L}/u.test(stripLegalForms(inside).replace(COMPANY_ALL, " "))) return text;
    if (hasLegalFormAtEnd(form) && !/\p{L}/u.test(stripLegalForms(form))) return `${text.slice(0, open)}(${inside}) ${form}`;
  }
  return text;
}

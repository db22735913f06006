import type { ValueKind } from "../templates/lexicon";
import { type AmountSpan, afterCurrencyLead, findAmounts, parseAmount } from "../parse/amount";
import { findDates, type DateOrder } from "../parse/date";
import { isEuVatShape, isValidBic, isValidIban } from "../parse/ids";

/** A typed value found inside a text: its character range and a 0–1 plausibility. */
export interface ValueHit {
  start: number;
  end: number;
  score: number;
  /** the value as printed when OCR misread it and a checksum restored it (else the text slice). */
  text?: string;
}

const first = (re: RegExp, text: string, score = 1): ValueHit | undefined => {
  const m = re.exec(text);
  return m ? { start: m.index + (m[0].length - (m[1] ?? m[0]).length), end: m.index + m[0].length, score } : undefined;
};

/** Strip label punctuation before a value (": ", "# ", "No. ", "：") and return where the value starts. */
export function skipLead(text: string, from: number, keepNo = false): number {
  // "Handelsrechnung (380) Nr. 471102": a document-type code in brackets may sit between label and number.
  const re = keepNo ? /^[\s:：#№°.\-–—=|]*/u : /^[\s:：#№°.\-–—=|]*(?:\(\d{3}\)\s*)?(?:(?:No|Nr|N°|n°|Nº|Num)\.?[\s:：#]*)?/u;
  const m = re.exec(text.slice(from));
  return from + (m?.[0].length ?? 0);
}

// Letters OCR reads for digits in an IBAN's check digits ("DES2" for "DE82", "FRO3" for "FR03").
const DIGIT_FOR: Record<string, string[]> = { O: ["0"], D: ["0"], Q: ["0"], I: ["1"], L: ["1"], S: ["5", "8"], B: ["8"], Z: ["2"], G: ["6"], T: ["7"] };

/**
 * An IBAN whose check digits OCR read as letters: the variant with digits there that passes
 * mod-97 is what was printed (the text keeps its length, so the matcher still finds it).
 */
function repairedIban(text: string): ValueHit | undefined {
  for (const m of text.matchAll(/\b([A-Z]{2})([0-9A-Z]{2})((?:[ ]?[A-Z0-9]{1,4}){3,8})/g)) {
    const [whole, cc, check, rest] = [m[0], m[1] ?? "", m[2] ?? "", m[3] ?? ""];
    if (/^\d\d$/.test(check)) continue;
    const options = [...check].map((c) => (/\d/.test(c) ? [c] : (DIGIT_FOR[c] ?? [])));
    for (const a of options[0] ?? []) {
      for (const b of options[1] ?? []) {
        let t = `${cc}${a}${b}${rest}`;
        while (t.length > 14 && !isValidIban(t)) t = t.replace(/[ ]?[A-Z0-9]{1,4}$/, "");
        if (isValidIban(t)) return { start: m.index ?? 0, end: (m.index ?? 0) + Math.min(whole.length, t.length), score: 0.9, text: t };
      }
    }
  }
  return undefined;
}

/** Spans that read as a phone number: 9+ digits in 3+ groups (or an international/area-code prefix), no date. */
function phoneSpans(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/\+?\(?\d[\d\s().\-/]{5,}\d/g)) {
    const t = m[0];
    const digits = t.match(/\d/g)?.length ?? 0;
    const groups = t.split(/[\s().\-/]+/).filter(Boolean).length;
    if (digits < 9 || digits > 15 || findDates(t).length > 0) continue;
    // Three groups, an international or bracketed area code, or a national one: the trunk prefix 0 and an area code
    // before one subscriber group ("03-60571377", "020 7604101"); "00" opens an international number, so "001-1105624"
    // (a till's receipt number) is none.
    if (!(groups >= 3 || /^\+|^\(/.test(t) || /^0[1-9]\d{0,3}[\s\-/]\d{6,8}$/.test(t))) continue;
    const start = m.index ?? 0;
    // Digits glued to a code's letters are part of that code ("NL1234.56.782.B01", a VAT id; "AB123.456.789X"): a
    // phone's label is a word (three letters or more) or stands apart.
    const after = text.slice(start + t.length, start + t.length + 2);
    if (/^\p{L}|^\.\p{L}/u.test(after) || /(?:^|[^\p{L}])\p{L}{1,2}$/u.test(text.slice(Math.max(0, start - 3), start))) continue;
    out.push({ start: m.index ?? 0, end: (m.index ?? 0) + t.length });
  }
  return out;
}

/** A till drops the units' zero before cents ("RM .00", "Rounding .02"): the lone mark belongs to the amount, which is not "00". */
const withDroppedZero =
  (text: string) =>
  (s: AmountSpan): AmountSpan =>
    /^\d{1,2}$/.test(s.text) && /(?:^|[^\d.,])[.,]$/.test(text.slice(0, s.start))
      ? { ...s, text: text.slice(s.start - 1, s.end), start: s.start - 1, value: parseAmount(text.slice(s.start - 1, s.end)) ?? s.value }
      : s;

/**
 * Digits that are no printed amount: a whole number with a leading zero ("00" split off "10. 00", "03" of a phone
 * number "03-7832 6929"), a whole number glued to letters ("3HD", a misread word) and a long ungrouped one with no
 * currency mark (a card or account number); cents glued to a tax code ("106.50s") still are one. Three zeros are
 * "0.00" with its point lost: zero however it was printed.
 */
function fragment(span: string, after: string): boolean {
  const digits = afterCurrencyLead(span).replace(/^[-−–(\s]+/, "");
  if (/[.,]\d/.test(digits) || /^000$/.test(digits)) return false;
  const bare = digits === span.replace(/^[-−–(\s]+/, "");
  return /^0\d/.test(digits) || /^\p{L}/u.test(after) || (bare && /^\d{8,}$/.test(digits));
}

/** The score of four bare digits as a card's last four: below the unlabelled fallback's floor (0.6), so only a label takes them. */
export const LAST4_BARE = 0.5;

/** The whole text is one date ("01.03.2018", "2018-03-01"). */
function isDateText(t: string): boolean {
  const d = findDates(t)[0];
  return !!d?.iso && d.text.length >= t.replace(/\.$/, "").length - 1;
}

/** Find a value of the given kind in text (from `from` on); undefined when there is none. */
export function findValue(kind: ValueKind, text: string, opts: { dateOrder?: DateOrder } = {}): ValueHit | undefined {
  switch (kind) {
    case "money": {
      // Amounts inside a date ("bis 04.07.2018") are not amounts.
      const dates = findDates(text);
      const phones = phoneSpans(text);
      const a = findAmounts(text)
        .map(withDroppedZero(text))
        .filter(
          (s) =>
            !/^\s*%/.test(text.slice(s.end)) &&
            !/\d[.,]?$/.test(text.slice(0, s.start)) &&
            !dates.some((d) => s.start < d.end && s.end > d.start) &&
            // a group of a phone number ("TEL: 03-7832 6929") is no amount; one with cents never is one
            !(/^\D*\d+\D*$/.test(s.text) && phones.some((p) => s.start < p.end && s.end > p.start)) &&
            !fragment(s.text, text.slice(s.end)) &&
            // a group of a hyphenated digit run ("03-7832 6929", "1-28-12") is a phone number or a code
            !/\d[-/]$/.test(text.slice(0, s.start)) &&
            !/^[-/]\d/.test(text.slice(s.end)),
        );
      const hit = a[0];
      if (!hit) return undefined;
      const score = hit.hasCurrency || /[.,]\d\d\)?$/.test(hit.text) ? 1 : 0.6;
      // Receipts box a total in brackets ("Total : ( 47.70)"): the brackets frame it, they do not make it negative.
      const framed = /^\(\s*/.exec(hit.text) && /\s*\)$/.exec(hit.text) && !/^\(\s*[-−–]/.test(hit.text);
      if (framed) {
        const lead = /^\(\s*/.exec(hit.text)?.[0].length ?? 0;
        const tail = /\s*\)$/.exec(hit.text)?.[0].length ?? 0;
        return { start: hit.start + lead, end: hit.end - tail, score };
      }
      return { start: hit.start, end: hit.end, score };
    }
    case "adjustment": {
      // A rounding line's sign is part of its value: "-0.02", "(0.02)", "0.02-".
      const hit = findValue("money", text);
      if (!hit) return undefined;
      let { start, end } = hit;
      if (text[start - 1] === "(" && /^\s*\)/.test(text.slice(end))) [start, end] = [start - 1, end + (/^\s*\)/.exec(text.slice(end))?.[0].length ?? 0)];
      else if (/^[-−]/.test(text.slice(end)) && /[.,]\d\d$/.test(text.slice(start, end))) end += 1;
      return { start, end, score: hit.score };
    }
    case "date": {
      const d = findDates(text, opts.dateOrder)[0];
      if (!d) return undefined;
      // Ambiguous day/month order is still a date; only a nonexistent one is doubtful.
      // "1-28-12" is as often a house number as a date: a weak candidate only.
      if (/^\d{1,2}-\d{1,2}-\d{2}$/.test(d.text)) return { start: d.start, end: d.end, score: d.iso ? 0.6 : 0.3 };
      return { start: d.start, end: d.end, score: d.iso ? 1 : /\d{1,2}[./]\d{1,2}[./]\d{2,4}/.test(d.text) ? 0.95 : 0.5 };
    }
    case "time":
      return first(/\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?/, text);
    case "percent":
      return first(/\d{1,2}(?:[.,]\d{1,3})?[\s\u00A0\u202F]?%/, text);
    case "email":
      return first(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/, text);
    case "phone": {
      const iban = findValue("iban", text);
      const p = phoneSpans(text).find((m) => !(iban && m.start < iban.end && m.end > iban.start));
      return p ? { ...p, score: 1 } : undefined;
    }
    case "iban": {
      const re = /[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{1,4}){3,8}/g;
      for (const m of text.matchAll(re)) {
        let t = m[0];
        // Trim trailing groups until the checksum holds (the next column may have been glued on).
        while (t.length > 14 && !isValidIban(t)) t = t.replace(/[ ]?[A-Z0-9]{1,4}$/, "");
        if (isValidIban(t)) return { start: m.index ?? 0, end: (m.index ?? 0) + t.length, score: 1 };
      }
      return repairedIban(text);
    }
    case "vatid": {
      // Groups may be split by spaces or dots ("NL1234.56.782.B01"); a following word glued on is trimmed off.
      for (const m of text.matchAll(/\b[A-Z]{2}[ ]?[0-9A-Z]{2}[0-9A-Z .]{6,14}\b/g)) {
        let t = m[0].trim();
        while (t.length > 8 && !isEuVatShape(t)) t = t.replace(/[ .]?[0-9A-Z]+$/, "");
        if (isEuVatShape(t)) return { start: m.index ?? 0, end: (m.index ?? 0) + t.length, score: 1 };
      }
      return undefined;
    }
    case "bic": {
      // The shape alone matches any 8- or 11-letter capitalised word ("CUSTOMER"): the country code must exist.
      for (const m of text.matchAll(/\b[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\b/g))
        if (isValidBic(m[0])) return { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, score: 1 };
      return undefined;
    }
    case "regno":
      return first(/[TＴ][\s-]?[0-9０-９](?:[\s-]?[0-9０-９]){12}/, text);
    case "last4": {
      // A masked card number ("****1234", "XXXX XXXX XXXX 1234", "xxxxxxxxxxxx1234") names its last four itself.
      const masked = /(?<![A-Za-z])(?:[*xX•]{2,}[\s*xX•-]*|ending in\s*|末尾\s*)(\d{4})\b/.exec(text);
      // Four bare digits are card evidence only beside a card label on their line (the caller's), and never a year a
      // date split off ("15/01/ | 2018"): a weak score keeps them out of the unlabelled fallback.
      const bare = masked ? undefined : /^\s*(\d{4})\s*$/.exec(text);
      const m = masked ?? bare;
      if (!m || m[1] === undefined) return undefined;
      const start = (m.index ?? 0) + m[0].lastIndexOf(m[1]);
      return { start, end: start + 4, score: masked ? 1 : LAST4_BARE };
    }
    case "currency":
      return first(/\b(?:USD|EUR|GBP|JPY|CAD|AUD|CHF)\b/, text);
    case "id": {
      // A VAT id printed in groups ("DE 232 446 240") is one identifier.
      const vat = findValue("vatid", text);
      if (vat && !text.slice(0, vat.start).trim()) return vat;
      // "Gutschrift (Selbst ausgestellte Rechnung) (389) Nr. 47110818": the number marker names the id, a bracketed code does not.
      const marked = /(?:^|\s)(?:Nr|No|N°|Nº|Nummer|Number|Num)\.?\s*[:#]?\s*([A-Za-z0-9][\w\-/.]*\d[\w\-/]*)/u.exec(text);
      if (marked?.[1] && (marked.index ?? 0) > 0 && !isDateText(marked[1])) {
        const start = (marked.index ?? 0) + marked[0].length - marked[1].length;
        return { start, end: start + marked[1].replace(/\.$/, "").length, score: 0.8 };
      }
      // The whole short remainder when it is one identifier-like phrase, else the first token with a digit.
      const t = text.trim();
      const lead = text.indexOf(t);
      // One- and two-character "numbers" are row numbers and quantities, not document ids; a date is no id.
      if (t.replace(/\s/g, "").length < 3) return undefined;
      const date = findDates(t)[0];
      if (date?.iso && date.text.length >= t.length - 1) return undefined;
      if (t && t.length <= 24 && /\d/.test(t) && t.split(/\s+/).length <= 2 && !/[:：]/.test(t) && /^[\p{L}\p{N}]/u.test(t)) {
        return { start: lead, end: lead + t.length, score: /\s/.test(t) ? 0.7 : 1 };
      }
      // A bracket glued in front ("[E9712572R" for "IE…") is part of what was read: the checks send it to review.
      for (const m of text.matchAll(/[[\]|]?[A-Za-z0-9][\w\-/.]*\d[\w\-/]*/g)) {
        const at = m.index ?? 0;
        // A bracketed document-type code "(389)" and a date are no id.
        if (text[at - 1] === "(" && text[at + m[0].length] === ")") continue;
        if (isDateText(m[0])) continue;
        return { start: at, end: at + m[0].length, score: 0.8 };
      }
      return undefined;
    }
    case "text": {
      // Free text ends at the first sentence break; a closing full stop is punctuation, not value.
      const t =
        text
          .trim()
          .split(/(?<=[a-z0-9])\.\s/)[0]
          ?.replace(/(?<=[\p{Ll}\d])\.$/u, "") ?? "";
      if (!t || !/[\p{L}\p{N}]/u.test(t)) return undefined;
      const lead = text.indexOf(t);
      return { start: lead, end: lead + t.length, score: 1 };
    }
    default: {
      const t = text.trim();
      if (!t || !/[\p{L}\p{N}]/u.test(t)) return undefined;
      const lead = text.indexOf(t);
      return { start: lead, end: lead + t.length, score: 1 };
    }
  }
}

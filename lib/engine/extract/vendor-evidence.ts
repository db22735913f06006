/**
 * Evidence for the issuer's name from outside the top block: the company line of the page's foot
 * (a legal name printed beside the capital, the register or the tax number: "Acme SAS au capital de …",
 * "Acme GmbH & Co. KG, Town") as one more candidate, and the page's web and e-mail domains, which
 * agree with the name's letters ("www.acme-tools.de" ~ "ACME TOOLS"). Structure and legal-form data only.
 */
import { type Segment, unionOf } from "../layout/rows";
import { compact } from "../layout/text";
import { legalFormEnd, stripLegalForms } from "../templates/legal-forms";
import { hasDigit } from "./parties";

/** The part of a segment up to a character offset, as a segment of its own (its words and box). */
function headOf(seg: Segment, end: number): Segment | undefined {
  const k = seg.spans.findIndex((sp) => sp.end >= end);
  if (k < 0) return undefined;
  const words = seg.words.slice(0, k + 1);
  const cut = seg.spans[k]?.end ?? end;
  return { ...seg, words, text: seg.text.slice(0, cut).replace(/[\s,;–-]+$/u, ""), spans: seg.spans.slice(0, k + 1), box: unionOf(words.map((w) => w.box)) };
}

/**
 * Company lines at the page's foot (below 60 % of its height): a line that starts with a name closed by a
 * legal form, with at most six words and no digit, no colon before it. Returned as the name alone.
 */
export function footerNames(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    if (s.box.y0 < 600) continue;
    const end = legalFormEnd(s.text);
    if (end === undefined) continue;
    const name = s.text.slice(0, end);
    const words = name.trim().split(/\s+/);
    // a name besides the form ("Sarl au capital …" names nobody)
    if (words.length > 6 || hasDigit(name) || /[:：@]/.test(name) || !/\p{L}{3}/u.test(stripLegalForms(name))) continue;
    const head = end < s.text.trim().length ? headOf(s, end) : s;
    if (head) out.push(head);
  }
  return out;
}

/** The registrable labels of the page's web and e-mail domains ("www.acme-tools.co.uk" → "acmetools"). */
export function domainLabels(segments: Segment[]): string[] {
  const out = new Set<string>();
  for (const s of segments) {
    for (const m of s.text.matchAll(/(?:www\s?\.\s?|@|https?:\/\/)([\p{L}\p{N}-]+(?:\s?\.\s?[\p{L}\p{N}-]+)+)/giu)) {
      const parts = (m[1] ?? "").toLowerCase().replace(/\s/g, "").split(".");
      // the label before the public suffix ("co.uk", "com.my", "de"): the longest of the leading parts
      const label = parts.slice(0, Math.max(1, parts.length - 1)).sort((a, b) => b.length - a.length)[0] ?? "";
      const key = label.replace(/[^\p{L}\p{N}]/gu, "");
      if (key.length >= 3 && !/^(www|mail|info|shop|web)$/.test(key)) out.add(key);
    }
  }
  return [...out];
}

/** True when a name's letters agree with a domain label: the label is the name's leading words run together, or starts with its first word. */
export function agreesWithDomain(text: string, labels: string[]): boolean {
  if (labels.length === 0) return false;
  const words = text
    .toLowerCase()
    .split(/\s+/)
    .map((w) => compact(w).replace(/[^\p{L}\p{N}]/gu, ""))
    .filter((w) => w.length > 0);
  const first = words[0] ?? "";
  for (const l of labels) {
    let run = "";
    for (const w of words) {
      run += w;
      if (run === l) return true;
      if (run.length > l.length) break;
    }
    // the first word as the domain's start ("popular" ~ "popularonline"), when it is most of it
    if (first.length >= 5 && first.length >= 0.5 * l.length && l.startsWith(first)) return true;
  }
  return false;
}

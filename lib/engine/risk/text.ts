import type { OcrPage } from "../types";

/** Signals of free text: a figure a name should not hold, a party's name spelt again in its page's contacts. */

/**
 * A figure inside free text: an amount with decimals, a percentage or a numeric date. A name or a
 * description rarely prints one ("16 GB", "0.5mm" are not), so a value holding one has most
 * likely swallowed a neighbouring column or line ("… Zilver 1 € 399,00 21%", "… Completed 2024-02-22").
 */
export const FIGURE = /\d[.,]\d{2}(?![\d.,])|\d\s?%|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/u;

/** Letters and digits only, without accents, lower case: how a name is spelt inside a domain. */
const domainFold = (t: string) =>
  t
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

/** The folded words of the page's e-mail addresses and web domains (a supplier's own name is usually in them). */
export function contactDomains(p: OcrPage | undefined): string[] {
  if (!p) return [];
  return p.words
    .map((w) => w.text.trim())
    .filter((t) => /\S@\S|^(https?:|www\.)|\.(com|net|org|[a-z]{2})\/?$/i.test(t))
    .map((t) => domainFold(t.replace(/^.*@/, "").replace(/\.[a-z]{2,4}\/?$/i, "")));
}

/** A party name one of whose words (≥ 4 letters) is spelt inside an e-mail address or web domain of its page. */
export function nameInContact(name: string, domains: string[]): boolean {
  if (domains.length === 0) return false;
  return name
    .split(/[\s,.&()/-]+/)
    .map(domainFold)
    .some((w) => w.length >= 4 && domains.some((d) => d.includes(w)));
}

/**
 * "My company": the organisation's own names, VAT/tax ids, IBANs and addresses, passed in
 * as data. They identify the buyer block — the extractor never returns them as the vendor —
 * and a document that names none of them is probably not addressed to us.
 */
import type { RawExtraction } from "../extract/types";
import type { CheckIssue, OcrPage } from "../types";

/** The organisation's own identifiers (each list may be empty). */
export interface OwnCompany {
  names: string[];
  taxIds: string[];
  ibans: string[];
  addresses: string[];
}

/** Letters and digits only, lower case, accents off ("Müller GmbH" → "mullergmbh"). */
export function foldOwn(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/** Legal forms dropped from a name so "Stadtwerke Musterstadt" also finds "Stadtwerke Musterstadt GmbH". */
const LEGAL = /\s+(gmbh|ag|kg|ug|ltd|limited|inc|llc|plc|sarl|sas|sa|srl|spa|bv|nv)\.?$/iu;

export interface OwnMatcher {
  /** anything to match at all. */
  readonly any: boolean;
  /** the text names us: one of our names, tax ids or IBANs (or a line of our address). */
  isOwn(text: string): boolean;
  /** the text is one of our identifiers (a tax id or IBAN), for id fields. */
  isOwnId(text: string): boolean;
  /** the text is one of our names (a name line of the buyer block). */
  isOwnName(text: string): boolean;
}

/** A matcher over folded identifiers (names need 4+ folded characters, ids 6+: no accidental hits). */
export function ownMatcher(own?: OwnCompany): OwnMatcher {
  const names = [...new Set((own?.names ?? []).flatMap((n) => [foldOwn(n), foldOwn(n.replace(LEGAL, ""))]).filter((n) => n.length >= 4))];
  const ids = [...new Set([...(own?.taxIds ?? []), ...(own?.ibans ?? [])].map(foldOwn).filter((n) => n.length >= 6))];
  const streets = [
    ...new Set(
      (own?.addresses ?? [])
        .flatMap((a) => a.split(/\n|,/))
        .map(foldOwn)
        .filter((n) => n.length >= 8),
    ),
  ];
  const isOwnId = (text: string) => {
    const f = foldOwn(text);
    return f.length >= 6 && ids.some((id) => f.includes(id) || id.includes(f));
  };
  const isOwnName = (text: string) => {
    const f = foldOwn(text);
    return f.length >= 4 && names.some((n) => f.includes(n) || (f.length >= 6 && n.startsWith(f)));
  };
  return {
    any: names.length + ids.length + streets.length > 0,
    isOwnId,
    isOwnName,
    isOwn(text: string) {
      return isOwnName(text) || isOwnId(text) || streets.some((s) => foldOwn(text).includes(s));
    },
  };
}

/** A warning when no page names us (no name, tax id, IBAN or address line of ours is printed). */
export function addressedToUsIssue(pages: OcrPage[], own: OwnMatcher, fields: string[]): CheckIssue | null {
  if (!own.any || pages.length === 0) return null;
  for (const p of pages) {
    const byId = new Map(p.words.map((w) => [w.id, w.text]));
    for (const l of p.lines) if (own.isOwn(l.wordIds.map((id) => byId.get(id) ?? "").join(" "))) return null;
    // a name broken over two text runs of one line is found in the page's text as a whole
    if (own.isOwn(p.words.map((w) => w.text).join(""))) return null;
  }
  return {
    code: "not_addressed_to_us",
    severity: "warning",
    message: "The document names none of your company's names, VAT/tax ids, IBANs or addresses: is it addressed to you?",
    fields: fields.includes("customer") ? ["customer"] : [],
  };
}

/**
 * Whatever the extractor (rules or an LLM): a vendor field (name, address, ids) or the
 * payee IBAN that names us is dropped, so a wrong vendor becomes a missing one (reviewed)
 * rather than ourselves.
 */
export function withoutOwnVendor(raw: RawExtraction, own: OwnMatcher): RawExtraction {
  if (!own.any) return raw;
  const fields = { ...raw.fields };
  for (const [name, v] of Object.entries(fields)) {
    if (!v || Array.isArray(v) || !(name.startsWith("vendor") || name === "iban")) continue;
    if (own.isOwn(v.text)) fields[name] = null;
  }
  return { ...raw, fields };
}

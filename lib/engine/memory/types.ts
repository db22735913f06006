/**
 * Supplier memory: what reviewers taught the engine about one supplier's documents, as data.
 * The app stores it per supplier and hands it to the engine; the engine never reads a store.
 * Every entry says where and how one field was printed on a reviewed document, so the next
 * document of the same supplier can be read the same way. Memory only chooses among values
 * printed on the page: a remembered place or text is looked up on the new page and the page's
 * own reading there is proposed. The one exception is a constant text (the supplier's name,
 * address, ids), found again at a similarity OCR misreads explain: it is proposed as the
 * reviewers spelled it, and the matcher still locates it on the page.
 */
import { isValidIban } from "../parse/ids";
import { letterheadIds, letterheadSimilarity, letterheadSpread } from "./identity";

/** Where and how one field was printed on reviewed documents of a supplier. */
export interface FieldMemory {
  /** field path ("total", "vendor"); scalar fields only. */
  field: string;
  /** the value's text as the reviewers gave it, most often (per printed line, joined by "\n"). */
  text: string;
  /** true while most reviewed documents gave the same text (a supplier's name, address, VAT id, IBAN). */
  constant: boolean;
  /** how reviewers case this field where the page prints it in mixed case (learn.ts casingOf); absent: no evidence. */
  casing?: "upper" | "as-printed";
  /**
   * how many of the reviewed documents typed the text with the spacing and punctuation their page printed it with
   * (text.ts punctuatedAsPrinted, misread letters aside): reviewers who follow the print; absent in memories stored before it existed.
   */
  printed?: number;
  /** how many reviewed documents gave each text (absent in memories stored before it existed: `text` once). */
  texts?: Record<string, number>;
  /**
   * the value's format: digit runs → 9, letter runs → a, thousands separators dropped ("1,234.50" → "9.9"); an amount's
   * without the currency marks around its number (format.ts: how the reviewers write the currency is their convention).
   */
  shape: string;
  /** folded text of the label printed next to (left) or above the value, when there was one. */
  label: string | null;
  /**
   * the value's box relative to the label's, in label heights: left edges, right edges, vertical centres.
   * `square`: horizontal offsets are measured in the label's height on the image (pixels), so they hold on a
   * longer or shorter receipt of the same printer; without it (memories stored before), in heights of the
   * 0–1000 grid, whose horizontal unit stretches with the page's aspect ratio.
   */
  offset: { dx0: number; dx1: number; dy: number; square?: boolean } | null;
  /** the value's position on its page as shares of the page (0–1): left, right, vertical centre. */
  position: { x0: number; x1: number; cy: number };
  /** how many words the printed value has. */
  words: number;
  /** how many lines the printed value spans (absent in memories stored before it existed: its "\n"-separated lines). */
  lines?: number;
  /** the reviewed documents that taught this entry (ids given by the caller; the engine only counts them). */
  documents: string[];
  /** the reviewer's words for the value's last printed line, on the document that taught it (a multi-line text; tail.ts). */
  last?: string;
  /**
   * the value's last printed line varies between reviewed documents (a branch's name under the supplier's address,
   * tail.ts): `text` holds the lines before it; `lines` the last lines reviewers gave, with the documents that had each
   * (a reviewed document missing from all of them had none); `sep` what they typed between.
   */
  tail?: { lines: Record<string, string[]>; sep: string };
}

/** One supplier's memory: entries per field (a supplier may print one field at several places over time). */
export interface SupplierMemory {
  entries: FieldMemory[];
  /** the letterheads of the latest reviewed documents (identity.ts): how the supplier is recognised when its name is misread. */
  letterheads?: string[][];
}

/** What memory concluded about one value (the risk adjustment reads it; the bench reports it). */
/** `exact`: a constant text the reviewers gave (a name, an id) printed again letter for letter. */
export type MemoryVerdict =
  /** the extractor's value is what the remembered place or text holds. */
  /** `partial`: the remembered lines completed by a line the page adds, or without the line the latest review had (tail.ts). */
  | { kind: "agree"; path: string; support: number; exact?: boolean; partial?: boolean }
  /** memory proposed the value (the extractor had none, or a different one): `before` is the extractor's text. */
  /** `misread`: a constant text found by its place where the page's letters are too misread to find it by them alone. */
  | { kind: "picked"; path: string; support: number; before: string | null; disagreed: boolean; exact?: boolean; misread?: boolean; partial?: boolean }
  /** a weaker remembered place holds something else: the extractor's value is kept and doubted. */
  | { kind: "differs"; path: string; support: number; remembered: string }
  /** no place or text memory knows (backed by `support` reviewed documents) is on the page: the extractor's value is doubted. */
  | { kind: "absent"; path: string; support: number };

/** Letters and digits only, lower-cased: how labels and values are compared across scans. */
export function fold(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/** The value's format (see FieldMemory.shape). */
export function shapeOf(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/(\d)[,.'\s](?=\d{3}(?!\d))/g, "$1")
    .replace(/\p{N}+/gu, "9")
    .replace(/\p{L}+/gu, "a")
    .replace(/\s+/g, " ")
    .trim();
}

/** Normalized edit similarity (1 = equal) of two folded strings. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return 1 - prev[b.length]! / Math.max(a.length, b.length);
}

/**
 * The keys a supplier is known by, strongest first: VAT id / registration number, IBAN, name.
 * The app looks memory up by any of them (the first extraction pass gives the values).
 */
export function supplierKeys(v: { taxId?: string | null; iban?: string | null; name?: string | null }): string[] {
  const keys: string[] = [];
  const id = (v.taxId ?? "").toUpperCase().replace(/[^A-Z0-9]/g, "");
  if (id.length >= 6) keys.push(`tax:${id}`);
  const iban = (v.iban ?? "").toUpperCase().replace(/[^A-Z0-9]/g, "");
  if (iban.length >= 15) keys.push(`iban:${iban}`);
  const name = fold(v.name ?? "");
  if (name.length >= 3) keys.push(`name:${name}`);
  return keys;
}

/** The supplier keys of a reading's values (the built-in templates' field names). */
export function supplierKeysOf(data: Record<string, { value?: unknown } | undefined>): string[] {
  const v = (...names: string[]) => {
    for (const n of names) {
      const x = data[n]?.value;
      if (typeof x === "string" && x) return x;
    }
    return null;
  };
  return supplierKeys({ taxId: v("vendor_tax_id", "vendor_vat_id", "registration_number"), iban: v("iban"), name: v("vendor") });
}

/**
 * At least this letterhead similarity (identity.ts, weighted by spread) names the same supplier. Chosen on SROIE-50's
 * pairs (bench --memory: every threshold from 0.35 to 0.5 keeps all same-supplier pairs and no other), the middle;
 * on SROIE-extra, held out: 90.7 % of same-supplier pairs, 0.50 % of other pairs (mostly one company's two names).
 */
export const LETTERHEAD_MATCH = 0.4;

/** How a supplier is looked up: its keys, and the letterheads of its reviewed documents when known. */
export interface SupplierRow {
  keys: string[];
  letterheads?: string[][] | null;
}

/** Two texts of one length that differ in exactly one character (one misread letter or digit). */
const oneOff = (a: string, b: string) => a.length === b.length && [...a].filter((c, i) => c !== b[i]).length === 1;

/**
 * The row whose IBAN the reading misread: a read IBAN that fails its mod-97 check, one character from a row's valid
 * IBAN. The check catches every single substitution, so two valid IBANs (two accounts, two suppliers) never differ in
 * one character: the reading is that row's IBAN misread, not another supplier's.
 */
function misreadIban<T extends SupplierRow>(rows: readonly T[], keys: readonly string[]): T | undefined {
  const read = keys.filter((k) => k.startsWith("iban:") && !isValidIban(k.slice(5))).map((k) => k.slice(5));
  if (read.length === 0) return undefined;
  const near = rows.filter((r) => r.keys.some((k) => k.startsWith("iban:") && isValidIban(k.slice(5)) && read.some((i) => oneOff(i, k.slice(5)))));
  // Two rows one character from the reading (a row may hold a misread IBAN of its own): no decision by the IBAN.
  return near.length === 1 ? near[0] : undefined;
}

/**
 * The one row whose letterheads print the id this letterhead prints after a tax or registration label (identity.ts
 * letterheadIds): the supplier's number, where the first reading has no tax id field to key it by (a till receipt).
 * An id that two rows' letterheads print (a franchisor's, a mall's) decides nothing.
 */
function printedId<T extends SupplierRow>(rows: readonly T[], head: readonly string[]): T | undefined {
  const ids = letterheadIds(head);
  if (ids.length === 0) return undefined;
  const near = rows.filter((r) => (r.letterheads ?? []).some((h) => letterheadIds(h).some((id) => ids.includes(id))));
  return near.length === 1 ? near[0] : undefined;
}

/**
 * The supplier known by these keys or this letterhead. A shared VAT id or IBAN decides. Otherwise
 * the letterhead decides where both sides have one (a name read the same may be a heading that many
 * suppliers print, "TAX INVOICE"; a name misread is still the same letterhead), and a name read the
 * same or almost the same (OCR misreads a letter or two) where they do not.
 */
export function findSupplier<T extends SupplierRow>(rows: readonly T[], keys: readonly string[], head: readonly string[] = []): T | undefined {
  const ids = keys.filter((k) => !k.startsWith("name:"));
  const byId = rows.find((r) => r.keys.some((k) => ids.includes(k)));
  if (byId) return byId;
  const byIban = misreadIban(rows, keys);
  if (byIban) return byIban;
  const names = keys.filter((k) => k.startsWith("name:")).map((k) => k.slice(5));
  const taxes = ids.filter((k) => k.startsWith("tax:")).map((k) => k.slice(4));
  const ibans = ids.filter((k) => k.startsWith("iban:")).map((k) => k.slice(5));
  const taxesOf = (r: T) => r.keys.filter((k) => k.startsWith("tax:")).map((k) => k.slice(4));
  // Two VAT ids that differ by more than a misread name two suppliers, whatever their letterheads and names share
  // (documents made from one template, a name one word apart).
  const vetoed = (r: T) => taxes.length > 0 && taxesOf(r).length > 0 && !taxes.some((a) => taxesOf(r).some((b) => similarity(a, b) >= 0.85));
  const byPrintedId = printedId(
    rows.filter((r) => !vetoed(r)),
    head,
  );
  if (byPrintedId) return byPrintedId;
  let best: { row: T; score: number } | undefined;
  // Letterhead text weighs less the more of the space's suppliers print it (identity.ts letterheadSpread).
  const spread = head.length > 0 ? letterheadSpread(rows.map((r) => r.letterheads ?? [])) : undefined;
  for (const r of rows) {
    if (vetoed(r)) continue;
    const theirs = taxesOf(r);
    let name = 0;
    for (const k of r.keys) {
      if (!k.startsWith("name:")) continue;
      for (const n of names) {
        const sim = similarity(k.slice(5), n);
        if (sim === 1 || (sim >= 0.85 && Math.min(n.length, k.length - 5) >= 6)) name = Math.max(name, sim);
      }
    }
    // Two IBANs that differ, and names that differ: two suppliers whose letterheads look alike (one template, one town,
    // one e-mail domain), not one. A supplier may bank with two accounts, so the IBAN alone does not decide.
    const theirIbans = r.keys.filter((k) => k.startsWith("iban:")).map((k) => k.slice(5));
    if (name === 0 && ibans.length > 0 && theirIbans.length > 0 && !ibans.some((a) => theirIbans.some((b) => similarity(a, b) >= 0.85))) continue;
    const heads = head.length > 0 ? (r.letterheads ?? []) : [];
    const lh = heads.length > 0 ? Math.max(...heads.map((h) => letterheadSimilarity(head, h, spread))) : undefined;
    // With letterheads on both sides, a name read alike is only a tie-breaker: it lowers the bar by half. So is a VAT id
    // read one character off the row's (a misread digit): alone it could be another firm's number one digit apart.
    const near = name > 0 || taxes.some((a) => theirs.some((b) => oneOff(a, b)));
    const ok = lh === undefined ? name > 0 : lh >= LETTERHEAD_MATCH || (near && lh >= LETTERHEAD_MATCH / 2);
    if (!ok) continue;
    const score = (lh ?? 0) + name;
    if (!best || score > best.score) best = { row: r, score };
  }
  return best?.row;
}

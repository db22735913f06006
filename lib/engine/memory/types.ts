/**
 * Supplier memory: what reviewers taught the engine about one supplier's documents, as data.
 * The app stores it per supplier and hands it to the engine; the engine never reads a store.
 * Every entry says where and how one field was printed on a reviewed document, so the next
 * document of the same supplier can be read the same way. Memory only chooses among values
 * printed on the page: a remembered place or text is looked up on the new page and the
 * page's own reading is proposed, never the remembered text itself.
 */

/** Where and how one field was printed on reviewed documents of a supplier. */
export interface FieldMemory {
  /** field path ("total", "vendor"); scalar fields only. */
  field: string;
  /** the value's text as it was printed (per line, joined by "\n"). */
  text: string;
  /** true while every reviewed document printed the same text (a supplier's name, VAT id, IBAN). */
  constant: boolean;
  /** the value's format: digit runs → 9, letter runs → a, thousands separators dropped ("1,234.50" → "9.9"). */
  shape: string;
  /** folded text of the label printed next to (left) or above the value, when there was one. */
  label: string | null;
  /** the value's box relative to the label's, in label heights: left edges, right edges, vertical centres. */
  offset: { dx0: number; dx1: number; dy: number } | null;
  /** the value's position on its page as shares of the page (0–1): left, right, vertical centre. */
  position: { x0: number; x1: number; cy: number };
  /** how many words the printed value has. */
  words: number;
  /** the reviewed documents that taught this entry (ids given by the caller; the engine only counts them). */
  documents: string[];
}

/** One supplier's memory: entries per field (a supplier may print one field at several places over time). */
export interface SupplierMemory {
  entries: FieldMemory[];
}

/** What memory concluded about one value (the risk adjustment reads it; the bench reports it). */
export type MemoryVerdict =
  /** the extractor's value is what the remembered place or text holds. */
  | { kind: "agree"; path: string; support: number }
  /** memory proposed the value (the extractor had none, or a different one): `before` is the extractor's text. */
  | { kind: "picked"; path: string; support: number; before: string | null; disagreed: boolean }
  /** a weaker remembered place holds something else: the extractor's value is kept and doubted. */
  | { kind: "differs"; path: string; support: number; remembered: string };

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
 * The entry known by any of these keys: a shared key first, else a name read almost the same (OCR misreads a
 * letter or two of a supplier's name from one scan to the next; ids and IBANs must match exactly).
 */
export function findSupplier<T extends { keys: string[] }>(rows: readonly T[], keys: readonly string[]): T | undefined {
  const exact = rows.find((r) => r.keys.some((k) => keys.includes(k)));
  if (exact) return exact;
  const names = keys.filter((k) => k.startsWith("name:")).map((k) => k.slice(5));
  let best: { row: T; sim: number } | undefined;
  for (const r of rows) {
    for (const k of r.keys) {
      if (!k.startsWith("name:")) continue;
      for (const n of names) {
        const sim = similarity(k.slice(5), n);
        if (sim >= 0.85 && Math.min(n.length, k.length - 5) >= 6 && (!best || sim > best.sim)) best = { row: r, sim };
      }
    }
  }
  return best?.row;
}

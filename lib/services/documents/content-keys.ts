/**
 * What makes two documents the same invoice, whatever their bytes: the supplier (VAT id,
 * else its normalized name) + the invoice number + the total, or + the date for receipts
 * that print no number. A photo and a PDF of one invoice give the same keys. Both supplier
 * forms are keyed, so one copy read with its VAT id and one without still meet.
 */
import { type DocumentResult, type FieldValue, isArrayValue } from "@/lib/engine/types";

/** Legal-form words left out of a supplier name (data: a name with or without "GmbH" is one supplier). */
const LEGAL_FORMS = new Set([
  "gmbh",
  "ag",
  "kg",
  "ohg",
  "ug",
  "ltd",
  "limited",
  "inc",
  "llc",
  "plc",
  "co",
  "corp",
  "sa",
  "sas",
  "sarl",
  "srl",
  "spa",
  "bv",
  "nv",
  "ab",
  "as",
  "oy",
  "kk",
]);

const fv = (result: DocumentResult, names: string[]): FieldValue | undefined => {
  for (const n of names) {
    const r = result.data[n];
    if (r && !isArrayValue(r) && r.value) return r;
  }
  return undefined;
};

/** A supplier name folded for comparison: case, accents, punctuation and legal forms ignored. */
export function supplierName(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !LEGAL_FORMS.has(w));
  return words.join("");
}

/** Upper-case letters and digits only ("DE 123 456 789" = "DE123456789"; "INV-2049" = "INV2049"). */
const alnum = (s: string) =>
  s
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, "");

/** The keys of one extraction (empty: not enough to tell; the document is never flagged then). */
export function contentKeys(result: DocumentResult): string[] {
  const total = fv(result, ["total", "amount_due"]);
  const amount = typeof total?.normalized === "number" ? total.normalized.toFixed(2) : undefined;
  if (!amount) return [];
  const suppliers: string[] = [];
  const vat = fv(result, ["vendor_tax_id", "vendor_vat_id"]);
  if (vat?.value && alnum(vat.value).length >= 6) suppliers.push(`vat:${alnum(vat.value)}`);
  const name = fv(result, ["vendor"]);
  if (name?.value && supplierName(name.value).length >= 3) suppliers.push(`name:${supplierName(name.value)}`);
  const number = fv(result, ["invoice_number", "receipt_no", "delivery_no"]);
  const date = fv(result, ["issue_date"]);
  const iso = typeof date?.normalized === "string" ? date.normalized : undefined;
  const what = number?.value && alnum(number.value).length > 0 ? `no:${alnum(number.value)}` : iso ? `date:${iso}` : undefined;
  if (!what) return [];
  return suppliers.map((s) => `${s}|${what}|${amount}`);
}

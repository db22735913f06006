/**
 * E-invoice values onto the caller's FieldSpecs. A field whose name is one of the reader's
 * keys takes that value; any other field (a space's custom field) takes the key whose
 * words appear in its name or description ("Leitweg-ID" → buyer_reference). Line-item
 * columns the same way.
 */
import { templates } from "../templates";
import type { FieldSpec } from "../types";
import { type EInvoice, type HeaderKey, KEY_TYPES, type LineKey } from "./model";

/** Words (any language, lower case) naming each key in a field's name or description. Data, not code. */
const KEY_WORDS: Partial<Record<HeaderKey | LineKey, string[]>> = {
  invoice_number: ["invoice number", "invoice no", "rechnungsnummer", "numéro de facture", "receipt no", "document number"],
  document_type_code: ["document type", "type code", "rechnungsart"],
  issue_date: ["invoice date", "issue date", "rechnungsdatum", "date de facture", "date of purchase"],
  due_date: ["due date", "fälligkeit", "échéance", "payment due"],
  service_date: ["delivery date", "service date", "leistungsdatum", "lieferdatum", "date de livraison"],
  vendor: ["vendor", "supplier", "seller", "lieferant", "fournisseur", "issuing company"],
  vendor_tax_id: ["vendor vat", "supplier vat", "seller vat", "ust-id", "tva intracom", "vat id", "tax id"],
  customer: ["customer name", "buyer", "billed customer", "kunde", "client"],
  customer_tax_id: ["buyer vat", "customer vat"],
  customer_number: ["customer number", "kundennummer", "numéro client", "account number"],
  buyer_reference: ["buyer reference", "leitweg", "käuferreferenz", "référence acheteur"],
  order_number: ["order number", "purchase order", "bestellnummer", "bon de commande", "po number"],
  currency: ["currency", "währung", "devise"],
  subtotal: ["net amount", "subtotal", "nettobetrag", "montant ht"],
  tax: ["tax amount", "vat amount", "total tax", "mehrwertsteuer", "montant tva"],
  total: ["grand total", "gross amount", "total amount", "bruttobetrag", "montant ttc"],
  amount_due: ["amount due", "zahlbetrag", "net à payer", "payable"],
  iban: ["iban"],
  bic: ["bic", "swift"],
  payment_terms: ["payment terms", "zahlungsbedingungen", "conditions de paiement"],
  payment_reference: ["payment reference", "verwendungszweck", "remittance"],
  item_code: ["article", "item code", "artikelnummer", "sku", "product code"],
  description: ["description", "bezeichnung", "désignation"],
  quantity: ["quantity", "menge", "quantité"],
  unit: ["unit of measure", "einheit", "unité"],
  unit_price: ["unit price", "einzelpreis", "prix unitaire"],
  amount: ["line amount", "line total", "gesamtpreis", "montant"],
};

/**
 * Template names that mean a reader key under another name (receipt numbers are document numbers;
 * an invoice's delivery date is a delivery note's; the billed quantity is the quantity delivered).
 */
const ALIASES: Record<string, HeaderKey | LineKey> = {
  receipt_no: "invoice_number",
  vendor_vat_id: "vendor_tax_id",
  delivery_date: "service_date",
  quantity_delivered: "quantity",
};

/**
 * Every field a built-in template defines. Such a field means itself: where the XML lacks it, it stays
 * empty rather than taking another key its words contain ("vendor_phone" is not the vendor's name,
 * "rounding … subtotal + tax + rounding = total" is not the subtotal).
 */
const BUILT_IN = new Set(Object.values(templates).flatMap((t) => t.fields.flatMap((f) => [f.name, ...(f.children ?? []).map((c) => c.name)])));

/** Words that name an attribute of a party (its phone, its address, its number), not the party: data, any language. */
const PARTY_ATTRIBUTES =
  /\b(phone|tel|telefon|téléphone|fax|e-?mail|mail|address|adresse|anschrift|siret|siren|vat|tax|steuer|ust|tva|id|number|nummer|numéro|no|nr|iban|bic|website|url|web|contact|kontakt|code)\b/u;

/** Reader keys that are a party's name: a custom field naming an attribute of the party is not its name. */
const PARTY_KEYS = new Set<string>(["vendor", "customer"]);

/** The reader key a field takes its value from (undefined: the XML has nothing for it). */
export function keyFor(spec: FieldSpec, keys: readonly string[]): string | undefined {
  if (keys.includes(spec.name)) return spec.name;
  const alias = ALIASES[spec.name];
  if (alias) return keys.includes(alias) ? alias : undefined;
  if (BUILT_IN.has(spec.name) || spec.name in KEY_TYPES) return undefined;
  // A space's own field: the key whose words its name or description holds, the longest words first.
  const hay = `${spec.name.replace(/_/g, " ")} ${spec.description ?? ""}`.toLowerCase();
  let best: { key: string; len: number } | undefined;
  for (const k of keys) {
    if (PARTY_KEYS.has(k) && PARTY_ATTRIBUTES.test(hay)) continue;
    for (const w of KEY_WORDS[k as HeaderKey] ?? []) {
      if (hay.includes(w) && (!best || w.length > best.len)) best = { key: k, len: w.length };
    }
  }
  return best?.key;
}

/** One mapped value: the XML text and how it is typed. */
export interface Mapped {
  key: string;
  xml: string;
  kind: (typeof KEY_TYPES)[keyof typeof KEY_TYPES];
}

/** The e-invoice's values per field name; array fields get one record per line. */
export function mapFields(inv: EInvoice, fields: FieldSpec[]): { scalars: Record<string, Mapped>; rows: Record<string, Record<string, Mapped>[]> } {
  const scalars: Record<string, Mapped> = {};
  const rows: Record<string, Record<string, Mapped>[]> = {};
  const headerKeys = Object.keys(inv.header);
  for (const f of fields) {
    if (f.type === "array") {
      const lineKeys = [...new Set(inv.lines.flatMap((l) => Object.keys(l)))];
      const cols = (f.children ?? []).map((c) => [c.name, keyFor(c, lineKeys)] as const).filter((p): p is [string, string] => !!p[1]);
      rows[f.name] = inv.lines.map((l) => {
        const row: Record<string, Mapped> = {};
        for (const [name, key] of cols) {
          const xml = l[key as LineKey];
          if (xml !== undefined) row[name] = { key, xml, kind: KEY_TYPES[key as LineKey] };
        }
        return row;
      });
      continue;
    }
    const key = keyFor(f, headerKeys);
    const xml = key ? inv.header[key as HeaderKey] : undefined;
    if (key && xml !== undefined) scalars[f.name] = { key, xml, kind: KEY_TYPES[key as HeaderKey] };
  }
  return { scalars, rows };
}

/**
 * The syntax-neutral reading of an e-invoice: header values and line items keyed by the
 * built-in templates' field names (plus a few e-invoice-only keys), each exactly as the
 * XML carries it (ISO dates, plain decimals, code lists).
 */

/** Keys of header values an e-invoice can carry. */
export type HeaderKey =
  | "invoice_number"
  | "document_type_code"
  | "issue_date"
  | "due_date"
  | "service_date"
  | "vendor"
  | "vendor_address"
  | "vendor_tax_id"
  | "vendor_email"
  | "vendor_phone"
  | "customer"
  | "customer_address"
  | "customer_tax_id"
  | "customer_number"
  | "buyer_reference"
  | "order_number"
  | "currency"
  | "subtotal"
  | "tax"
  | "total"
  | "amount_due"
  | "line_total_sum"
  | "tax_rate"
  | "iban"
  | "bic"
  | "payment_terms"
  | "payment_reference";

/** Keys of line-item cells; `item_text` is the item's longer description where the XML has one beside its name. */
export type LineKey = "line_id" | "description" | "quantity" | "unit" | "unit_price" | "amount" | "item_code" | "item_text";

export interface EInvoice {
  syntax: "cii" | "ubl";
  /** e.g. "urn:cen.eu:en16931:2017", "urn:factur-x.eu:1p0:minimum", an XRechnung or Peppol id. */
  profile?: string;
  header: Partial<Record<HeaderKey, string>>;
  lines: Partial<Record<LineKey, string>>[];
}

/** The value type of each key (how it is normalized and compared with the print). */
export const KEY_TYPES: Record<HeaderKey | LineKey, "string" | "number" | "date" | "code"> = {
  invoice_number: "string",
  document_type_code: "code",
  issue_date: "date",
  due_date: "date",
  service_date: "date",
  vendor: "string",
  vendor_address: "string",
  vendor_tax_id: "string",
  vendor_email: "string",
  vendor_phone: "string",
  customer: "string",
  customer_address: "string",
  customer_tax_id: "string",
  customer_number: "string",
  buyer_reference: "string",
  order_number: "string",
  currency: "code",
  subtotal: "number",
  tax: "number",
  total: "number",
  amount_due: "number",
  line_total_sum: "number",
  tax_rate: "number",
  iban: "string",
  bic: "string",
  payment_terms: "string",
  payment_reference: "string",
  line_id: "string",
  description: "string",
  quantity: "number",
  unit: "code",
  unit_price: "number",
  amount: "number",
  item_code: "string",
  item_text: "string",
};

/** A CII date (format 102 = CCYYMMDD, 610 = CCYYMM, 616 = CCYYWW) or a UBL ISO date as ISO. */
export function isoDate(raw: string | undefined, format?: string): string | undefined {
  if (!raw) return undefined;
  const s = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) return s.slice(0, 10);
  if ((format === undefined || format === "102") && /^\d{8}$/.test(s)) return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  return s;
}

/** Lines of an address joined the way the print usually shows them. */
export function joinAddress(parts: (string | undefined)[]): string | undefined {
  const lines = parts.filter((p): p is string => !!p && p.trim() !== "");
  return lines.length ? lines.join("\n") : undefined;
}

/**
 * A line that bills nothing: quantity, amount and price all zero or absent. Invoicing systems
 * write their section headings and free-text notes this way ("--- Food ---", "delivered in a
 * re-usable container"); they are not line items, and shown as items they would pass as exact
 * XML values, straight into an export.
 */
export function billsNothing(line: Partial<Record<LineKey, string>>): boolean {
  const zero = (v: string | undefined) => v === undefined || v.trim() === "" || Number(v) === 0;
  return zero(line.quantity) && zero(line.amount) && zero(line.unit_price);
}

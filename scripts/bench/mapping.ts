/**
 * Truth field names → template field names, as data. Synthetic truth already uses
 * template names (only the document number differs per kind); real-dev uses its own keys.
 */

/** Document kind in a truth file → built-in template id. */
export const KIND_TO_TEMPLATE: Record<string, string> = {
  invoice: "invoice",
  delivery_note: "delivery",
  receipt: "receipt",
};

/** Synthetic-dev truth names that differ from the template's, per template. */
export const SYNTHETIC_FIELDS: Record<string, Record<string, string>> = {
  invoice: {},
  delivery: { invoice_number: "delivery_no" },
  receipt: { invoice_number: "receipt_no" },
};

/** real-dev truth keys → template field names (per template; unmapped keys are not scored). */
export const REAL_FIELDS: Record<string, Record<string, string>> = {
  invoice: {
    vendor: "vendor",
    vendor_address: "vendor_address",
    vendor_vat_id: "vendor_tax_id",
    buyer: "customer",
    buyer_address: "customer_address",
    date: "issue_date",
    due_date: "due_date",
    delivery_date: "service_date",
    invoice_number: "invoice_number",
    order_number: "order_number",
    customer_id: "customer_number",
    currency: "currency",
    subtotal: "subtotal",
    tax: "tax",
    total: "total",
    iban: "iban",
    bic: "bic",
    payment_terms: "payment_terms",
  },
  receipt: {
    vendor: "vendor",
    vendor_address: "vendor_address",
    date: "issue_date",
    receipt_number: "receipt_no",
    subtotal: "subtotal",
    tax: "tax",
    total: "total",
  },
};

/** Line-item columns scored for cell precision/recall. */
export const LINE_COLUMNS = ["description", "quantity", "unit_price", "amount"] as const;

/** Label words for the baseline's "next token right of a label" rule (deliberately small). */
export const BASELINE_LABELS: Record<string, string[]> = {
  invoice_number: ["invoice", "no", "no.", "number", "#", "rechnungsnummer", "rechnung", "facture", "n°", "請求書番号"],
  delivery_no: ["delivery", "note", "no", "no.", "納品書番号", "伝票番号"],
  receipt_no: ["receipt", "no", "no.", "#", "trans", "invoice"],
  issue_date: ["date", "dated", "datum", "rechnungsdatum", "le", "発行日", "請求日"],
  due_date: ["due", "fällig", "échéance"],
  delivery_date: ["delivery", "納品日"],
  subtotal: ["subtotal", "sub-total", "netto", "ht", "小計"],
  tax: ["tax", "vat", "gst", "mwst", "tva", "消費税"],
  total: ["total", "gesamt", "ttc", "合計", "amount", "due"],
  vendor: [],
};

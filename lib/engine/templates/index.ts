import type { FieldSpec, Template } from "../types";

export { columnHints, type FieldHint, fieldHints, type ValueKind } from "./lexicon";

const s = (name: string, description: string, required?: boolean): FieldSpec => ({
  name,
  type: "string",
  description,
  ...(required ? { required } : {}),
});
const n = (name: string, description: string, required?: boolean): FieldSpec => ({
  name,
  type: "number",
  description,
  ...(required ? { required } : {}),
});
const d = (name: string, description: string, required?: boolean): FieldSpec => ({
  name,
  type: "date",
  description,
  ...(required ? { required } : {}),
});

const vendorFields: FieldSpec[] = [
  s("vendor", "name of the issuing company or shop", true),
  s("vendor_address", "postal address of the issuer"),
  s("vendor_phone", "issuer's phone number"),
];

const moneyFields: FieldSpec[] = [
  s("currency", "ISO 4217 currency code"),
  n("subtotal", "net amount before tax"),
  n("tax", "total tax amount"),
  n("tax_10", "consumption tax at the 10 % rate (Japan)"),
  n("tax_8", "consumption tax at the reduced 8 % rate (Japan)"),
  n("total", "grand total including tax", true),
];

const lineItems = (extra: FieldSpec[] = []): FieldSpec => ({
  name: "line_items",
  type: "array",
  description: "table rows of goods or services",
  children: [
    ...extra,
    s("description", "item or service description"),
    n("quantity", "quantity"),
    s("unit", "unit of measure"),
    n("unit_price", "price per unit"),
    n("amount", "line amount"),
  ],
});

/** Built-in templates, keyed by id: plain FieldSpec lists the engine ships. */
export const templates: Record<string, Template> = {
  invoice: {
    id: "invoice",
    label: "Invoice",
    description: "Invoices and bills (EN/DE/FR/JA), including Japanese qualified invoices.",
    fields: [
      ...vendorFields,
      s("vendor_email", "issuer's e-mail address"),
      s("vendor_tax_id", "issuer's VAT / tax identification number"),
      s("vendor_siret", "French SIRET number"),
      s("registration_number", "Japanese qualified invoice registration number (T + 13 digits)"),
      s("customer", "name of the billed customer"),
      s("customer_address", "customer's billing address"),
      s("customer_number", "customer or account number"),
      s("invoice_number", "invoice number", true),
      s("order_number", "purchase order number"),
      d("issue_date", "invoice date", true),
      d("due_date", "payment due date"),
      d("service_date", "date of delivery or service"),
      s("payment_terms", "payment terms"),
      ...moneyFields,
      s("tax_rate", "tax rate in percent"),
      s("iban", "IBAN of the issuer's bank account"),
      s("bic", "BIC / SWIFT code"),
      lineItems([s("item_code", "item or article code")]),
    ],
  },
  delivery: {
    id: "delivery",
    label: "Delivery note",
    description: "Delivery notes (納品書, Lieferschein, bon de livraison).",
    fields: [
      ...vendorFields,
      s("customer", "name of the receiving customer"),
      s("customer_address", "customer's address"),
      s("customer_number", "customer or account number"),
      s("ship_to_address", "delivery (ship-to) address, when it differs from the customer's"),
      s("delivery_no", "delivery note number", true),
      s("order_number", "the customer's order number or order reference"),
      d("delivery_date", "date of delivery", true),
      d("issue_date", "date the note was issued"),
      ...moneyFields.map((f) => ({ ...f, required: false })),
      lineItems([s("item_code", "item or article code"), n("quantity_ordered", "quantity ordered"), n("quantity_delivered", "quantity delivered (shipped)")]),
    ],
  },
  receipt: {
    id: "receipt",
    label: "Receipt",
    description: "Till receipts (EN/JA), thermal or scanned.",
    fields: [
      ...vendorFields,
      s("registration_number", "Japanese qualified invoice registration number (T + 13 digits)"),
      s("receipt_no", "receipt or transaction number"),
      d("issue_date", "date of purchase", true),
      s("transaction_time", "time of purchase"),
      ...moneyFields,
      n("rounding", "cash rounding adjustment, signed (subtotal + tax + rounding = total)"),
      s("payment_method", "payment method"),
      n("amount_paid", "amount paid by card"),
      n("cash_tendered", "cash handed over"),
      n("change", "change given back"),
      s("card_last4", "last four digits of the card"),
      lineItems(),
    ],
  },
};

/**
 * The built-in templates' fields each document has its own value of (FieldSpec.perDocument): supplier memory learns
 * where they are printed, never their text as the supplier's. Data beside the templates, not a mark on their fields:
 * the contract's FieldSpec (the API's field lists, the OpenAPI document's x-templates) carries no such key.
 */
const perDocumentNames = new Set(["invoice_number", "order_number", "delivery_no", "receipt_no", "transaction_time", "card_last4"]);

/**
 * Does every document have its own value of this field? Its own mark, else the built-in templates' list by name: a
 * space's or an API call's field list carries no mark, and a field copied from a template keeps its name.
 */
export function perDocument(f: FieldSpec): boolean {
  return f.perDocument ?? perDocumentNames.has(f.name);
}

/** The built-in template with this id, or undefined. */
export function getTemplate(id: string): Template | undefined {
  return Object.hasOwn(templates, id) ? templates[id] : undefined;
}

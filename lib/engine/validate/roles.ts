/**
 * Which field names play which role in the checks. Templates are data, so the checks look
 * fields up by role through these alias lists instead of branching on a template id.
 */
export const ROLES = {
  total: ["total", "total_amount", "grand_total", "amount_total", "gross_total"],
  subtotal: ["subtotal", "net_total", "amount_untaxed", "total_net"],
  tax: ["tax", "tax_amount", "vat_amount", "total_tax"],
  /** a till's cash rounding: subtotal + tax + rounding = total. */
  rounding: ["rounding", "rounding_adjustment"],
  taxRate: ["tax_rate", "vat_rate"],
  registration: ["registration_number", "invoice_registration_number"],
  iban: ["iban", "vendor_iban"],
  bic: ["bic", "swift", "vendor_bic"],
  vatId: ["vendor_tax_id", "vendor_vat_id", "vat_id", "customer_vat_id", "buyer_vat_id"],
  documentIds: ["invoice_number", "receipt_no", "delivery_no", "order_number", "customer_number", "document_number"],
  quantity: ["quantity", "qty"],
  unitPrice: ["unit_price", "price"],
  amount: ["amount", "line_amount", "total"],
} as const;

/** Japanese per-rate tax lines: [tax field, taxable base field, rate]. */
export const PER_RATE: Array<[string, string, number]> = [
  ["tax_10", "taxable_10", 0.1],
  ["tax_8", "taxable_8", 0.08],
];

/** VAT rates in use where our documents come from (JP 10/8, DE 19/7, FR 20/10/5.5/2.1, and common EU rates). */
export const KNOWN_RATES = [
  0.1, 0.08, 0.19, 0.07, 0.2, 0.055, 0.021, 0.21, 0.06, 0.09, 0.05, 0.13, 0.15, 0.16, 0.17, 0.22, 0.23, 0.24, 0.25, 0.077, 0.081, 0.12,
];

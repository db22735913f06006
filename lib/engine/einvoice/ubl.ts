/**
 * OASIS UBL 2.1 `Invoice` and `CreditNote` (XRechnung-UBL, Peppol BIS Billing 3.0, EN 16931).
 */
import { type EInvoice, isoDate, joinAddress, type LineKey } from "./model";
import { at, attr, each, text, textAt, type XNode } from "./xml";

/** The UBL root element (Invoice or CreditNote), if this is UBL. */
function rootOf(root: XNode): XNode | undefined {
  return at(root, "Invoice", "CreditNote");
}

/** True when the parsed root is a UBL invoice or credit note. */
export function isUbl(root: XNode): boolean {
  return rootOf(root) !== undefined;
}

function address(party: XNode | undefined): string | undefined {
  const a = at(party, "PostalAddress");
  if (!a) return undefined;
  const city = [textAt(a, "PostalZone"), textAt(a, "CityName")].filter(Boolean).join(" ");
  return joinAddress([
    textAt(a, "StreetName"),
    textAt(a, "AdditionalStreetName"),
    textAt(a, "AddressLine/Line"),
    city,
    textAt(a, "Country/IdentificationCode"),
  ]);
}

function name(party: XNode | undefined): string | undefined {
  return textAt(party, "PartyName/Name", "PartyLegalEntity/RegistrationName");
}

function vatId(party: XNode | undefined): string | undefined {
  const schemes = each(party, "PartyTaxScheme");
  const vat = schemes.find((s) => textAt(s, "TaxScheme/ID") === "VAT") ?? schemes[0];
  return textAt(vat, "CompanyID");
}

function line(l: XNode): Partial<Record<LineKey, string>> {
  const qty = at(l, "InvoicedQuantity|CreditedQuantity");
  const item = at(l, "Item");
  const out: Partial<Record<LineKey, string>> = {
    line_id: textAt(l, "ID"),
    description: textAt(item, "Name", "Description"),
    quantity: text(qty),
    unit: attr(qty, "unitCode"),
    unit_price: textAt(l, "Price/PriceAmount"),
    amount: textAt(l, "LineExtensionAmount"),
    item_code: textAt(item, "SellersItemIdentification/ID", "StandardItemIdentification/ID"),
    item_text: textAt(item, "Description"),
  };
  for (const k of Object.keys(out) as LineKey[]) if (out[k] === undefined) delete out[k];
  return out;
}

/** Read a parsed UBL invoice or credit note. */
export function readUbl(root: XNode): EInvoice {
  const inv = rootOf(root);
  const seller = at(inv, "AccountingSupplierParty/Party");
  const buyer = at(inv, "AccountingCustomerParty/Party");
  const sum = at(inv, "LegalMonetaryTotal");
  const currency = textAt(inv, "DocumentCurrencyCode");
  const taxTotals = each(inv, "TaxTotal");
  // A second TaxTotal (without subtotals) states the tax in the accounting currency.
  const taxTotal = taxTotals.find((t) => currency && attr(at(t, "TaxAmount"), "currencyID") === currency) ?? taxTotals[0];
  const rates = [...new Set(each(taxTotal, "TaxSubtotal/TaxCategory/Percent").map(text).filter(Boolean))];
  const means = each(inv, "PaymentMeans");
  const contact = at(seller, "Contact");
  const header: EInvoice["header"] = {
    invoice_number: textAt(inv, "ID"),
    document_type_code: textAt(inv, "InvoiceTypeCode", "CreditNoteTypeCode"),
    issue_date: isoDate(textAt(inv, "IssueDate")),
    due_date: isoDate(textAt(inv, "DueDate", "PaymentMeans/PaymentDueDate")),
    service_date: isoDate(textAt(inv, "Delivery/ActualDeliveryDate")),
    vendor: name(seller),
    vendor_address: address(seller),
    vendor_tax_id: vatId(seller),
    vendor_email: textAt(contact, "ElectronicMail"),
    vendor_phone: textAt(contact, "Telephone"),
    customer: name(buyer),
    customer_address: address(buyer),
    customer_tax_id: vatId(buyer),
    customer_number: textAt(buyer, "PartyIdentification/ID"),
    buyer_reference: textAt(inv, "BuyerReference"),
    order_number: textAt(inv, "OrderReference/ID"),
    currency,
    subtotal: textAt(sum, "TaxExclusiveAmount"),
    tax: textAt(taxTotal, "TaxAmount"),
    total: textAt(sum, "TaxInclusiveAmount"),
    amount_due: textAt(sum, "PayableAmount"),
    line_total_sum: textAt(sum, "LineExtensionAmount"),
    ...(rates.length === 1 ? { tax_rate: rates[0] } : {}),
    iban: means.map((m) => textAt(m, "PayeeFinancialAccount/ID")).find(Boolean),
    bic: means.map((m) => textAt(m, "PayeeFinancialAccount/FinancialInstitutionBranch/ID")).find(Boolean),
    payment_terms: textAt(inv, "PaymentTerms/Note"),
    payment_reference: means.map((m) => textAt(m, "PaymentID")).find(Boolean),
  };
  for (const k of Object.keys(header) as (keyof typeof header)[]) if (header[k] === undefined) delete header[k];
  const profile = textAt(inv, "CustomizationID");
  return { syntax: "ubl", ...(profile ? { profile } : {}), header, lines: each(inv, "InvoiceLine|CreditNoteLine").map(line) };
}

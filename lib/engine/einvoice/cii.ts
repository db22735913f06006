/**
 * UN/CEFACT Cross Industry Invoice: ZUGFeRD 2.x / Factur-X (all profiles) / XRechnung-CII
 * (`CrossIndustryInvoice`, D16B) and ZUGFeRD 1.0 (`CrossIndustryDocument`, D13B). The two
 * generations differ in element names along the path, not in meaning: each step lists
 * both names (`2.x|1.0`).
 */
import { type EInvoice, isoDate, joinAddress, type LineKey } from "./model";
import { at, attr, each, text, textAt, type XNode } from "./xml";

const DOC = "ExchangedDocument|HeaderExchangedDocument";
const TX = "SupplyChainTradeTransaction|SpecifiedSupplyChainTradeTransaction";
const AGREEMENT = "ApplicableHeaderTradeAgreement|ApplicableSupplyChainTradeAgreement";
const DELIVERY = "ApplicableHeaderTradeDelivery|ApplicableSupplyChainTradeDelivery";
const SETTLEMENT = "ApplicableHeaderTradeSettlement|ApplicableSupplyChainTradeSettlement";
const SUMMATION = "SpecifiedTradeSettlementHeaderMonetarySummation|SpecifiedTradeSettlementMonetarySummation";

/** The CII root: either generation, or the pre-1.0 ZUGFeRD draft's `Invoice` with CII children. */
function rootOf(root: XNode): XNode | undefined {
  const inv = at(root, "CrossIndustryInvoice", "CrossIndustryDocument");
  if (inv) return inv;
  const draft = at(root, "Invoice");
  return at(draft, DOC) ? draft : undefined;
}

/** True when the parsed root is a CII invoice of any generation. */
export function isCii(root: XNode): boolean {
  return rootOf(root) !== undefined;
}

function date(node: XNode | undefined, path: string): string | undefined {
  const n = at(node, `${path}/DateTimeString`);
  return isoDate(text(n), attr(n, "format"));
}

function address(party: XNode | undefined): string | undefined {
  const a = at(party, "PostalTradeAddress");
  if (!a) return undefined;
  const city = [textAt(a, "PostcodeCode"), textAt(a, "CityName")].filter(Boolean).join(" ");
  return joinAddress([textAt(a, "LineOne"), textAt(a, "LineTwo"), textAt(a, "LineThree"), city, textAt(a, "CountryID")]);
}

/** A party's tax registration with this scheme (VA = VAT id, FC = tax number). */
function taxId(party: XNode | undefined, scheme: string): string | undefined {
  for (const r of each(party, "SpecifiedTaxRegistration/ID")) if (attr(r, "schemeID") === scheme) return text(r);
  return undefined;
}

/** An amount in the invoice currency when the element repeats per currency (TaxTotalAmount). */
function amount(nodes: XNode[], currency: string | undefined): string | undefined {
  const inCur = nodes.find((n) => currency && attr(n, "currencyID") === currency && text(n));
  return text(inCur) ?? nodes.map(text).find(Boolean);
}

function line(item: XNode): Partial<Record<LineKey, string>> {
  const product = at(item, "SpecifiedTradeProduct");
  const agreement = at(item, "SpecifiedLineTradeAgreement|SpecifiedSupplyChainTradeAgreement");
  const delivery = at(item, "SpecifiedLineTradeDelivery|SpecifiedSupplyChainTradeDelivery");
  const settlement = at(item, "SpecifiedLineTradeSettlement|SpecifiedSupplyChainTradeSettlement");
  const qty = at(delivery, "BilledQuantity");
  const out: Partial<Record<LineKey, string>> = {
    line_id: textAt(item, "AssociatedDocumentLineDocument/LineID"),
    description: textAt(product, "Name"),
    quantity: text(qty),
    unit: attr(qty, "unitCode"),
    unit_price: textAt(agreement, "NetPriceProductTradePrice/ChargeAmount"),
    amount: textAt(settlement, "SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount", "SpecifiedTradeSettlementMonetarySummation/LineTotalAmount"),
    item_code: textAt(product, "SellerAssignedID", "GlobalID"),
    item_text: textAt(product, "Description"),
  };
  for (const k of Object.keys(out) as LineKey[]) if (out[k] === undefined) delete out[k];
  return out;
}

/** Read a parsed CII document. */
export function readCii(root: XNode): EInvoice {
  const inv = rootOf(root);
  const ctx = at(inv, "ExchangedDocumentContext|SpecifiedExchangedDocumentContext");
  const doc = at(inv, DOC);
  const tx = at(inv, TX);
  const agreement = at(tx, AGREEMENT);
  const settlement = at(tx, SETTLEMENT);
  const seller = at(agreement, "SellerTradeParty");
  const buyer = at(agreement, "BuyerTradeParty");
  const sum = at(settlement, SUMMATION);
  const currency = textAt(settlement, "InvoiceCurrencyCode");
  const means = each(settlement, "SpecifiedTradeSettlementPaymentMeans");
  const terms = each(settlement, "SpecifiedTradePaymentTerms");
  const rates = [
    ...new Set(
      each(settlement, "ApplicableTradeTax")
        .map((t) => textAt(t, "RateApplicablePercent", "ApplicablePercent"))
        .filter(Boolean),
    ),
  ];
  const contact = at(seller, "DefinedTradeContact");
  const header: EInvoice["header"] = {
    invoice_number: textAt(doc, "ID"),
    document_type_code: textAt(doc, "TypeCode"),
    issue_date: date(doc, "IssueDateTime"),
    due_date: terms.map((t) => date(t, "DueDateDateTime")).find(Boolean),
    service_date: date(at(tx, DELIVERY), "ActualDeliverySupplyChainEvent/OccurrenceDateTime"),
    vendor: textAt(seller, "Name"),
    vendor_address: address(seller),
    vendor_tax_id: taxId(seller, "VA") ?? taxId(seller, "FC"),
    vendor_email: textAt(contact, "EmailURIUniversalCommunication/URIID"),
    vendor_phone: textAt(contact, "TelephoneUniversalCommunication/CompleteNumber"),
    customer: textAt(buyer, "Name"),
    customer_address: address(buyer),
    customer_tax_id: taxId(buyer, "VA") ?? taxId(buyer, "FC"),
    customer_number: textAt(buyer, "ID"),
    buyer_reference: textAt(agreement, "BuyerReference"),
    order_number: textAt(agreement, "BuyerOrderReferencedDocument/IssuerAssignedID", "BuyerOrderReferencedDocument/ID"),
    currency,
    subtotal: textAt(sum, "TaxBasisTotalAmount"),
    tax: amount(each(sum, "TaxTotalAmount"), currency),
    total: textAt(sum, "GrandTotalAmount"),
    amount_due: textAt(sum, "DuePayableAmount"),
    line_total_sum: textAt(sum, "LineTotalAmount"),
    ...(rates.length === 1 ? { tax_rate: rates[0] } : {}),
    iban: means.map((m) => textAt(m, "PayeePartyCreditorFinancialAccount/IBANID")).find(Boolean),
    bic: means.map((m) => textAt(m, "PayeeSpecifiedCreditorFinancialInstitution/BICID")).find(Boolean),
    payment_terms: terms.map((t) => textAt(t, "Description")).find(Boolean),
    payment_reference: textAt(settlement, "PaymentReference"),
  };
  for (const k of Object.keys(header) as (keyof typeof header)[]) if (header[k] === undefined) delete header[k];
  const profile = textAt(ctx, "GuidelineSpecifiedDocumentContextParameter/ID");
  return { syntax: "cii", ...(profile ? { profile } : {}), header, lines: each(tx, "IncludedSupplyChainTradeLineItem").map(line) };
}

/**
 * Wiring of the e-invoice stage into the engine shell: the XML gives the values, the pages
 * (text layer or OCR, when the invoice has a printed form) give their boxes, and the page's
 * own extraction gives the second reading shown where the two disagree.
 */
import type { DocumentResult, FieldSpec, OcrPage } from "../types";
import { type OwnCompany, ownMatcher } from "../own";
import { ENGINE_VERSION } from "../version";
import { readEInvoice } from ".";
import { eInvoiceData } from "./result";

/** The result of an e-invoice document; `printed` is the page-only extraction of the same pages. */
export function eInvoiceResult(xml: Uint8Array | string, fields: FieldSpec[], pages: OcrPage[], printed?: DocumentResult, own?: OwnCompany): DocumentResult {
  const inv = readEInvoice(xml);
  const { data, issues } = eInvoiceData(inv, fields, pages, printed ? { printed: printed.data } : {});
  // The XML names the buyer: a buyer that is none of us is worth a look.
  const me = ownMatcher(own);
  const buyer = [inv.header.customer, inv.header.customer_tax_id].filter((v): v is string => !!v);
  if (me.any && !buyer.some((b) => me.isOwn(b))) {
    issues.push({
      code: "not_addressed_to_us",
      severity: "warning",
      message: `The e-invoice is addressed to ${inv.header.customer ?? "someone else"}, none of your company's names or VAT/tax ids.`,
      fields: fields.some((f) => f.name === "customer") ? ["customer"] : [],
    });
  }
  return {
    engineVersion: ENGINE_VERSION,
    extractor: "e_invoice",
    data,
    issues,
    pages: printed?.pages ?? [],
    eInvoice: { syntax: inv.syntax, ...(inv.profile ? { profile: inv.profile } : {}) },
  };
}

/**
 * Wiring of the e-invoice stage into the engine shell: the XML gives the values, the pages
 * (text layer or OCR, when the invoice has a printed form) give their boxes, and the page's
 * own extraction gives the second reading shown where the two disagree.
 */
import type { DocumentResult, FieldSpec, OcrPage } from "../types";
import { ENGINE_VERSION } from "../version";
import { readEInvoice } from ".";
import { eInvoiceData } from "./result";

/** The result of an e-invoice document; `printed` is the page-only extraction of the same pages. */
export function eInvoiceResult(xml: Uint8Array | string, fields: FieldSpec[], pages: OcrPage[], printed?: DocumentResult): DocumentResult {
  const inv = readEInvoice(xml);
  const { data, issues } = eInvoiceData(inv, fields, pages, printed ? { printed: printed.data } : {});
  return {
    engineVersion: ENGINE_VERSION,
    extractor: "e_invoice",
    data,
    issues,
    pages: printed?.pages ?? [],
    eInvoice: { syntax: inv.syntax, ...(inv.profile ? { profile: inv.profile } : {}) },
  };
}

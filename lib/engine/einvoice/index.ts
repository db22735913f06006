/**
 * The e-invoice stage: structured invoices read from their XML instead of the printed page.
 * Pure reading (bytes in, fields out) lives here; `embedded.ts` is the PDF shell that finds
 * the XML inside a Factur-X / ZUGFeRD PDF. Supported: CII (ZUGFeRD 1.0, ZUGFeRD 2.x /
 * Factur-X all profiles, XRechnung-CII) and UBL 2.1 Invoice/CreditNote (XRechnung-UBL, Peppol BIS).
 */
import { EngineError } from "../types";
import { isCii, readCii } from "./cii";
import { billsNothing, type EInvoice } from "./model";
import { isUbl, readUbl } from "./ubl";
import { parseXml, xmlText } from "./xml";

export type { EInvoice, HeaderKey, LineKey } from "./model";
export { eInvoiceData, type EInvoiceResultOptions } from "./result";
export { mapFields } from "./fields";
export { MAX_XML_BYTES, parseXml } from "./xml";

/** Cheap sniff: do these bytes look like an XML e-invoice (before parsing)? */
export function looksLikeEInvoiceXml(bytes: Uint8Array): boolean {
  const head = xmlText(bytes.subarray(0, 4096)).trimStart();
  return head.startsWith("<") && /<(?:[\w-]+:)?(?:CrossIndustryInvoice|CrossIndustryDocument|Invoice|CreditNote)[\s>]/.test(head);
}

/** Read an XML e-invoice (lines that bill nothing — section headings, notes — left out); EngineError("invalid_request") when it is XML but no invoice we read. */
export function readEInvoice(bytes: Uint8Array | string): EInvoice {
  const root = parseXml(bytes);
  const inv = isCii(root) ? readCii(root) : isUbl(root) ? readUbl(root) : null;
  if (inv) return { ...inv, lines: inv.lines.filter((l) => !billsNothing(l)) };
  throw new EngineError("invalid_request", "the XML is neither a CII (ZUGFeRD/Factur-X/XRechnung) nor a UBL 2.1 invoice");
}

/**
 * The XML inside a hybrid PDF (Factur-X / ZUGFeRD / XRechnung attached to a PDF/A-3):
 * read the PDF's embedded files with pdf.js and take the invoice XML among them.
 */
import { EngineError } from "../types";
import { MAX_XML_BYTES } from "./xml";

/** File names the standards give the invoice attachment (lower case), most specific first. */
const KNOWN_NAMES = ["factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "zugferd_invoice.xml", "order-x.xml"];
const INVOICE_ROOT = /<(?:[\w-]+:)?(?:CrossIndustryInvoice|CrossIndustryDocument|Invoice|CreditNote)[\s>]/;

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let pdfjsPromise: Promise<PdfJs> | null = null;

/** The embedded invoice XML of a PDF, or null when it carries none. */
export async function embeddedInvoiceXml(pdf: Uint8Array): Promise<{ name: string; xml: Uint8Array } | null> {
  pdfjsPromise ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  const pdfjs = await pdfjsPromise;
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  try {
    const doc = await task.promise;
    const files = ((await doc.getAttachments()) ?? {}) as Record<string, { filename?: string; content?: Uint8Array }>;
    const list = Object.entries(files).map(([key, f]) => ({ name: (f.filename ?? key).toLowerCase(), content: f.content }));
    const xmls = list.filter((f): f is { name: string; content: Uint8Array } => !!f.content && f.name.endsWith(".xml"));
    const rank = (n: string) => {
      const i = KNOWN_NAMES.indexOf(n);
      return i < 0 ? KNOWN_NAMES.length : i;
    };
    for (const f of xmls.sort((a, b) => rank(a.name) - rank(b.name))) {
      if (f.content.byteLength > MAX_XML_BYTES) continue;
      const head = new TextDecoder().decode(f.content.subarray(0, 4096));
      if (INVOICE_ROOT.test(head) || rank(f.name) < KNOWN_NAMES.length) return { name: f.name, xml: f.content };
    }
    return null;
  } catch (err) {
    if ((err as { name?: string }).name === "PasswordException") throw new EngineError("unprocessable_image", "PDF is encrypted with a password");
    return null;
  } finally {
    await task.destroy().catch(() => {});
  }
}

/**
 * A readable page drawn from an e-invoice XML that has no printed form (XRechnung, Peppol):
 * A4 pages at 150 dpi with the seller, the buyer, the invoice data, the line items and the
 * totals, each value printed exactly as the XML carries it. The text layer of what was
 * drawn comes with it, so the shared matcher gives every value its box on the rendering
 * and the viewer shows the values in place, as for a scanned page.
 */
import type { TextLayerItem, TextLayerPage } from "../types";
import type { EInvoice } from "./model";

/** One rendered page: PNG bytes and the text layer of what was drawn on it. */
export interface RenderedPage {
  png: Buffer;
  width: number;
  height: number;
  textLayer: TextLayerPage;
}

const W = 1240; // A4 at 150 dpi
const H = 1754;
const M = 90;
const FONT = "'DejaVu Sans', Helvetica, Arial, sans-serif";
const ROWS_FIRST = 18;
const ROWS_NEXT = 34;

/** Labels in the rendering (English and German: e-invoices are mostly German/French today). */
const L = {
  title: {
    "380": "Invoice / Rechnung",
    "381": "Credit note / Gutschrift",
    "384": "Corrected invoice / Rechnungskorrektur",
    "326": "Partial invoice / Teilrechnung",
  } as Record<string, string>,
  seller: "Seller / Verkäufer",
  buyer: "Buyer / Käufer",
  number: "Invoice no. / Rechnungsnr.",
  date: "Date / Datum",
  due: "Due / Fällig",
  service: "Delivery / Leistung",
  order: "Order / Bestellung",
  ref: "Buyer reference",
  currency: "Currency / Währung",
  vat: "VAT id",
  net: "Net / Netto",
  tax: "Tax / USt.",
  total: "Total / Brutto",
  due_amount: "Amount due / Zahlbetrag",
  iban: "IBAN",
  bic: "BIC",
  terms: "Terms",
  payref: "Payment reference",
  cols: ["#", "Description / Bezeichnung", "Qty", "Unit", "Price", "Amount"],
};

type Ctx = {
  font: string;
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  textBaseline: string;
  fillText(t: string, x: number, y: number): void;
  measureText(t: string): { width: number };
  fillRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
};

/** Draw the invoice; every drawn string is also a text-layer item. */
export async function renderEInvoice(inv: EInvoice): Promise<RenderedPage[]> {
  const { createCanvas } = await import("@napi-rs/canvas");
  const h = inv.header;
  const pages: RenderedPage[] = [];
  const rowsPerPage = (i: number) => (i === 0 ? ROWS_FIRST : ROWS_NEXT);
  const chunks: (typeof inv.lines)[] = [];
  for (let at = 0, i = 0; at < inv.lines.length || i === 0; i++) {
    chunks.push(inv.lines.slice(at, at + rowsPerPage(i)));
    at += rowsPerPage(i);
  }
  for (const [pi, lines] of chunks.entries()) {
    const canvas = createCanvas(W, H);
    const ctx = canvas.getContext("2d") as unknown as Ctx;
    const items: TextLayerItem[] = [];
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, W, H);
    ctx.textBaseline = "top";
    const text = (
      t: string | undefined,
      x: number,
      y: number,
      size = 20,
      opts: { bold?: boolean; right?: boolean; maxWidth?: number; color?: string } = {},
    ) => {
      if (!t) return;
      let s = size;
      ctx.font = `${opts.bold ? "bold " : ""}${s}px ${FONT}`;
      // A long value shrinks to its column rather than running into the next one.
      while (opts.maxWidth && ctx.measureText(t).width > opts.maxWidth && s > 11) {
        s -= 1;
        ctx.font = `${opts.bold ? "bold " : ""}${s}px ${FONT}`;
      }
      const w = ctx.measureText(t).width;
      const x0 = opts.right ? x - w : x;
      ctx.fillStyle = opts.color ?? "#111111";
      ctx.fillText(t, x0, y);
      items.push({ text: t, x: x0, y, width: w, height: s * 1.17 });
    };
    const rule = (y: number) => {
      ctx.strokeStyle = "#999999";
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(M, y);
      ctx.lineTo(W - M, y);
      ctx.stroke();
    };
    let y = M;
    text(L.title[h.document_type_code ?? "380"] ?? L.title["380"], M, y, 34, { bold: true });
    text(`${inv.syntax.toUpperCase()} e-invoice${pi > 0 ? ` · page ${pi + 1}` : ""}`, W - M, y + 8, 16, { right: true, color: "#666666" });
    y += 60;
    if (pi === 0) {
      const block = (x: number, label: string, name?: string, address?: string, vat?: string) => {
        let yy = y;
        text(label, x, yy, 15, { color: "#666666" });
        yy += 24;
        text(name, x, yy, 21, { bold: true, maxWidth: 500 });
        yy += 30;
        for (const a of (address ?? "").split("\n")) {
          text(a, x, yy, 19, { maxWidth: 500 });
          yy += 26;
        }
        if (vat) text(`${L.vat} ${vat}`, x, yy, 19);
        return yy + 30;
      };
      const y1 = block(M, L.seller, h.vendor, h.vendor_address, h.vendor_tax_id);
      const y2 = block(W / 2 + 20, L.buyer, h.customer, h.customer_address, h.customer_tax_id);
      y = Math.max(y1, y2) + 10;
      const facts: [string, string | undefined][] = [
        [L.number, h.invoice_number],
        [L.date, h.issue_date],
        [L.due, h.due_date],
        [L.service, h.service_date],
        [L.order, h.order_number],
        [L.ref, h.buyer_reference],
        [L.currency, h.currency],
      ];
      for (const [label, v] of facts.filter(([, v]) => v)) {
        text(label, M, y, 19, { color: "#444444" });
        text(v, M + 330, y, 19, { bold: label === L.number, maxWidth: W - 2 * M - 330 });
        y += 28;
      }
      y += 20;
    }
    // Line items: one row per line, values as the XML has them.
    // Left edges of # and description; right edges of the number columns.
    const left = [M, M + 50];
    const right = [720, 820, 990, W - M];
    rule(y);
    y += 8;
    for (const [i, c] of L.cols.entries()) text(c, i < 2 ? left[i]! : right[i - 2]!, y, 16, { bold: true, right: i >= 2 });
    y += 28;
    rule(y);
    y += 8;
    for (const l of lines) {
      text(l.line_id, left[0]!, y, 18);
      text(l.description, left[1]!, y, 18, { maxWidth: right[0]! - left[1]! - 110 });
      text(l.quantity, right[0]!, y, 18, { right: true });
      text(l.unit, right[1]!, y, 16, { right: true, color: "#666666" });
      text(l.unit_price, right[2]!, y, 18, { right: true });
      text(l.amount, right[3]!, y, 18, { right: true });
      y += 30;
    }
    rule(y);
    y += 16;
    if (pi === chunks.length - 1) {
      const sums: [string, string | undefined, boolean][] = [
        [L.net, h.subtotal, false],
        [h.tax_rate ? `${L.tax} ${h.tax_rate} %` : L.tax, h.tax, false],
        [L.total, h.total, true],
        [L.due_amount, h.amount_due !== h.total ? h.amount_due : undefined, true],
      ];
      for (const [label, v, bold] of sums.filter(([, v]) => v)) {
        text(label, 760, y, 20, { bold });
        text(v, W - M, y, 20, { bold, right: true });
        y += 32;
      }
      y += 24;
      const pay: [string, string | undefined][] = [
        [L.iban, h.iban],
        [L.bic, h.bic],
        [L.payref, h.payment_reference],
        [L.terms, h.payment_terms],
      ];
      for (const [label, v] of pay.filter(([, v]) => v)) {
        text(label, M, y, 18, { color: "#444444" });
        text(v, M + 250, y, 18, { maxWidth: W - 2 * M - 250 });
        y += 28;
      }
    }
    pages.push({ png: canvas.toBuffer("image/png"), width: W, height: H, textLayer: { width: W, height: H, items } });
  }
  return pages;
}

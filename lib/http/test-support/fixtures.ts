/**
 * Images for the API's integration tests. Two are copies of rendered documents from the
 * project's own synthetic set (e2e/fixtures/api); the delivery note is drawn here with
 * sharp from an SVG so the suite needs nothing beyond the repository.
 */
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";

const DIR = path.resolve(import.meta.dirname, "../../../e2e/fixtures/api");

/** An English thermal receipt, 475×900 (truth: vendor "Green Leaf Food Hall", total "£17.38"). */
export const receiptPath = path.join(DIR, "receipt-en.png");
/** An A4 invoice at 150 DPI, 1241×1755 (truth: invoice_number "INV067200", total "EUR 3,617.52"). */
export const invoicePath = path.join(DIR, "invoice-a4-en.png");

/** What the drawn delivery note says. */
export const deliveryTruth = {
  delivery_no: "DN-20418",
  delivery_date: "12/03/2026",
  vendor: "Northwind Supplies Ltd",
};

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** Render an English delivery note (A4 at 150 DPI) as PNG. */
export async function renderDeliveryNote(): Promise<Buffer> {
  const W = 1241;
  const H = 1755;
  const t = (x: number, y: number, s: string, size = 26, weight = "normal", anchor = "start") =>
    `<text x="${x}" y="${y}" font-family="DejaVu Sans" font-size="${size}" font-weight="${weight}" text-anchor="${anchor}">${esc(s)}</text>`;
  const rows = [
    ["A-1001", "Steel shelf bracket", "40", "pcs"],
    ["A-1002", "Wall anchor set", "12", "box"],
    ["B-2040", "Cable tray 2m", "8", "pcs"],
  ];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
  <rect width="100%" height="100%" fill="#ffffff"/>
  ${t(90, 140, deliveryTruth.vendor, 34, "bold")}
  ${t(90, 185, "14 Harbour Street, Leeds LS1 4AB")}
  ${t(90, 300, "DELIVERY NOTE", 48, "bold")}
  ${t(700, 400, "Delivery No:")} ${t(900, 400, deliveryTruth.delivery_no)}
  ${t(700, 445, "Delivery Date:")} ${t(900, 445, deliveryTruth.delivery_date)}
  ${t(700, 490, "Order No:")} ${t(900, 490, "PO-7731")}
  ${t(90, 400, "Deliver to:", 26, "bold")}
  ${t(90, 445, "Brightside Builders")}
  ${t(90, 490, "22 Mill Lane, York YO1 7HH")}
  <line x1="90" y1="600" x2="1150" y2="600" stroke="#000" stroke-width="2"/>
  ${t(90, 640, "Item Code", 26, "bold")} ${t(300, 640, "Description", 26, "bold")} ${t(900, 640, "Qty", 26, "bold")} ${t(1030, 640, "Unit", 26, "bold")}
  <line x1="90" y1="660" x2="1150" y2="660" stroke="#000" stroke-width="2"/>
  ${rows.map((r, i) => `${t(90, 710 + i * 50, r[0] ?? "")} ${t(300, 710 + i * 50, r[1] ?? "")} ${t(900, 710 + i * 50, r[2] ?? "")} ${t(1030, 710 + i * 50, r[3] ?? "")}`).join("\n")}
  <line x1="90" y1="870" x2="1150" y2="870" stroke="#000" stroke-width="2"/>
  ${t(90, 1000, "Received by: ____________________")}
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Read a fixture file. */
export function fixture(p: string): Buffer {
  return fs.readFileSync(p);
}

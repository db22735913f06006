// Test-only helpers shared by the job and document integration tests.
import sharp from "sharp";
import { serializePdf } from "@/lib/engine/pdf/serialize.test-helpers";

/** A small invoice-like page rendered from SVG text (real pixels for real OCR). */
export async function invoicePng(opts: { number?: string; total?: string } = {}): Promise<Buffer> {
  const number = opts.number ?? "INV-2049";
  const total = opts.total ?? "1,234.50";
  const lines = [
    ["ACME Supplies Ltd", 60, 80, 34],
    ["INVOICE", 60, 150, 40],
    [`Invoice No: ${number}`, 60, 230, 28],
    ["Date: 2024-03-15", 60, 280, 28],
    ["Description          Qty      Amount", 60, 380, 26],
    ["Paper A4               2      200.00", 60, 430, 26],
    [`Total: ${total}`, 60, 540, 30],
  ] as const;
  const text = lines.map(([t, x, y, s]) => `<text x="${x}" y="${y}" font-family="DejaVu Sans" font-size="${s}" fill="#000">${t}</text>`).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="640"><rect width="100%" height="100%" fill="#fff"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Poll until `fn` returns a truthy value or the time runs out. */
export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 120_000, stepMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** A one-page PDF with real text in Helvetica (a born-digital page with a text layer). */
export function textPdf(lines: string[]): Buffer {
  const content = `BT /F1 18 Tf 72 740 Td 22 TL ${lines.map((l) => `(${l.replace(/[()\\]/g, "\\$&")}) Tj T*`).join(" ")} ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  return serializePdf(objects);
}

// bench:ui helper: fills an embedded database with a big space BEFORE the server starts
// (PGlite is single-process: while the server runs it holds the data directory's lock).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { closeDriver } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { documents, extractions, pages } from "@/lib/db/schema";
import type { DocumentResult, FieldValue, Point } from "@/lib/engine/types";
import { ENGINE_VERSION } from "@/lib/engine/version";
import { parseEnv } from "@/lib/env";
import { createSpace } from "@/lib/services/spaces/create";
import { createFirstAdmin } from "@/lib/services/users/create-first-admin";
import { createLocalStorage } from "@/lib/storage";

/** Every seeded page shows the same A4 scan (one file in storage, shared by all page rows). */
const PAGE = { width: 1241, height: 1755, key: "bench/invoice-a4.png" };
const BATCH = 250;

export interface Seeded {
  bigSpaceId: string;
  uploadSpaceId: string;
  /** documentId → the extraction result stored for it (the expected polygons). */
  results: Map<string, DocumentResult>;
}

/** A slightly rotated quad on the 0–1000 grid (tl, tr, br, bl), like a real scan's values. */
function quad(x: number, y: number, w: number, h: number, tilt: number): Point[] {
  return [
    { x, y },
    { x: x + w, y: y + tilt },
    { x: x + w, y: y + tilt + h },
    { x, y: y + h },
  ];
}

function value(text: string | null, at: [number, number, number], ratio: number, normalized?: number | string): FieldValue {
  if (text === null) return { value: null, bbox: null, vertices: null, match_ratio: 0, bbox_source: null, page: null };
  const [x, y, w] = at;
  const vertices = quad(x, y, w, 14, 2);
  const xs = vertices.map((v) => v.x);
  const ys = vertices.map((v) => v.y);
  return {
    value: text,
    ...(normalized !== undefined ? { normalized } : {}),
    bbox: { xmin: Math.min(...xs), ymin: Math.min(...ys), xmax: Math.max(...xs), ymax: Math.max(...ys) },
    vertices,
    match_ratio: ratio,
    bbox_source: ratio >= 0.85 ? "vision_symbol_match" : "low_confidence",
    page: 0,
  };
}

/** A realistic invoice result; positions shift with i so every document's polygons differ. */
export function invoiceResult(i: number): DocumentResult {
  const dy = i % 40;
  const net = 100 + ((i * 37) % 9000) + (i % 100) / 100;
  const tax = Math.round(net * 19) / 100;
  const money = (n: number) => n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const day = String((i % 28) + 1).padStart(2, "0");
  const items = [0, 1, 2].map((k) => {
    const amount = Math.round((net / 3) * 100) / 100;
    return {
      field_bboxes: {
        description: value(`Item ${k + 1} of order ${i}`, [80, 420 + dy + k * 30, 300], 0.97),
        quantity: value(String(k + 1), [520, 420 + dy + k * 30, 30], 1, k + 1),
        unit_price: value(money(amount / (k + 1)), [640, 420 + dy + k * 30, 90], 0.95, amount / (k + 1)),
        amount: value(money(amount), [820, 420 + dy + k * 30, 90], 0.96, amount),
      },
    };
  });
  return {
    engineVersion: ENGINE_VERSION,
    extractor: "rules",
    issues: i % 7 === 0 ? [{ code: "total_sum", severity: "error", message: "Σ subtotal + tax ≠ total", fields: ["total"] }] : [],
    pages: [{ index: 0, width: PAGE.width, height: PAGE.height, rotation: 0, skew: 0.4, language: "en", source: "tesseract" }],
    data: {
      vendor: value(`Supplier ${i % 311} GmbH`, [70, 60 + dy, 260], 0.98),
      vendor_address: value(`${i % 90} Market Street, Berlin`, [70, 90 + dy, 320], 0.91),
      invoice_number: value(`INV-${100000 + i}`, [650, 160 + dy, 150], i % 11 === 0 ? 0.72 : 0.99),
      issue_date: value(`2026-03-${day}`, [650, 190 + dy, 120], 0.97, `2026-03-${day}`),
      due_date: value(`2026-04-${day}`, [650, 220 + dy, 120], 0.93, `2026-04-${day}`),
      customer: value("Vouch Test AG", [70, 200 + dy, 200], 0.95),
      currency: value("EUR", [820, 620 + dy, 40], 0.9),
      subtotal: value(money(net), [820, 650 + dy, 100], 0.96, net),
      tax: value(money(tax), [820, 680 + dy, 100], 0.94, tax),
      tax_rate: value("19%", [700, 680 + dy, 40], 0.9),
      total: value(money(net + tax), [820, 710 + dy, 110], i % 13 === 0 ? 0.8 : 0.99, net + tax),
      iban: i % 5 === 0 ? value(null, [0, 0, 0], 0) : value("DE89 3704 0044 0532 0130 00", [70, 900 + dy, 330], 0.92),
      line_items: { value: items },
    },
  };
}

/** Admin user, an empty space for the upload and a space with `rows` extracted documents. */
export async function seedDatabase(opts: { dataDir: string; email: string; password: string; rows: number; pagePng: Buffer }): Promise<Seeded> {
  const env = parseEnv({ DATA_DIR: opts.dataDir, NODE_ENV: "production" });
  const db = await prepareDatabase(env);
  try {
    await createLocalStorage(path.join(opts.dataDir, "files")).put(PAGE.key, opts.pagePng, { contentType: "image/png" });
    const user = await createFirstAdmin({ db, input: { email: opts.email, password: opts.password } });
    const upload = await createSpace({ db, userId: user.id, input: { name: "Bench upload", templateId: "invoice" } });
    const big = await createSpace({ db, userId: user.id, input: { name: `Bench ${opts.rows} rows`, templateId: "invoice" } });
    const results = new Map<string, DocumentResult>();
    const t0 = Date.now() - opts.rows * 1000;
    for (let start = 0; start < opts.rows; start += BATCH) {
      const docs: Array<typeof documents.$inferInsert> = [];
      const pageRows: Array<typeof pages.$inferInsert> = [];
      const extractionRows: Array<typeof extractions.$inferInsert> = [];
      for (let i = start; i < Math.min(opts.rows, start + BATCH); i++) {
        const id = crypto.randomUUID();
        const result = invoiceResult(i);
        results.set(id, result);
        // distinct created_at: the grid's (and the windows') order is stable
        const at = new Date(t0 + i * 1000);
        docs.push({
          id,
          spaceId: big.id,
          fileName: `invoice-${String(i).padStart(5, "0")}.png`,
          mimeType: "image/png",
          sha256: crypto.createHash("sha256").update(id).digest("hex"),
          status: "done",
          pageCount: 1,
          uploadedBy: user.id,
          createdAt: at,
          updatedAt: at,
        });
        pageRows.push({ documentId: id, index: 0, width: PAGE.width, height: PAGE.height, imageKey: PAGE.key });
        extractionRows.push({ documentId: id, engineVersion: ENGINE_VERSION, extractor: "rules", result, createdAt: at });
      }
      await db.insert(documents).values(docs);
      await db.insert(pages).values(pageRows);
      await db.insert(extractions).values(extractionRows);
    }
    return { bigSpaceId: big.id, uploadSpaceId: upload.id, results };
  } finally {
    await closeDriver(env);
  }
}

/** Size of the seeded data directory (for the log line). */
export function dirMegabytes(dir: string): number {
  let bytes = 0;
  const walk = (p: string) => {
    for (const e of fs.readdirSync(p, { withFileTypes: true })) {
      const f = path.join(p, e.name);
      if (e.isDirectory()) walk(f);
      else bytes += fs.statSync(f).size;
    }
  };
  walk(dir);
  return Math.round(bytes / 1e5) / 10;
}

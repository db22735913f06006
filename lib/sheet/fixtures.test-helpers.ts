import type { DocumentResult, FieldValue } from "@/lib/engine/types";
import type { CorrectionRecord, DocumentMeta, SpaceSchema } from "./types";

/** Test fixtures shared by the sheet and export tests (not a test file itself). */
export const schema: SpaceSchema = {
  templateId: "invoice",
  fields: [
    { name: "invoice_no", type: "string", required: true },
    { name: "invoice_date", type: "date", required: true },
    { name: "vendor", type: "string" },
    { name: "subtotal", type: "number" },
    { name: "total", type: "number", required: true },
    { name: "note", type: "string" },
    {
      name: "line_items",
      type: "array",
      children: [
        { name: "description", type: "string" },
        { name: "amount", type: "number" },
      ],
    },
  ],
};

/** A located value; vertices follow the bbox unless given. */
export function fv(value: string | null, ratio = 1, extra: Partial<FieldValue> = {}): FieldValue {
  if (value === null) {
    return { value: null, bbox: null, vertices: null, match_ratio: 0, bbox_source: null, page: null, ...extra };
  }
  return {
    value,
    bbox: { xmin: 100, ymin: 200, xmax: 300, ymax: 230 },
    vertices: [
      { x: 100, y: 200 },
      { x: 300, y: 202 },
      { x: 300, y: 232 },
      { x: 100, y: 230 },
    ],
    match_ratio: ratio,
    bbox_source: ratio >= 0.85 ? "vision_symbol_match" : "low_confidence",
    page: 0,
    ...extra,
  };
}

export function meta(id: string, extra: Partial<DocumentMeta> = {}): DocumentMeta {
  return {
    documentId: id,
    fileName: `${id}.pdf`,
    status: "done",
    createdAt: "2026-11-20T10:00:00.000Z",
    pages: [{ index: 0, width: 1240, height: 1754, imageUrl: `/img/${id}/0` }],
    ...extra,
  };
}

export function result(overrides: Partial<DocumentResult["data"]> = {}, issues: DocumentResult["issues"] = []): DocumentResult {
  const data: DocumentResult["data"] = {
    invoice_no: fv("INV-2049"),
    invoice_date: fv("12.03.2026", 1, { normalized: "2026-03-12" }),
    vendor: fv('=HYPERLINK("http://x")', 0.9),
    subtotal: fv("12,430.00", 1, { normalized: 12430 }),
    total: fv("-1.234,56", 0.62, { normalized: -1234.56 }),
    note: fv(null),
    line_items: {
      value: [
        { field_bboxes: { description: fv('Paper, "A4"'), amount: fv("12,340.00", 1, { normalized: 12340 }) } },
        { field_bboxes: { description: fv("Toner\nblack"), amount: fv("90.00", 0.5, { normalized: 90 }) } },
      ],
    },
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete data[k];
    else data[k] = v;
  }
  return { engineVersion: "test", extractor: "rules", data, issues, pages: [] };
}

let seq = 0;
export function correction(
  documentId: string,
  path: string,
  kind: CorrectionRecord["kind"],
  newValue: string | null,
  createdAt = "2026-11-20T11:00:00.000Z",
  extra: Partial<CorrectionRecord> = {},
): CorrectionRecord {
  seq += 1;
  return {
    id: `c${seq}`,
    documentId,
    path,
    kind,
    oldValue: null,
    newValue,
    box: null,
    page: null,
    userId: "u1",
    userEmail: "clerk@example.com",
    createdAt,
    ...extra,
  };
}

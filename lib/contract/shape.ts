/**
 * Engine results → the two response shapes of the contract. Every requested field is
 * present; a missing scalar is `{ value: null, bbox: null, vertices: null, match_ratio: 0 }`
 * and a missing array is an empty row list.
 */
import type { ApiBBox, FieldResult, FieldSpec, FieldValue, Point } from "@/lib/engine/types";
import { isArrayValue } from "@/lib/engine/types";

/** A scalar as the API returns it (the engine's `page` is dropped: one image, one page). */
export interface ApiFieldValue {
  value: string | null;
  normalized?: number | string;
  bbox: ApiBBox | null;
  vertices: Point[] | null;
  match_ratio: number;
  bbox_source: FieldValue["bbox_source"];
  /** with bbox_source "inferred": the printed text the value was inferred from. */
  inferred_from?: string;
  /** estimated probability that the value is wrong (absent for missing values and old results). */
  risk?: number;
}

/** An array field as the API returns it. */
export interface ApiArrayValue {
  value: Array<{ field_bboxes: Record<string, ApiFieldValue> }>;
  bbox: ApiBBox | null;
  match_ratio: number;
}

const MISSING: ApiFieldValue = { value: null, bbox: null, vertices: null, match_ratio: 0, bbox_source: null };

function scalar(v: FieldValue | undefined): ApiFieldValue {
  if (!v) return { ...MISSING };
  const bbox = v.bbox ? { xmin: Math.round(v.bbox.xmin), ymin: Math.round(v.bbox.ymin), xmax: Math.round(v.bbox.xmax), ymax: Math.round(v.bbox.ymax) } : null;
  return {
    value: v.value,
    ...(v.normalized !== undefined ? { normalized: v.normalized } : {}),
    bbox,
    vertices: v.vertices ? v.vertices.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) })) : null,
    match_ratio: Math.round(v.match_ratio * 10_000) / 10_000,
    bbox_source: v.bbox_source,
    ...(v.inferred_from !== undefined ? { inferred_from: v.inferred_from } : {}),
    ...(v.value !== null && v.risk !== undefined ? { risk: Math.round(v.risk * 10_000) / 10_000 } : {}),
  };
}

function union(boxes: ApiBBox[]): ApiBBox | null {
  if (boxes.length === 0) return null;
  return {
    xmin: Math.min(...boxes.map((b) => b.xmin)),
    ymin: Math.min(...boxes.map((b) => b.ymin)),
    xmax: Math.max(...boxes.map((b) => b.xmax)),
    ymax: Math.max(...boxes.map((b) => b.ymax)),
  };
}

function arrayField(spec: FieldSpec, r: FieldResult | undefined): ApiArrayValue {
  const rows = r && isArrayValue(r) ? r.value : [];
  const out = rows.map((row) => ({
    field_bboxes: Object.fromEntries((spec.children ?? []).map((c) => [c.name, scalar(row.field_bboxes[c.name])])),
  }));
  const cells = out.flatMap((row) => Object.values(row.field_bboxes)).filter((c) => c.value !== null);
  return {
    value: out,
    bbox: union(cells.flatMap((c) => (c.bbox ? [c.bbox] : []))),
    match_ratio: cells.length > 0 ? Math.min(...cells.map((c) => c.match_ratio)) : 0,
  };
}

/** The detailed (canonical) `data`: one object per field, in the order requested. */
export function toDetailed(fields: FieldSpec[], data: Record<string, FieldResult>): Record<string, ApiFieldValue | ApiArrayValue> {
  const out: Record<string, ApiFieldValue | ApiArrayValue> = {};
  for (const f of fields) {
    const r = data[f.name];
    out[f.name] = f.type === "array" ? arrayField(f, r) : scalar(r && !isArrayValue(r) ? r : undefined);
  }
  return out;
}

type FlatBox = Omit<ApiFieldValue, "value">;

function boxOf(v: ApiFieldValue): FlatBox {
  const { value: _value, ...rest } = v;
  return rest;
}

/**
 * The older flat `data` (seeds 000/001): `data.total = "2,045"`, array fields as rows of
 * plain values, and every box in `data.field_bboxes` (per row for array fields).
 */
export function toFlat(fields: FieldSpec[], data: Record<string, FieldResult>): Record<string, unknown> {
  const detailed = toDetailed(fields, data);
  const out: Record<string, unknown> = {};
  const boxes: Record<string, FlatBox | Array<Record<string, FlatBox>>> = {};
  for (const f of fields) {
    const d = detailed[f.name];
    if (!d) continue;
    if (f.type === "array") {
      const rows = (d as ApiArrayValue).value;
      out[f.name] = rows.map((row) => Object.fromEntries(Object.entries(row.field_bboxes).map(([k, c]) => [k, c.value])));
      boxes[f.name] = rows.map((row) => Object.fromEntries(Object.entries(row.field_bboxes).map(([k, c]) => [k, boxOf(c)])));
    } else {
      const v = d as ApiFieldValue;
      out[f.name] = v.value;
      boxes[f.name] = boxOf(v);
    }
  }
  out.field_bboxes = boxes;
  return out;
}

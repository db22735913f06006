import { readFileSync } from "node:fs";
import path from "node:path";
import type { ApiBBox, FieldValue, OcrPage } from "../../types";

const dir = path.dirname(new URL(import.meta.url).pathname);

/** Truth of a golden document (trimmed synthetic-dev truth). */
export interface GoldenTruth {
  fields: Record<string, { value: string | null; printed: boolean; iso?: string; numeric?: number; boxes: Array<{ page: number; bbox_norm: [number, number, number, number] }> }>;
  line_items: Array<Record<string, { value: string | null; boxes?: Array<{ bbox_norm: [number, number, number, number] }> } | boolean | number>>;
  inconsistency: { type: string; line_index?: number } | null;
}

/** Frozen OCR pages of a golden document. */
export const goldenPages = (id: string): OcrPage[] => JSON.parse(readFileSync(path.join(dir, `${id}.ocr.json`), "utf8"));
/** Truth of a golden document. */
export const goldenTruth = (id: string): GoldenTruth => JSON.parse(readFileSync(path.join(dir, `${id}.truth.json`), "utf8"));
/** Raw bytes of a golden image. */
export const goldenImage = (file: string): Buffer => readFileSync(path.join(dir, file));

/** Best IoU of a located value with any of the truth's boxes. */
export function iouWithTruth(v: FieldValue, boxes: Array<{ bbox_norm: [number, number, number, number] }>): number {
  const a: ApiBBox | null = v.bbox;
  if (!a) return 0;
  return Math.max(
    0,
    ...boxes.map(({ bbox_norm: b }) => {
      const ix = Math.max(0, Math.min(a.xmax, b[2]) - Math.max(a.xmin, b[0]));
      const iy = Math.max(0, Math.min(a.ymax, b[3]) - Math.max(a.ymin, b[1]));
      const inter = ix * iy;
      return inter / ((a.xmax - a.xmin) * (a.ymax - a.ymin) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
    }),
  );
}

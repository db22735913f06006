import { createRequire } from "node:module";
import path from "node:path";
import { createWorker, type Worker } from "tesseract.js";
import type { Box, FieldResult, FieldSpec, FieldValue, OcrPage } from "../../lib/engine/types";
import { BASELINE_LABELS } from "./mapping";

/**
 * The benchmark's yardstick: plain Tesseract (eng, automatic page segmentation) and the
 * simplest label-proximity rule — a field's value is the next token to the right of one of
 * its label words on the same line; the vendor is the first line. Its boxes are the OCR
 * word boxes and it runs no checks, so everything it finds counts as auto-accepted.
 */

type Tok = { text: string; box: Box };

/** Lines of tokens of a page on the 0–1000 grid. */
export type BaselinePage = { index: number; lines: Tok[][] };

/** Lines of an OcrPage (text-layer mode: the baseline reads the same text layer). */
export function linesOfPage(p: OcrPage): BaselinePage {
  const byId = new Map(p.words.map((w) => [w.id, w]));
  return { index: p.index, lines: p.lines.map((l) => l.wordIds.flatMap((id) => (byId.has(id) ? [{ text: byId.get(id)!.text, box: byId.get(id)!.box }] : []))) };
}

const clean = (s: string) => s.toLowerCase().replace(/[:：]+$/u, "");

function fv(t: Tok | undefined, page: number, text?: string): FieldValue {
  if (!t) return { value: null, bbox: null, vertices: null, match_ratio: 0, bbox_source: null, page: null };
  const b = { xmin: Math.floor(t.box.x0), ymin: Math.floor(t.box.y0), xmax: Math.ceil(t.box.x1), ymax: Math.ceil(t.box.y1) };
  return { value: text ?? t.text, bbox: b, vertices: null, match_ratio: 1, bbox_source: "vision_symbol_match", page };
}

/** Apply the label-proximity rule to a document's pages. */
export function baselineExtract(pages: BaselinePage[], fields: FieldSpec[]): Record<string, FieldResult> {
  const data: Record<string, FieldResult> = {};
  for (const f of fields) {
    if (f.type === "array") {
      data[f.name] = { value: [] };
      continue;
    }
    if (f.name === "vendor") {
      const first = pages[0]?.lines.find((l) => l.length > 0);
      data[f.name] = first ? fv({ text: first.map((t) => t.text).join(" "), box: first[0]!.box }, 0) : fv(undefined, 0);
      continue;
    }
    const labels = new Set(BASELINE_LABELS[f.name] ?? f.name.split("_"));
    const wantsDigit = f.type === "number" || f.type === "date";
    let hit: { t: Tok; page: number } | undefined;
    for (const p of pages) {
      for (const line of p.lines) {
        for (let i = 0; i < line.length - 1 && !hit; i++) {
          if (!labels.has(clean(line[i]!.text))) continue;
          let j = i + 1;
          while (j < line.length && (labels.has(clean(line[j]!.text)) || /^[:#：]$/u.test(line[j]!.text))) j++;
          const t = line[j];
          if (t && (!wantsDigit || /\d/.test(t.text))) hit = { t, page: p.index };
        }
        if (hit) break;
      }
      if (hit) break;
    }
    data[f.name] = fv(hit?.t, hit?.page ?? 0);
  }
  return data;
}

/** A plain tesseract.js worker (eng, PSM auto) for the baseline. */
export async function createBaselineOcr(): Promise<{
  recognize(png: Uint8Array, width: number, height: number, index: number): Promise<BaselinePage>;
  close(): Promise<void>;
}> {
  const pkg = createRequire(import.meta.url).resolve("@tesseract.js-data/eng/package.json");
  const worker: Worker = await createWorker("eng", 1, { langPath: path.join(path.dirname(pkg), "4.0.0"), gzip: true, cacheMethod: "none" });
  return {
    async recognize(png, width, height, index) {
      const { data } = await worker.recognize(Buffer.from(png), {}, { blocks: true });
      const lines: Tok[][] = [];
      for (const b of data.blocks ?? [])
        for (const para of b.paragraphs)
          for (const l of para.lines)
            lines.push(
              l.words.map((w) => ({
                text: w.text,
                box: { x0: (w.bbox.x0 / width) * 1000, y0: (w.bbox.y0 / height) * 1000, x1: (w.bbox.x1 / width) * 1000, y1: (w.bbox.y1 / height) * 1000 },
              })),
            );
      return { index, lines };
    },
    close: async () => {
      await worker.terminate();
    },
  };
}

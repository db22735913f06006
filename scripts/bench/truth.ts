import { parseAmount, parseDate } from "../../lib/engine/parse";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { KIND_TO_TEMPLATE, REAL_FIELDS, SYNTHETIC_FIELDS } from "./mapping";

/** A truth value in one shape for every dataset; boxes on the page's 0–1000 grid. */
export interface TruthValue {
  value: string;
  numeric?: number;
  iso?: string;
  boxes: Array<{ page: number; box: [number, number, number, number] }>;
  /** the dataset's rule for this value: right when the printed value holds it (a brand label inside the printed name). */
  contains?: boolean;
}

/** One benchmark document, whatever the dataset's own format. */
export interface TruthDoc {
  dataset: string;
  id: string;
  templateId: string;
  /** values are as printed (else normalized: ISO dates, plain decimals). */
  verbatim: boolean;
  /** every printed template field is in the truth (a prediction for any other field is wrong). */
  complete: boolean;
  images: string[];
  pdf?: string;
  fields: Record<string, TruthValue>;
  lineItems: Array<Record<string, TruthValue>> | null;
  /** fields that exist but are not printed as one string (synthetic `printed: false`): not judged. */
  unjudged: Set<string>;
}

type Json = Record<string, unknown>;
const read = (f: string) => JSON.parse(readFileSync(f, "utf8")) as Json;

function synthValue(v: Json | undefined): TruthValue | undefined {
  if (!v || v.printed === false || typeof v.value !== "string") return undefined;
  const boxes = ((v.boxes as Json[] | undefined) ?? []).map((b) => ({
    page: Number(b.page ?? 0),
    box: b.bbox_norm as [number, number, number, number],
  }));
  // Photo truth: values only on page 2+ are not on the photo.
  if (v.on_photo === false) return undefined;
  return {
    value: v.value,
    ...(typeof v.numeric === "number" ? { numeric: v.numeric } : {}),
    ...(typeof v.iso === "string" ? { iso: v.iso } : {}),
    boxes,
  };
}

function synthetic(dir: string, file: string, photo: boolean): TruthDoc {
  const t = read(path.join(dir, file));
  const templateId = KIND_TO_TEMPLATE[String(t.kind)] ?? "invoice";
  const rename = SYNTHETIC_FIELDS[templateId] ?? {};
  const fields: Record<string, TruthValue> = {};
  const unjudged = new Set<string>();
  for (const [k, v] of Object.entries((t.fields as Record<string, Json>) ?? {})) {
    const tv = synthValue(v);
    if (tv) fields[rename[k] ?? k] = tv;
    else unjudged.add(rename[k] ?? k);
  }
  const lineItems = ((t.line_items as Json[] | undefined) ?? []).map((li) => {
    const row: Record<string, TruthValue> = {};
    for (const [k, v] of Object.entries(li)) {
      if (v && typeof v === "object" && !Array.isArray(v)) {
        const tv = synthValue(v as Json);
        if (tv && (!photo || tv.boxes.length > 0)) row[k] = tv;
      }
    }
    return row;
  });
  const id = String(t.id);
  const images = photo ? [path.join(dir, `${id}.photo.jpg`)] : ((t.pages as Json[]) ?? []).map((p) => path.join(dir, String(p.image)));
  const pdf = path.join(dir, `${id}.pdf`);
  return {
    dataset: photo ? `${path.basename(dir)}/photo` : path.basename(dir),
    id: photo ? `${id}.photo` : id,
    templateId,
    verbatim: true,
    complete: true,
    images,
    ...(!photo && existsSync(pdf) ? { pdf } : {}),
    fields,
    lineItems: lineItems.filter((r) => Object.keys(r).length > 0),
    unjudged,
  };
}

/**
 * Boxes for a normalized truth value (e-invoice truth: `1005.55`, `2014-07-11`) from the
 * truth's own words (pdftotext): every run of up to six words on one line whose text
 * means the same value (`1.005,55`, `11. Juli 2014`). Independent of the engine's text layer.
 */
function wordBoxes(words: Json[], value: string, grid: (b: number[], page: number) => [number, number, number, number]) {
  const kind = /^\d{4}-\d{2}-\d{2}$/.test(value) ? "date" : /^-?\d+(\.\d+)?$/.test(value) ? "number" : "string";
  const same = (t: string) => {
    if (kind === "number") return [",", "."].some((d) => parseAmount(t, d as "," | ".") === Number(value));
    if (kind === "date") return parseDate(t, "dmy") === value || parseDate(t, "mdy") === value;
    return t.replace(/\s+/g, " ").trim() === value.replace(/\s+/g, " ").trim();
  };
  const out: Array<{ page: number; box: [number, number, number, number] }> = [];
  for (let i = 0; i < words.length; i++) {
    const first = words[i]!;
    const b0 = first.box as number[];
    for (let n = 1; n <= 6 && i + n <= words.length; n++) {
      const run = words.slice(i, i + n);
      const last = run.at(-1)!;
      const bl = last.box as number[];
      if (Number(last.page ?? 0) !== Number(first.page ?? 0) || Math.abs(bl[1]! - b0[1]!) > (b0[3]! - b0[1]!) / 2) break;
      if (!same(run.map((w) => String(w.text)).join(" "))) continue;
      const xs = run.flatMap((w) => [(w.box as number[])[0]!, (w.box as number[])[2]!]);
      const ys = run.flatMap((w) => [(w.box as number[])[1]!, (w.box as number[])[3]!]);
      const page = Number(first.page ?? 0);
      out.push({ page, box: grid([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], page) });
      break;
    }
  }
  return out;
}

function real(dir: string, file: string): TruthDoc {
  const t = read(path.join(dir, file));
  const templateId = KIND_TO_TEMPLATE[String(t.kind)] ?? "invoice";
  const map = REAL_FIELDS[templateId] ?? {};
  const src = path.join(dir, String(t.file));
  const isPdf = src.endsWith(".pdf");
  const pageSizes = (t.page_sizes as number[][] | undefined) ?? (t.image_size ? [t.image_size as number[]] : []);
  const grid = (b: number[], page: number): [number, number, number, number] => {
    const [w, h] = pageSizes[page] ?? [1000, 1000];
    return [(b[0]! / w!) * 1000, (b[1]! / h!) * 1000, (b[2]! / w!) * 1000, (b[3]! / h!) * 1000];
  };
  const fieldBoxes = (t.field_boxes as Record<string, Json[]> | undefined) ?? {};
  // A field's own comparison rule, as the dataset states it (receipts_de: the file name's brand label,
  // "compare case-insensitively as a substring of the printed name").
  const notes = (t.field_notes as Record<string, unknown> | undefined) ?? {};
  const containsRule = (k: string) => /as a substring of the printed/i.test(String(notes[k] ?? ""));
  // Normalized truth with text-layer words (the e-invoice sets): boxes from the words that print each value.
  const words = (t.words as Json[] | null) ?? [];
  const derive = t.values_verbatim === false && isPdf && words.length > 0 && String(t.box_unit ?? "").startsWith("pt");
  const fields: Record<string, TruthValue> = {};
  for (const [k, v] of Object.entries((t.fields as Json) ?? {})) {
    const name = map[k];
    if (!name || v === null || v === undefined || String(v).trim() === "") continue;
    const boxes = (fieldBoxes[k] ?? []).map((b) => ({ page: Number(b.page ?? 0), box: grid(b.box as number[], Number(b.page ?? 0)) }));
    fields[name] = {
      value: String(v),
      boxes: boxes.length === 0 && derive ? wordBoxes(words, String(v), grid) : boxes,
      ...(containsRule(k) ? { contains: true } : {}),
    };
  }
  const items = t.line_items as Json[] | null;
  const lineItems = items
    ? items.map((li) => {
        const row: Record<string, TruthValue> = {};
        for (const k of ["description", "quantity", "unit_price", "amount"]) {
          const v = li[k];
          if (v !== null && v !== undefined && String(v).trim() !== "") row[k] = { value: String(v), boxes: derive ? wordBoxes(words, String(v), grid) : [] };
        }
        return row;
      })
    : null;
  return {
    dataset: path.basename(dir),
    id: String(t.doc_id ?? file.replace(/\.truth\.json$/, "")),
    templateId,
    verbatim: t.values_verbatim !== false,
    complete: false,
    images: isPdf ? [] : [src],
    ...(isPdf ? { pdf: src } : {}),
    fields,
    lineItems,
    unjudged: new Set(),
  };
}

/** The documents of one dataset folder, grouped by dataset name (synthetic photos apart). */
export function loadDataset(dir: string): Map<string, TruthDoc[]> {
  const out = new Map<string, TruthDoc[]>();
  const add = (d: TruthDoc) => out.set(d.dataset, [...(out.get(d.dataset) ?? []), d]);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".truth.json"))
    .sort();
  for (const f of files) {
    const t = read(path.join(dir, f));
    if ("generator" in t || "doc_seed" in t) add(synthetic(dir, f, f.endsWith(".photo.truth.json")));
    else add(real(dir, f));
  }
  // Clean pages first, photos after.
  return new Map([...out.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** A dataset folder, or a parent whose subfolders are datasets. */
export function discover(root: string): Map<string, TruthDoc[]> {
  const direct = readdirSync(root).some((f) => f.endsWith(".truth.json"));
  if (direct) return loadDataset(root);
  const out = new Map<string, TruthDoc[]>();
  for (const sub of readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()) {
    for (const [k, v] of loadDataset(path.join(root, sub))) out.set(k, v);
  }
  return out;
}

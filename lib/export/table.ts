import type { FieldSpec, FieldType } from "@/lib/engine/types";
import { currencyCode } from "@/lib/sheet/conventions";
import type { SheetCell, SheetRow, SpaceSchema } from "@/lib/sheet/types";
import { type HeaderLabels, labelHeader } from "./headers";

/** Options shared by the CSV and XLSX exports. */
export interface ExportOptions {
  /** one row per line item with the document's scalar fields repeated. */
  lines: boolean;
  /** UTF-8 byte order mark in front of the CSV (default true; Excel and CJK need it). */
  bom?: boolean;
  /** the reviewer's values (default) or the engine's originals. */
  version?: "corrected" | "original";
  /** only documents marked reviewed. */
  reviewedOnly?: boolean;
  /**
   * beside every number, date and currency column, a `<column>_normalized` one: numbers
   * with "." decimals and no grouping, ISO 8601 dates, ISO 4217 currency codes (empty when
   * the value has no unambiguous reading).
   */
  normalized?: boolean;
  /** column headers in words of a language (default: the schema's field names, which importers map). */
  labels?: HeaderLabels;
}

/** One exported value: its text, plus the typed value an XLSX cell should hold. */
export interface ExportValue {
  text: string;
  type: FieldType | "meta";
  /** a number or ISO date, when the value has an unambiguous one. */
  typed?: number | string;
}

/** The flat table both exports write: a header and rows of values. */
export interface ExportTable {
  header: string[];
  rows: ExportValue[][];
}

/** Unfinished documents have nothing to export; failed ones neither. */
const EXPORTABLE = new Set(["done", "reviewed"]);

/** Fields whose values have a normalized form: numbers, dates, the currency. */
function hasNormalized(f: FieldSpec): boolean {
  return f.type === "number" || f.type === "date" || f.name === "currency";
}

/** Where an item field separates from the next inside a one-row-per-document cell. */
export const ITEM_FIELD_SEPARATOR = " | ";

/**
 * Flatten rows into the export table. Columns: file_name, the scalar fields in schema
 * order, then (lines) a 1-based `line` and `array.child` per array child, or (no lines)
 * each array as readable text: one line per item, its fields in schema order joined by
 * " | " ("Paper | 2 | 12,340.00"). With `normalized`, each number/date/currency column
 * is followed by its `_normalized` twin.
 */
export function toExportTable(rows: SheetRow[], schema: SpaceSchema, opts: ExportOptions): ExportTable {
  const version = opts.version ?? "corrected";
  const scalars = schema.fields.filter((f) => f.type !== "array");
  const arrays = schema.fields.filter((f) => f.type === "array");
  const twin = (f: FieldSpec) => opts.normalized === true && hasNormalized(f);
  const header = ["file_name"];
  for (const f of scalars) header.push(f.name, ...(twin(f) ? [`${f.name}_normalized`] : []));
  if (opts.lines) {
    header.push("line");
    for (const a of arrays) {
      for (const c of a.children ?? []) header.push(`${a.name}.${c.name}`, ...(twin(c) ? [`${a.name}.${c.name}_normalized`] : []));
    }
  } else {
    header.push(...arrays.map((a) => a.name));
  }

  const out: ExportValue[][] = [];
  for (const row of rows) {
    if (!EXPORTABLE.has(row.status)) continue;
    if (opts.reviewedOnly && row.status !== "reviewed") continue;
    const base: ExportValue[] = [{ text: row.fileName, type: "meta" }];
    for (const f of scalars) {
      const v = exportValue(row.cells[f.name], f.type, version);
      base.push(v, ...(twin(f) ? [normalizedValue(v, f)] : []));
    }
    if (!opts.lines) {
      for (const a of arrays) {
        const items = (row.arrays[a.name] ?? []).map((item) =>
          (a.children ?? []).map((c) => oneLine(pick(item[c.name], version) ?? "")).join(ITEM_FIELD_SEPARATOR),
        );
        base.push({ text: items.join("\n"), type: "meta" });
      }
      out.push(base);
      continue;
    }
    const count = Math.max(0, ...arrays.map((a) => row.arrays[a.name]?.length ?? 0));
    if (count === 0) {
      const blanks = arrays.flatMap((a) => (a.children ?? []).flatMap((c) => (twin(c) ? [blank(), blank()] : [blank()])));
      out.push([...base, { text: "", type: "meta" }, ...blanks]);
      continue;
    }
    for (let i = 0; i < count; i++) {
      const line: ExportValue[] = [...base, { text: String(i + 1), type: "number", typed: i + 1 }];
      for (const a of arrays) {
        const item = row.arrays[a.name]?.[i];
        for (const c of a.children ?? []) {
          const v = exportValue(item?.[c.name], c.type, version);
          line.push(v, ...(twin(c) ? [normalizedValue(v, c)] : []));
        }
      }
      out.push(line);
    }
  }
  return { header: opts.labels ? header.map((h) => labelHeader(h, opts.labels!)) : header, rows: out };
}

/** An item field inside a one-row cell stays on one line (its own breaks become spaces). */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/** A number as plain digits with "." decimals, never in exponent notation. */
export function plainNumber(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(12).replace(/\.?0+$/, "");
}

/** The `_normalized` twin of an exported value: number, ISO date or ISO currency code, else empty. */
function normalizedValue(v: ExportValue, spec: FieldSpec): ExportValue {
  if (spec.name === "currency") {
    const code = typeof v.typed === "string" ? (currencyCode(v.typed) ?? currencyCode(v.text)) : currencyCode(v.text);
    return { text: v.text === "" ? "" : (code ?? ""), type: "meta" };
  }
  if (typeof v.typed === "number") return { text: plainNumber(v.typed), type: "number", typed: v.typed };
  if (typeof v.typed === "string" && spec.type === "date") return { text: v.typed, type: "date", typed: v.typed };
  return blank();
}

function blank(): ExportValue {
  return { text: "", type: "meta" };
}

function pick(cell: SheetCell | undefined, version: "corrected" | "original"): string | null {
  if (!cell) return null;
  return version === "original" ? cell.original : cell.value;
}

function exportValue(cell: SheetCell | undefined, type: FieldType, version: "corrected" | "original"): ExportValue {
  const text = pick(cell, version) ?? "";
  const v: ExportValue = { text, type };
  if (!cell || text === "") return v;
  // A corrected cell's `normalized` was recomputed from the correction (lib/sheet);
  // the engine's own stays in `originalNormalized`.
  const typed = version === "original" ? cell.originalNormalized : cell.normalized;
  if (typed !== undefined) v.typed = typed;
  return v;
}

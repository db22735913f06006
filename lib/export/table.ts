import type { FieldType } from "@/lib/engine/types";
import type { SheetCell, SheetRow, SpaceSchema } from "@/lib/sheet/types";

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

/**
 * Flatten rows into the export table. Columns: file_name, the scalar fields in schema
 * order, then (lines) a 1-based `line` and `array.child` per array child, or (no
 * lines) each array as a JSON list of {child: value} so nothing is lost.
 */
export function toExportTable(rows: SheetRow[], schema: SpaceSchema, opts: ExportOptions): ExportTable {
  const version = opts.version ?? "corrected";
  const scalars = schema.fields.filter((f) => f.type !== "array");
  const arrays = schema.fields.filter((f) => f.type === "array");
  const header = ["file_name", ...scalars.map((f) => f.name)];
  if (opts.lines) {
    header.push("line");
    for (const a of arrays) for (const c of a.children ?? []) header.push(`${a.name}.${c.name}`);
  } else {
    header.push(...arrays.map((a) => a.name));
  }

  const out: ExportValue[][] = [];
  for (const row of rows) {
    if (!EXPORTABLE.has(row.status)) continue;
    if (opts.reviewedOnly && row.status !== "reviewed") continue;
    const base: ExportValue[] = [{ text: row.fileName, type: "meta" }];
    for (const f of scalars) base.push(exportValue(row.cells[f.name], f.type, version));
    if (!opts.lines) {
      for (const a of arrays) {
        const items = (row.arrays[a.name] ?? []).map((item) => {
          const obj: Record<string, string | null> = {};
          for (const c of a.children ?? []) obj[c.name] = pick(item[c.name], version);
          return obj;
        });
        base.push({ text: items.length > 0 ? JSON.stringify(items) : "", type: "meta" });
      }
      out.push(base);
      continue;
    }
    const count = Math.max(0, ...arrays.map((a) => row.arrays[a.name]?.length ?? 0));
    if (count === 0) {
      out.push([...base, { text: "", type: "meta" }, ...arrays.flatMap((a) => (a.children ?? []).map(() => blank()))]);
      continue;
    }
    for (let i = 0; i < count; i++) {
      const line: ExportValue[] = [...base, { text: String(i + 1), type: "number", typed: i + 1 }];
      for (const a of arrays) {
        const item = row.arrays[a.name]?.[i];
        for (const c of a.children ?? []) line.push(exportValue(item?.[c.name], c.type, version));
      }
      out.push(line);
    }
  }
  return { header, rows: out };
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

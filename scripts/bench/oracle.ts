import type { Extractor, RawExtraction, RawRow, RawValue } from "../../lib/engine/extract/types";
import type { TruthDoc, TruthValue } from "./truth";

/**
 * An extractor that "reads" the truth: with it, the bench measures the matcher alone (how
 * well true values are re-located, boxed and rated on the OCR output), independent of how
 * well the rules pick values. Only meaningful on verbatim datasets.
 */
export function createOracleExtractor(): Extractor & { doc?: TruthDoc } {
  const raw = (t: TruthValue | undefined): RawValue | null => (t ? { text: t.value, page: t.boxes[0]?.page ?? 0 } : null);
  const ex: Extractor & { doc?: TruthDoc } = {
    name: "rules",
    async extract(_pages, fields): Promise<RawExtraction> {
      const doc = ex.doc;
      const out: RawExtraction = { fields: {} };
      if (!doc) return out;
      for (const f of fields) {
        if (f.type !== "array") out.fields[f.name] = raw(doc.fields[f.name]);
        else
          out.fields[f.name] = (doc.lineItems ?? []).map(
            (row): RawRow => ({ cells: Object.fromEntries((f.children ?? []).map((c) => [c.name, raw(row[c.name])])) }),
          );
      }
      return out;
    },
  };
  return ex;
}

/**
 * Folds by layout and supplier, not by document: `--cv-by-layout <dataset dir>,…` (train risk).
 *
 * Folding by document puts a template's or a supplier's other documents in the training folds, so the
 * CV figure answers "a new document of a layout we know". The held-out sets ask another question —
 * unseen vendors and unseen layouts — and measured 5–20 points below the dev figures. Grouping every
 * document of one synthetic template, or of one supplier (the truth's tax id, IBAN or folded name, the
 * keys supplier memory uses), into one fold makes the CV answer that question.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { supplierKeys } from "../../lib/engine/memory/types";
import { loadDataset } from "./truth";

/** The document id a fold is keyed by: a photo variant goes with its clean page. */
export const baseDoc = (doc: string) => doc.replace(/\.photo$/, "");

/** Document id → its group (layout or supplier) for every document of the folders. */
export function layoutGroups(dirs: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const dir of dirs) {
    const index = path.join(dir, "index.json");
    // A generated set names each document's template: the template is the layout.
    const templates = new Map<string, string>();
    if (existsSync(index)) {
      const docs = (JSON.parse(readFileSync(index, "utf8")) as { docs?: Array<{ id?: string; template?: string }> }).docs ?? [];
      for (const d of docs) if (d.id && d.template) templates.set(d.id, d.template);
    }
    for (const [dataset, docs] of loadDataset(dir)) {
      const set = dataset.replace(/\/photo$/, "");
      for (const d of docs) {
        const id = baseDoc(d.id);
        const t = templates.get(id);
        if (t) {
          out.set(id, `${set}/layout:${t}`);
          continue;
        }
        const v = (k: string) => d.fields[k]?.value ?? null;
        const keys = supplierKeys({ taxId: v("vendor_tax_id"), iban: v("iban"), name: v("vendor") });
        // the name key: a tax id printed on some receipts only would split one supplier into two groups
        const key = keys.find((k) => k.startsWith("name:")) ?? keys[0];
        out.set(id, key ? `${set}/${key}` : `${set}/doc:${id}`);
      }
    }
  }
  return out;
}

/** The group of a document under a map from layoutGroups (itself where the map does not know it). */
export function grouper(groups: Map<string, string> | undefined): (doc: string) => string {
  return (doc) => groups?.get(baseDoc(doc)) ?? baseDoc(doc);
}

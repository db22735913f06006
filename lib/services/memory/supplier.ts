import type { SheetRow } from "@/lib/sheet/types";

/** Field names a supplier is identified by (the built-in templates' names). */
const SUPPLIER_FIELDS = { taxId: ["vendor_tax_id", "vendor_vat_id", "registration_number"], iban: ["iban"], name: ["vendor"] } as const;

/**
 * The supplier a document names, from its effective values (`changed` overrides cells: a correction not yet in
 * the row); `read: true` gives the engine's own reading instead (what the next document's first reading will say).
 */
export function supplierOf(row: SheetRow, changed: Record<string, string> = {}, read = false) {
  const pick = (names: readonly string[]) => {
    for (const n of names) {
      const v = read ? row.cells[n]?.original : (changed[n] ?? row.cells[n]?.value);
      if (v) return v;
    }
    return null;
  };
  return { taxId: pick(SUPPLIER_FIELDS.taxId), iban: pick(SUPPLIER_FIELDS.iban), name: pick(SUPPLIER_FIELDS.name) };
}

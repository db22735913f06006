import { templates } from "@/lib/engine/templates";
import type { DocumentResult } from "@/lib/engine/types";
import { buildSheetRow } from "@/lib/sheet/build";
import { correction, fv, meta } from "@/lib/sheet/fixtures.test-helpers";
import type { SheetRow, SpaceSchema } from "@/lib/sheet/types";
import type { ExportSettings } from "./settings";

/** A fixed space for the presets' golden tests (not a test file itself). */
export const invoiceSchema: SpaceSchema = { templateId: "invoice", fields: templates.invoice?.fields ?? [] };

const n = (v: string, x: number) => fv(v, 1, { normalized: x });
const d = (v: string, iso: string) => fv(v, 1, { normalized: iso });

function res(data: DocumentResult["data"], issues: DocumentResult["issues"] = []): DocumentResult {
  return { engineVersion: "test", extractor: "rules", data, issues, pages: [] };
}

/** Four documents: a Japanese and a German invoice (one corrected), one with an open doubt, one still queued. */
export function presetRows(): SheetRow[] {
  const jp = buildSheetRow({
    document: meta("jp", { fileName: "請求書-0042.pdf", status: "reviewed" }),
    result: res({
      vendor: fv("株式会社サンプル商事"),
      registration_number: fv("T1234567890123"),
      invoice_number: fv("0042"),
      issue_date: d("令和8年3月12日", "2026-03-12"),
      due_date: d("2026年4月30日", "2026-04-30"),
      currency: fv("円", 1, { normalized: "円" }),
      tax_10: n("¥1,000", 1000),
      total: n("¥11,000", 11000),
      line_items: {
        value: [{ field_bboxes: { description: fv("コピー用紙 A4"), quantity: n("10", 10), unit_price: n("1,000", 1000), amount: n("10,000", 10000) } }],
      },
    }),
    corrections: [],
    schema: invoiceSchema,
  });
  const de = buildSheetRow({
    document: meta("de", { fileName: "RE-2026-117.pdf", status: "done" }),
    result: res({
      vendor: fv("Müller & Söhne GmbH"),
      vendor_tax_id: fv("DE 123 456 789"),
      invoice_number: fv("RE-2026/117"),
      issue_date: d("15.03.2026", "2026-03-15"),
      due_date: d("14.04.2026", "2026-04-14"),
      currency: fv("EUR", 1, { normalized: "EUR" }),
      subtotal: n("1.000,00", 1000),
      tax: n("190,00", 190),
      total: n("1.190,00 €", 1190),
      line_items: {
        value: [
          { field_bboxes: { description: fv('Beratung, "Workshop"'), quantity: n("2", 2), unit_price: n("400,00", 400), amount: n("800,00", 800) } },
          { field_bboxes: { description: fv("Reisekosten"), quantity: fv(null), unit_price: fv(null), amount: n("200,00", 200) } },
        ],
      },
    }),
    // The reviewer fixed the due date: the export uses the correction, read day-first like the document.
    corrections: [correction("de", "due_date", "edit", "30.04.2026")],
    schema: invoiceSchema,
  });
  const doubtful = buildSheetRow({
    document: meta("doubt", { fileName: "blurry.jpg" }),
    result: res({ vendor: fv("ACME"), issue_date: d("2026-03-20", "2026-03-20"), total: fv("1O0.00", 0.5) }),
    corrections: [],
    schema: invoiceSchema,
  });
  const queued = buildSheetRow({ document: meta("q", { status: "queued" }), result: null, corrections: [], schema: invoiceSchema });
  return [jp, de, doubtful, queued];
}

/** The space's settings: defaults, one supplier override (keyed by its VAT id), DATEV's numbers. */
export const presetSettings: ExportSettings = {
  defaults: { costCentre: "" },
  suppliers: { "vendor_tax_id:DE123456789": { account: "4964", taxCode: "9", costCentre: "KST100" } },
  datev: { consultant: "29098", client: "55003", fiscalYearStart: "0101", accountLength: 4, chart: "03" },
};

export const NOW = new Date("2026-04-02T09:30:05.123Z");

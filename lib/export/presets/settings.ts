import { z } from "zod";

/**
 * What a document cannot know and an accounting import needs: the expense account
 * (勘定科目), the tax code (税区分 / BU-Schlüssel / TaxType) and the cost centre, per space
 * with per-supplier overrides, plus the few file-level settings some formats require.
 */
const code = z.string().trim().max(60);

export const accountingSchema = z.object({
  /** expense account (勘定科目 / Konto / AccountCode). */
  account: code.optional(),
  /** tax code (税区分 / BU-Schlüssel / TaxType / Tax Code). */
  taxCode: code.optional(),
  /** cost centre (部門 / KOST1 / Location / tracking option). */
  costCentre: code.optional(),
});

export const exportSettingsSchema = z.object({
  defaults: accountingSchema
    .extend({
      /** the payable side: 買掛金/未払金 (Japanese journals), the creditor account (DATEV Gegenkonto). */
      payableAccount: code.optional(),
    })
    .default({}),
  /** keyed by the supplier key (see Bill.supplierKey): "vendor_tax_id:DE123…", "name:acme gmbh". */
  suppliers: z.record(z.string().max(200), accountingSchema.extend({ label: z.string().max(200).optional() })).default({}),
  /** dates in Xero and QuickBooks files: day first (dd/mm/yyyy) or month first (mm/dd/yyyy). */
  dateOrder: z.enum(["dmy", "mdy"]).optional(),
  datev: z
    .object({
      consultant: z
        .string()
        .regex(/^\d{4,7}$/)
        .optional(),
      client: z
        .string()
        .regex(/^\d{1,5}$/)
        .optional(),
      /** first day of the fiscal year as MMDD (default 0101). */
      fiscalYearStart: z
        .string()
        .regex(/^(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/)
        .optional(),
      accountLength: z.number().int().min(4).max(8).optional(),
      chart: z.enum(["03", "04"]).optional(),
    })
    .default({}),
});

export type AccountingSettings = z.infer<typeof accountingSchema>;
export type ExportSettings = z.infer<typeof exportSettingsSchema>;

export const EMPTY_SETTINGS: ExportSettings = { defaults: {}, suppliers: {}, datev: {} };

/** The settings for one supplier: its overrides, else the space's, else the preset's default. */
export function settingsFor(
  settings: ExportSettings,
  supplierKey: string,
  presetDefaults: Required<AccountingSettings> & { payableAccount: string },
): Required<AccountingSettings> & { payableAccount: string } {
  const s = settings.suppliers[supplierKey] ?? {};
  const d = settings.defaults;
  const pick = (k: keyof AccountingSettings) => s[k] || d[k] || presetDefaults[k];
  return {
    account: pick("account"),
    taxCode: pick("taxCode"),
    costCentre: pick("costCentre"),
    payableAccount: d.payableAccount || presetDefaults.payableAccount,
  };
}

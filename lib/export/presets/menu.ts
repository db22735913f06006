/** The presets as the export menu lists them: ids and labels only, no encoder (safe in the browser bundle). */
export const PRESET_MENU = [
  { id: "freee", label: "freee会計 (取引インポート)" },
  { id: "moneyforward", label: "マネーフォワード クラウド会計 (仕訳帳インポート)" },
  { id: "yayoi", label: "弥生会計 (仕訳日記帳インポート)" },
  { id: "datev", label: "DATEV (Buchungsstapel, EXTF)" },
  { id: "xero", label: "Xero (bills CSV)" },
  { id: "quickbooks", label: "QuickBooks Online (bills CSV)" },
] as const;

export type PresetId = (typeof PRESET_MENU)[number]["id"];

export function presetLabel(id: PresetId): string {
  return PRESET_MENU.find((p) => p.id === id)?.label ?? id;
}

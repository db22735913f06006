import { type Excluded, toBills } from "./bill";
import { datev } from "./datev";
import { encodeText } from "./encode";
import { freee } from "./freee";
import { moneyforward } from "./moneyforward";
import type { ExportPreset, PresetContext } from "./preset";
import { quickbooks } from "./quickbooks";
import type { ExportSettings } from "./settings";
import { xero } from "./xero";
import { yayoi } from "./yayoi";
import type { SheetRow } from "@/lib/sheet/types";

/** Export presets for accounting software, in the export menu's order (mappings: docs/exports.md). */
export const PRESETS: readonly ExportPreset[] = [freee, moneyforward, yayoi, datev, xero, quickbooks];

export function getPreset(id: string): ExportPreset | undefined {
  return PRESETS.find((p) => p.id === id);
}

const CONTENT_TYPE: Record<ExportPreset["encoding"], string> = {
  "utf-8": "text/csv; charset=utf-8",
  "utf-8-bom": "text/csv; charset=utf-8",
  shift_jis: "text/csv; charset=Shift_JIS",
  "windows-1252": "text/csv; charset=windows-1252",
};

export interface PresetFile {
  bytes: Uint8Array;
  contentType: string;
  extension: string;
  /** documents written. */
  count: number;
  excluded: Excluded[];
}

/** Rows → the preset's file: corrected, normalized values; unreviewed doubts left out unless asked. */
export function writePreset(
  preset: ExportPreset,
  rows: SheetRow[],
  opts: { settings: ExportSettings; includeDoubtful?: boolean; now?: Date; label: string },
): PresetFile {
  const found = toBills(rows, { includeDoubtful: opts.includeDoubtful === true });
  const excluded = [...found.excluded];
  const bills = found.bills.filter((b) => {
    if (!preset.currencies || preset.currencies.includes(b.currency)) return true;
    excluded.push({ fileName: b.fileName, reason: `${preset.label} books ${preset.currencies.filter(Boolean).join("/")} only, not ${b.currency}` });
    return false;
  });
  const ctx: PresetContext = { settings: opts.settings, now: opts.now ?? new Date(), label: opts.label };
  const text = preset.write(bills, ctx);
  const contentType = preset.extension === "txt" ? CONTENT_TYPE[preset.encoding].replace("text/csv", "text/plain") : CONTENT_TYPE[preset.encoding];
  return { bytes: encodeText(text, preset.encoding), contentType, extension: preset.extension, count: bills.length, excluded };
}

export type { Bill, Excluded } from "./bill";
export type { ExportPreset, PresetId } from "./preset";
export { EMPTY_SETTINGS, type ExportSettings, exportSettingsSchema } from "./settings";

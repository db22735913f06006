import en from "@/messages/en.json";
import ja from "@/messages/ja.json";

import type { HeaderLanguage } from "./header-languages";

export { HEADER_LANGUAGES, type HeaderLanguage } from "./header-languages";

/** How header keys ("file_name", "invoice_no", "line_items.amount", "total_normalized") read in one language. */
export interface HeaderLabels {
  /** a field's name in words, when the catalogue has it. */
  fields: Record<string, string>;
  fileName: string;
  line: string;
  /** appended to a column's label for its `_normalized` twin. */
  normalized: string;
  /** between an array's label and its child's ("Line items · Amount"). */
  join: string;
}

const CATALOGUES = { en, ja } as const;

/** The labels of a language, from the UI's message catalogue (the same words the screens use). */
export function headerLabels(lang: Exclude<HeaderLanguage, "names">): HeaderLabels {
  const m = CATALOGUES[lang] as { fields?: Record<string, string>; exportHeaders?: Record<string, string> };
  const h = m.exportHeaders ?? {};
  return { fields: m.fields ?? {}, fileName: h.fileName ?? "File", line: h.line ?? "Line", normalized: h.normalized ?? " (normalized)", join: h.join ?? " · " };
}

const human = (s: string) => {
  const t = s.replace(/_/g, " ");
  return t.charAt(0).toUpperCase() + t.slice(1);
};

/** One header key in words: a field the catalogue lacks is its name humanized ("unit_price" → "Unit price"). */
export function labelHeader(key: string, labels: HeaderLabels): string {
  const field = (name: string) => labels.fields[name] ?? human(name);
  if (key === "file_name") return labels.fileName;
  if (key === "line") return labels.line;
  if (key.endsWith("_normalized")) return `${labelHeader(key.slice(0, -"_normalized".length), labels)}${labels.normalized}`;
  const [array, child] = key.split(".");
  if (array !== undefined && child !== undefined) return `${field(array)}${labels.join}${field(child)}`;
  return field(key);
}

/** The language of an export's column headers: the schema's field names (for importers), or words in a UI language. */
export type HeaderLanguage = "names" | "en" | "ja";
export const HEADER_LANGUAGES: readonly HeaderLanguage[] = ["names", "en", "ja"];

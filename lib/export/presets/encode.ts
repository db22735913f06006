import iconv from "iconv-lite";

/** The byte encodings the presets write. */
export type PresetEncoding = "utf-8-bom" | "utf-8" | "shift_jis" | "windows-1252";

const TRANSLIT: Record<string, string> = { ß: "ss", æ: "ae", Æ: "AE", ø: "o", Ø: "O", œ: "oe", Œ: "OE", "€": "EUR" };

/** Replace what the legacy code page cannot hold: "Müller" stays readable as "Muller" in Shift_JIS, not "M?ller". */
function fitCodePage(text: string, codePage: string): string {
  let out = "";
  for (const ch of text) {
    if (ch === "?" || iconv.decode(iconv.encode(ch, codePage), codePage) === ch) {
      out += ch;
      continue;
    }
    const base = TRANSLIT[ch] ?? ch.normalize("NFKD").replace(/\p{M}/gu, "");
    out += base && iconv.decode(iconv.encode(base, codePage), codePage) === base ? base : "?";
  }
  return out;
}

/**
 * Text → bytes. "shift_jis" is Windows-31J (CP932), the Shift_JIS Japanese accounting
 * software reads (it has ①, ㈱, ～ that strict JIS X 0208 lacks). A character the
 * target cannot hold becomes its unaccented letter when there is one, else "?", never a
 * broken byte sequence.
 */
export function encodeText(text: string, encoding: PresetEncoding): Uint8Array {
  switch (encoding) {
    case "utf-8-bom":
      return new Uint8Array(Buffer.from(`\uFEFF${text}`, "utf8"));
    case "utf-8":
      return new Uint8Array(Buffer.from(text, "utf8"));
    case "shift_jis":
      return new Uint8Array(iconv.encode(fitCodePage(text, "cp932"), "cp932"));
    case "windows-1252":
      return new Uint8Array(iconv.encode(fitCodePage(text, "windows-1252"), "windows-1252"));
  }
}

export function decodeText(bytes: Uint8Array, encoding: PresetEncoding): string {
  if (encoding === "shift_jis") return iconv.decode(Buffer.from(bytes), "cp932");
  if (encoding === "windows-1252") return iconv.decode(Buffer.from(bytes), "windows-1252");
  return Buffer.from(bytes)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
}

/** One CSV record: fields joined by `sep`, quoted when they hold the separator, a quote or a line break (or always). */
export function csvRecord(fields: Array<string | number | null>, sep = ",", quoteAll = false): string {
  return fields
    .map((f) => {
      const s = f === null ? "" : String(f);
      const needs = quoteAll || s.includes(sep) || /["\r\n]/.test(s);
      return needs ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(sep);
}

/**
 * What an uploaded file is, read from its first bytes (magic numbers), never from its name
 * or the browser's MIME guess: a PNG named ".pdf" is a PNG, a text file named ".pdf" is not
 * a PDF. Pure and dependency-free: the browser (before rasterizing) and the server intake
 * both call it.
 */

/** Every kind the sniffer can name; `accepted` says whether Vouch can process it. */
export type SniffedKind = "pdf" | "png" | "jpeg" | "tiff" | "webp" | "bmp" | "gif" | "heic" | "xml";

export type SniffResult =
  | {
      ok: true;
      kind: SniffedKind;
      mimeType: string /** rasterized in the browser (PDF) or sent as is (image; XML e-invoice). */;
      route: "pdf" | "image" | "xml";
    }
  | { ok: false; kind: SniffedKind | "empty" | "text" | "zip" | "unknown"; reason: string };

/** Bytes a caller should read from the start of a file before calling sniff(). */
export const SNIFF_BYTES = 1024;

const MIME: Record<SniffedKind, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpeg: "image/jpeg",
  tiff: "image/tiff",
  webp: "image/webp",
  bmp: "image/bmp",
  gif: "image/gif",
  heic: "image/heic",
  xml: "application/xml",
};

/** HEIF brands in an ISO-BMFF `ftyp` box that mean a HEIC/HEIF still image. */
const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif"]);

function ascii(b: Uint8Array, at: number, s: string): boolean {
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

function asciiAt(b: Uint8Array, at: number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += String.fromCharCode(b[at + i] ?? 0);
  return s;
}

/** The format named by the magic bytes, or null. */
export function sniffKind(b: Uint8Array): SniffedKind | null {
  // PDF readers accept "%PDF-" anywhere in the first 1024 bytes (a BOM or junk before it).
  const head = asciiAt(b, 0, Math.min(b.length, SNIFF_BYTES));
  if (head.startsWith("%PDF-") || head.indexOf("%PDF-") > 0) return "pdf";
  if (b[0] === 0x89 && ascii(b, 1, "PNG\r\n\x1a\n")) return "png";
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if ((ascii(b, 0, "II") && b[2] === 42 && b[3] === 0) || (ascii(b, 0, "MM") && b[2] === 0 && b[3] === 42)) return "tiff";
  if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) return "webp";
  if (ascii(b, 0, "BM") && b.length >= 26) return "bmp";
  if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) return "gif";
  if (ascii(b, 4, "ftyp") && HEIF_BRANDS.has(asciiAt(b, 8, 4))) return "heic";
  return null;
}

/** Does the start of the file look like text (UTF-8/ASCII without control bytes)? */
function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, SNIFF_BYTES);
  for (let i = 0; i < n; i++) {
    const c = b[i] ?? 0;
    if (c === 0 || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b)) return false;
  }
  return n > 0;
}

/**
 * Classify the first bytes of a file. `name` only words the reason ("named .pdf"); it
 * never decides the kind.
 */
export function sniff(b: Uint8Array, name?: string): SniffResult {
  const kind = sniffKind(b);
  const named = name ? ` (named “${name}”)` : "";
  if (b.length === 0) return { ok: false, kind: "empty", reason: `The file is empty${named}.` };
  if (kind === "heic") {
    return {
      ok: false,
      kind,
      reason: `HEIC/HEIF photos are not supported${named}: export it as JPEG (on an iPhone, Settings → Camera → Formats → Most Compatible).`,
    };
  }
  if (kind) return { ok: true, kind, mimeType: MIME[kind], route: kind === "pdf" ? "pdf" : "image" };
  // XML: an e-invoice (XRechnung, Peppol, Factur-X's XML alone); the server checks it is one.
  if (looksLikeText(b) && /^(?:\uFEFF)?\s*<(?:\?xml|[A-Za-z_])/.test(new TextDecoder().decode(b.subarray(0, SNIFF_BYTES)))) {
    return { ok: true, kind: "xml", mimeType: MIME.xml, route: "xml" };
  }
  if (ascii(b, 0, "PK\x03\x04")) {
    return { ok: false, kind: "zip", reason: `This is a ZIP container (an Office document or archive)${named}, not a PDF or an image.` };
  }
  if (looksLikeText(b)) return { ok: false, kind: "text", reason: `This is a text file${named}, not a PDF or an image.` };
  return {
    ok: false,
    kind: "unknown",
    reason: `Not a PDF or a supported image${named}: PDF, PNG, JPEG, TIFF, WebP, BMP and GIF are accepted.`,
  };
}

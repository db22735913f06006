/**
 * Vertical metrics of common free faces that PDF producers embed without any: Chromium
 * (and Skia-based printers) write CFF-flavoured OpenType faces as Type3 fonts, whose
 * descriptors carry no Ascent/Descent, so pdfjs reports none. The values are the faces'
 * own line metrics in ems (hhea ascender/descender, or OS/2 typo metrics where the face
 * sets USE_TYPO_METRICS, as browsers lay text out), read from the Debian font packages
 * fonts-texgyre, fonts-urw-base35, fonts-noto-cjk, fonts-inconsolata and the IPA fonts.
 * Keys are prefixes of the face name without its subset tag, lower case, letters and digits only.
 */
const FACES: Array<[prefix: string, ascent: number, descent: number]> = [
  ["texgyreadventor", 0.739, 0.192],
  ["texgyrebonum", 1.069, 0.268],
  ["texgyrechorus", 1.027, 0.288],
  ["texgyrecursor", 0.951, 0.25],
  ["texgyreheroscondensed", 1.089, 0.282],
  ["texgyreheros", 1.148, 0.284],
  ["texgyrepagella", 0.726, 0.281],
  ["texgyreschola", 1.135, 0.332],
  ["texgyretermes", 1.055, 0.281],
  ["c059", 0.737, 0.263],
  ["d050000l", 1.057, 0.143],
  ["nimbusmonops", 0.603, 0.397],
  ["nimbusroman", 0.683, 0.317],
  ["nimbussansnarrow", 0.718, 0.282],
  ["nimbussans", 0.729, 0.271],
  ["p052", 0.726, 0.274],
  ["urwbookman", 0.717, 0.283],
  ["urwgothic", 0.739, 0.261],
  ["z003", 0.677, 0.323],
  ["notosanscjk", 1.16, 0.288],
  ["notosansmonocjk", 1.16, 0.288],
  ["notoserifcjk", 1.151, 0.286],
  ["inconsolata", 0.834, 0.176],
  ["ipa", 0.88, 0.12],
];

/** The known face behind a PDF font name ("BAAAAA+TeXGyreHeros-Regular"), ascent and (positive) descent in ems. */
export function knownFace(fontName: string | undefined): { ascent: number; descent: number } | undefined {
  if (!fontName) return undefined;
  const key = fontName
    .replace(/^[A-Z]{6}\+/u, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/gu, "");
  const hit = FACES.find(([prefix]) => key.startsWith(prefix));
  return hit ? { ascent: hit[1], descent: hit[2] } : undefined;
}

/** Japanese qualified-invoice registration number: "T" + 13 digits whose first digit is a mod-9 check digit. */
export function isValidJpRegistrationNumber(text: string): boolean {
  const s = text.normalize("NFKC").replace(/[\s-]/g, "").toUpperCase();
  const m = /^T(\d)(\d{12})$/.exec(s);
  if (!m) return false;
  // Corporate number check digit (NTA): 9 - (Σ digit × weight) mod 9, weights 1,2,1,2… from the right.
  const body = m[2] ?? "";
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const digit = Number(body[11 - i]);
    sum += digit * (i % 2 === 0 ? 1 : 2);
  }
  return Number(m[1]) === 9 - (sum % 9);
}

/** IBAN with valid ISO 13616 mod-97 checksum (spaces allowed). */
export function isValidIban(text: string): boolean {
  const s = text.normalize("NFKC").replace(/[\s-]/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const v = ch >= "A" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem === 1;
}

const VAT_SHAPES: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  GB: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
  IE: /^\d{7}[A-W][A-I]?$|^\d[A-Z+*]\d{5}[A-W]$/,
  IT: /^\d{11}$/,
  LU: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  SE: /^\d{12}$/,
  CH: /^E\d{9}(MWST|TVA|IVA)?$/,
};

/** EU (and CH/GB) VAT identifier shape by country prefix, e.g. "DE123456789". Shape only, no checksum. */
export function isEuVatShape(text: string): boolean {
  const s = text.normalize("NFKC").replace(/[\s.-]/g, "").toUpperCase();
  const cc = s.slice(0, 2);
  const shape = VAT_SHAPES[cc === "EL" ? "GR" : cc];
  return shape ? shape.test(s.slice(2)) : cc === "EL" && /^\d{9}$/.test(s.slice(2));
}

/** French VAT key check: FRkk + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97. */
export function isValidFrVat(text: string): boolean {
  const s = text.normalize("NFKC").replace(/\s/g, "").toUpperCase();
  const m = /^FR(\d{2})(\d{9})$/.exec(s);
  if (!m) return false;
  return Number(m[1]) === (12 + 3 * (Number(m[2]) % 97)) % 97;
}

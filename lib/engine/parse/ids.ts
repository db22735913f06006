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
  const s = text
    .normalize("NFKC")
    .replace(/[\s.-]/g, "")
    .toUpperCase();
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

// ISO 3166-1 alpha-2 codes in use (plus XK, which banks use for Kosovo).
const COUNTRIES = new Set(
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK".split(
    " ",
  ),
);

/** True for an ISO 3166-1 alpha-2 country code ("DE", "FR"). */
export function isCountryCode(cc: string): boolean {
  return COUNTRIES.has(cc.toUpperCase());
}

/** BIC / SWIFT shape (ISO 9362): 4-letter bank, a real country code, 2-character location, optional 3-character branch. */
export function isValidBic(text: string): boolean {
  const s = text.normalize("NFKC").replace(/\s/g, "").toUpperCase();
  const m = /^[A-Z]{4}([A-Z]{2})[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/.exec(s);
  return !!m && COUNTRIES.has(m[1] ?? "");
}

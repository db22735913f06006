/**
 * ISO 4217 minor units (the exponent: how many decimals an amount of the currency has) of the currencies whose
 * exponent is not 2. Data from the ISO 4217 list; HUF is 2 there (some invoices print whole forints, but that is
 * a habit, not the standard), so it is not listed.
 */
const EXPONENT: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/** The minor units of an ISO 4217 currency code (2 for any code not in the exceptions). */
export function minorUnits(code: string): number {
  return EXPONENT[code.toUpperCase()] ?? 2;
}

/** The codes of the currencies without a minor unit (an amount of them never has decimals). */
export const ZERO_MINOR_CODES: readonly string[] = Object.keys(EXPONENT).filter((c) => EXPONENT[c] === 0);

/** The codes of the currencies with three decimals (dinars, rials: an amount of them prints thousandths, "1.250"). */
export const THREE_MINOR_CODES: readonly string[] = Object.keys(EXPONENT).filter((c) => EXPONENT[c] === 3);

export { type AmountSpan, type DecimalMark, detectCurrency, dollarCountry, findAmounts, parseAmount } from "./amount";
export { type DateOrder, type DateSpan, findDates, parseDate } from "./date";
export { isCountryCode, isEuVatShape, isValidBic, isValidFrVat, isValidIban, isValidJpRegistrationNumber } from "./ids";
export { type NormalizeHints, normalizeValue } from "./normalize";
export { parsePercent } from "./percent";

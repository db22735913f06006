/**
 * A printed rate in percent ("20 %", "5,5 %", "8.875%", "10％"), or undefined. A rate is never printed with a
 * thousands separator, so a dot or comma in it is its decimal mark: read as an amount, "8.875" would be 8,875.
 */
export function parsePercent(text: string): number | undefined {
  const m = /^\D*?(\d{1,3}(?:[.,]\d{1,4})?)\s*[%％]?\s*$/u.exec(text.normalize("NFKC").trim());
  return m?.[1] ? Number(m[1].replace(",", ".")) : undefined;
}

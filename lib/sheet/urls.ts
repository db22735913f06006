/** Where the browser fetches a page image (served by app/api/documents/[documentId]/pages/[index]). */
export function pageImageUrl(documentId: string, index: number): string {
  return `/api/documents/${encodeURIComponent(documentId)}/pages/${index}`;
}

/**
 * Where the browser fetches a page's flattened image (app/api/documents/[documentId]/pages/[index]/flat).
 * The flattening is in the URL's version: the image is cached for good, and a new reading that finds
 * the sheet elsewhere gets a new URL.
 */
export function flatPageImageUrl(
  documentId: string,
  index: number,
  flattening: { quad: Array<{ x: number; y: number }>; width: number; height: number },
): string {
  const key = [flattening.width, flattening.height, ...flattening.quad.flatMap((p) => [p.x.toFixed(2), p.y.toFixed(2)])].join(",");
  // FNV-1a, 32 bits: a short, stable version, not a secret.
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return `${pageImageUrl(documentId, index)}/flat?v=${h.toString(36)}`;
}

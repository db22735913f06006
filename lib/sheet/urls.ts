/** Where the browser fetches a page image (served by app/api/documents/[documentId]/pages/[index]). */
export function pageImageUrl(documentId: string, index: number): string {
  return `/api/documents/${encodeURIComponent(documentId)}/pages/${index}`;
}

import { explainUploadError, type UploadFailure } from "./state";
import type { BrowserPage } from "./rasterize";

/** A failed upload, in words, with whether retrying can help. */
export class UploadError extends Error implements UploadFailure {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** the HTTP status (0: none; undefined: an answer that was not JSON) and the server's words. */
    readonly status?: number,
    readonly detail?: string,
  ) {
    super(message);
    this.name = "UploadError";
  }
}

/** Originals above this are not sent along with a PDF's pages (the pages suffice). */
const MAX_ORIGINAL_PDF = 20 * 1024 * 1024;

/**
 * POST one document: `file` (the original; for PDFs only when small), `page` parts in
 * order, `textLayer` (one TextLayerPage|null per page) and `fileName`. XMLHttpRequest
 * because fetch still has no upload progress.
 */
export function sendDocument(args: {
  spaceId: string;
  file: File;
  pages: BrowserPage[] | null;
  onProgress(loaded: number, total: number): void;
  signal?: AbortSignal;
}): Promise<{ documentId: string; status: string }> {
  const form = new FormData();
  form.append("fileName", args.file.name);
  if (!args.pages || args.file.size <= MAX_ORIGINAL_PDF) form.append("file", args.file, args.file.name);
  if (args.pages) {
    args.pages.forEach((p, i) => {
      form.append("page", p.png, `page-${String(i + 1).padStart(3, "0")}.png`);
    });
    form.append("textLayer", JSON.stringify(args.pages.map((p) => p.textLayer)));
  }
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/spaces/${encodeURIComponent(args.spaceId)}/documents`);
    xhr.responseType = "text";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) args.onProgress(e.loaded, e.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201 || xhr.status === 200) {
        try {
          const body = JSON.parse(xhr.responseText) as { documentId: string; status: string };
          resolve(body);
        } catch {
          reject(new UploadError("The server answered with something unexpected.", true));
        }
        return;
      }
      const f = explainUploadError(xhr.status, xhr.responseText);
      reject(new UploadError(f.message, f.retryable, f.status, f.detail));
    };
    xhr.onerror = () => {
      const f = explainUploadError(0, "");
      reject(new UploadError(f.message, f.retryable, 0));
    };
    xhr.onabort = () => reject(new UploadError("Cancelled.", true));
    args.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

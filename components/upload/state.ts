import type { DocumentStatus } from "@/lib/sheet/types";
import { SNIFF_BYTES, type SniffResult, sniff } from "@/lib/upload/sniff";

/** Where one dropped file is. */
export type UploadPhase =
  | "waiting"
  | "rasterizing"
  | "uploading"
  | "queued"
  | "extracting"
  | "done"
  | "failed"
  /** dropped before the page was reloaded and never sent: listed until sent or dismissed. */
  | "unsent";

/** One file in the upload list. */
export interface UploadItem {
  id: string;
  fileName: string;
  size: number;
  kind: "pdf" | "image" | "xml";
  phase: UploadPhase;
  /** 0–1 within the phase (pages rasterized, bytes sent). */
  progress: number;
  /** e.g. "page 3 / 20" or "1.2 / 4.8 MB". */
  detail?: string;
  documentId?: string;
  error?: string;
  retryable?: boolean;
  /** listed from the browser's store after a reload (not dropped on this page). */
  restored?: boolean;
}

/** The formats the server decodes (the API contract), plus PDF for the browser path. */
export const ACCEPTED_TYPES = [
  "application/pdf",
  "image/jpeg",
  "image/png",
  "image/gif",
  "image/bmp",
  "image/tiff",
  "image/webp",
  // XML e-invoices (XRechnung, Peppol BIS, a Factur-X XML alone)
  "application/xml",
  "text/xml",
] as const;

/** What a dropped file is, from its first bytes (never its name or the browser's MIME guess). */
export async function classifyFile(file: Blob & { name: string }): Promise<SniffResult> {
  let head: Uint8Array;
  try {
    head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  } catch {
    return { ok: false, kind: "unknown", reason: `“${file.name}” could not be read.` };
  }
  return sniff(head, file.name);
}

/** Once uploaded, the document's server status decides the phase. */
export function phaseFromStatus(status: DocumentStatus | undefined): UploadPhase {
  switch (status) {
    case "processing":
      return "extracting";
    case "done":
    case "reviewed":
      return "done";
    case "failed":
      return "failed";
    default:
      return "queued";
  }
}

/** An upload failure in words, from the API error envelope or the transport. */
export interface UploadFailure {
  message: string;
  retryable: boolean;
  /** the HTTP status (0: no answer) and the server's own words, for a message in the reader's language. */
  status?: number;
  detail?: string;
}

/** Explain a failed upload response (status + body text) for the reviewer. */
export function explainUploadError(status: number, body: string): UploadFailure {
  if (status === 0) return { message: "Network error: the server could not be reached.", retryable: true, status: 0 };
  let message = "";
  let retryable = status >= 500 || status === 429;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string; retryable?: boolean } };
    if (parsed.error?.message) message = parsed.error.message;
    if (typeof parsed.error?.retryable === "boolean") retryable = parsed.error.retryable;
  } catch {
    // not JSON: a proxy's HTML error page, say
  }
  const prefix: Record<number, string> = {
    401: "Signed out",
    403: "Not allowed in this space",
    413: "File too large",
    415: "Unsupported file type",
    422: "Unreadable image",
    429: "Too many uploads at once",
  };
  const head = prefix[status] ?? `Upload failed (${status})`;
  // A rejected upload is retryable after the user fixes the cause only when the server says so.
  return { message: message ? `${head}: ${message}` : head, retryable, status, ...(message ? { detail: message } : {}) };
}

/** "1.2 MB" */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

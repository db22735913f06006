"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { DocumentStatus } from "@/lib/sheet/types";
import { PdfError, rasterizePdf } from "./rasterize";
import { sendDocument, UploadError } from "./send";
import { ACCEPTED_TYPES, classifyFile, formatBytes, phaseFromStatus, type UploadItem, type UploadPhase } from "./state";
import styles from "./upload.module.css";

export interface UploadPanelProps {
  spaceId: string;
  /** a document reached the server (201); the page starts polling for it. */
  onUploaded?(documentId: string): void;
  /** server status of uploaded documents (from the page's polling), by documentId. */
  documentStatus?: Record<string, DocumentStatus>;
  /** raster resolution for PDF pages (default 150). */
  dpi?: number;
  /** one slim line instead of the big drop zone (a space that already has documents). */
  compact?: boolean;
}

/** Files in flight at once: rasterizing is CPU-bound, uploads are not; two is a fair mix. */
const CONCURRENCY = 2;

const PHASE_LABEL: Record<UploadPhase, string> = {
  waiting: "waiting",
  rasterizing: "rasterizing",
  uploading: "uploading",
  queued: "queued",
  extracting: "extracting",
  done: "done",
  failed: "failed",
};

let nextId = 0;

/** Drop zone + file picker; PDFs are rasterized here, every file shows its progress. */
export function UploadPanel({ spaceId, onUploaded, documentStatus, dpi, compact }: UploadPanelProps) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const files = useRef(new Map<string, File>());
  const running = useRef(new Set<string>());
  const [over, setOver] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const patch = useCallback((id: string, p: Partial<UploadItem>) => {
    setItems((list) => list.map((it) => (it.id === id ? { ...it, ...p } : it)));
  }, []);

  // The first bytes decide what a file is (a PNG named .pdf is an image); its name never does.
  const addFiles = useCallback(async (list: File[]) => {
    const added: UploadItem[] = [];
    for (const file of Array.from(list)) {
      const sniffed = await classifyFile(file);
      const id = `u${++nextId}`;
      const base = { id, fileName: file.name, size: file.size, progress: 0 };
      if (!sniffed.ok) {
        // What the bytes are cannot change: no Retry.
        added.push({ ...base, kind: "image", phase: "failed", error: sniffed.reason, retryable: false });
        continue;
      }
      files.current.set(id, file);
      added.push({ ...base, kind: sniffed.route, phase: "waiting" });
    }
    setItems((prev) => [...prev, ...added]);
  }, []);

  const process = useCallback(
    async (item: UploadItem) => {
      const file = files.current.get(item.id);
      if (!file) return;
      try {
        let pages = null;
        if (item.kind === "pdf") {
          patch(item.id, { phase: "rasterizing", progress: 0, detail: "opening" });
          pages = await rasterizePdf(file, {
            dpi,
            onPage: (done, total) => patch(item.id, { progress: done / total, detail: `page ${done} / ${total}` }),
          });
        }
        patch(item.id, { phase: "uploading", progress: 0, detail: formatBytes(file.size) });
        const res = await sendDocument({
          spaceId,
          file,
          pages,
          onProgress: (loaded, total) => patch(item.id, { progress: loaded / total, detail: `${formatBytes(loaded)} / ${formatBytes(total)}` }),
        });
        patch(item.id, { phase: "queued", progress: 1, detail: undefined, documentId: res.documentId });
        // What reached the server stays; the File itself is no longer needed.
        files.current.delete(item.id);
        onUploaded?.(res.documentId);
      } catch (err) {
        // An unreadable or password-protected PDF stays so; a cancelled one may be sent again.
        const permanent = err instanceof PdfError && err.message !== "cancelled";
        const retryable = err instanceof UploadError ? err.retryable : !permanent;
        patch(item.id, { phase: "failed", error: (err as Error).message, retryable, detail: undefined });
      }
    },
    [dpi, onUploaded, patch, spaceId],
  );

  // A small scheduler: start waiting files while fewer than CONCURRENCY run.
  useEffect(() => {
    for (const it of items) {
      if (running.current.size >= CONCURRENCY) break;
      if (it.phase !== "waiting" || running.current.has(it.id)) continue;
      running.current.add(it.id);
      void process(it).finally(() => {
        running.current.delete(it.id);
        // wake the scheduler for the next waiting file
        setItems((list) => [...list]);
      });
    }
  }, [items, process]);

  // Leaving mid-batch loses what has not reached the server yet: ask first.
  const busy = items.some((it) => it.phase === "waiting" || it.phase === "rasterizing" || it.phase === "uploading");
  useEffect(() => {
    if (!busy) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [busy]);

  const retry = (id: string) => patch(id, { phase: "waiting", progress: 0, error: undefined });
  const clearFinished = () => setItems((list) => list.filter((it) => effectivePhase(it, documentStatus) !== "done"));

  return (
    <section className={styles.panel} aria-label="Upload">
      {/* biome-ignore lint/a11y/useSemanticElements: a drop target that is also a big button for the file picker */}
      <div
        className={`${styles.drop} ${compact && !over ? styles.compact : ""} ${over ? styles.over : ""}`}
        role="button"
        tabIndex={0}
        onClick={() => inputRef.current?.click()}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            inputRef.current?.click();
          }
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = "copy";
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          if (e.dataTransfer.files.length > 0) void addFiles(Array.from(e.dataTransfer.files));
        }}
        data-testid="upload-drop"
      >
        <strong>{compact ? "+ Add documents" : "Drop invoices, receipts or delivery notes here"}</strong>
        <span>
          {compact
            ? "drop files here or click"
            : "or click to choose files — PDF (Factur-X/ZUGFeRD too), XML e-invoices (XRechnung, Peppol), JPEG, PNG, TIFF, WebP, GIF, BMP; many at once"}
        </span>
        <input
          ref={inputRef}
          type="file"
          multiple
          hidden
          accept={[...ACCEPTED_TYPES, ".pdf", ".tif", ".tiff", ".xml"].join(",")}
          data-testid="upload-input"
          onChange={(e) => {
            // Copied before the reset below empties the list.
            if (e.target.files) void addFiles(Array.from(e.target.files));
            e.target.value = "";
          }}
        />
      </div>
      {items.length > 0 ? (
        <>
          <ul className={styles.list}>
            {items.map((it) => {
              const phase = effectivePhase(it, documentStatus);
              const determinate = phase === "rasterizing" || phase === "uploading" || phase === "done";
              return (
                <li key={it.id} className={styles.item} data-testid="upload-item" data-phase={phase} data-document-id={it.documentId}>
                  <span className={styles.name} title={it.fileName}>
                    {it.fileName}
                  </span>
                  <span className={`${styles.phase} ${styles[phase] ?? ""}`}>{PHASE_LABEL[phase]}</span>
                  {phase === "failed" ? (
                    <span className={styles.error}>
                      {it.error ?? "Extraction failed."}
                      {it.retryable !== false && files.current.has(it.id) ? (
                        <button type="button" onClick={() => retry(it.id)}>
                          Retry
                        </button>
                      ) : null}
                    </span>
                  ) : (
                    <progress
                      className={styles.bar}
                      max={1}
                      value={determinate ? (phase === "done" ? 1 : it.progress) : undefined}
                      aria-label={`${it.fileName}: ${PHASE_LABEL[phase]}`}
                    />
                  )}
                  <span className={styles.detail}>{phase === "failed" ? "" : (it.detail ?? "")}</span>
                </li>
              );
            })}
          </ul>
          <button type="button" className={styles.clear} onClick={clearFinished}>
            Clear finished
          </button>
        </>
      ) : null}
    </section>
  );
}

/** After the upload the server's status wins; before it, the local phase. */
function effectivePhase(it: UploadItem, status: Record<string, DocumentStatus> | undefined): UploadPhase {
  if (!it.documentId || it.phase === "failed") return it.phase;
  return phaseFromStatus(status?.[it.documentId]);
}

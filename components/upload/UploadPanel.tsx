"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import type { DocumentStatus } from "@/lib/sheet/types";
import { PdfError, rasterizePdf } from "./rasterize";
import { forget, listStored, store } from "./persist";
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

/** A record id that stays unique across reloads (the browser's store keeps it). */
const newId = () => (typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `u${Date.now()}-${Math.random().toString(36).slice(2)}`);

/** Drop zone + file picker; PDFs are rasterized here, every file shows its progress. */
export function UploadPanel({ spaceId, onUploaded, documentStatus, dpi, compact }: UploadPanelProps) {
  const t = useTranslations("upload");
  const [items, setItems] = useState<UploadItem[]>([]);
  const files = useRef(new Map<string, File>());
  const running = useRef(new Set<string>());
  const [over, setOver] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const patch = useCallback((id: string, p: Partial<UploadItem>) => {
    setItems((list) => list.map((it) => (it.id === id ? { ...it, ...p } : it)));
  }, []);

  // The first bytes decide what a file is (a PNG named .pdf is an image); its name never does.
  const addFiles = useCallback(
    async (list: File[]) => {
      const added: UploadItem[] = [];
      for (const file of Array.from(list)) {
        const sniffed = await classifyFile(file);
        const id = newId();
        const base = { id, fileName: file.name, size: file.size, progress: 0 };
        const savedAt = Date.now();
        if (!sniffed.ok) {
          // What the bytes are cannot change: no Retry (and no bytes to keep), but the refusal is remembered.
          // The refusal in the reader's language, by what the bytes are (the sniffer's English words otherwise).
          const reason = t.has(`refusal.${sniffed.kind}`) ? t(`refusal.${sniffed.kind}`, { name: file.name }) : sniffed.reason;
          added.push({ ...base, kind: "image", phase: "failed", error: reason, retryable: false });
          void store({ id, spaceId, fileName: file.name, size: file.size, kind: "image", state: "failed", error: reason, retryable: false, savedAt });
          continue;
        }
        files.current.set(id, file);
        added.push({ ...base, kind: sniffed.route, phase: "waiting" });
        // Kept until it reaches the server: a reload before that lists it again instead of losing it.
        void store({ id, spaceId, fileName: file.name, size: file.size, kind: sniffed.route, state: "unsent", blob: file, savedAt });
      }
      setItems((prev) => [...prev, ...added]);
    },
    [spaceId, t],
  );

  // After a reload: what was dropped here before and never reached the server, or failed, is listed again.
  useEffect(() => {
    let live = true;
    void listStored(spaceId).then((records) => {
      if (!live || records.length === 0) return;
      const restored: UploadItem[] = records.map((r) => {
        if (r.blob) files.current.set(r.id, new File([r.blob], r.fileName, { type: r.blob.type }));
        const unsent = r.state === "unsent";
        return {
          id: r.id,
          fileName: r.fileName,
          size: r.size,
          kind: r.kind,
          phase: unsent ? "unsent" : "failed",
          progress: 0,
          // an unsent file's words come from its phase (and whether its bytes were kept), in the reader's language
          ...(unsent ? {} : { error: r.error }),
          // Sending again only helps when it might work and the bytes are still here.
          retryable: (unsent || r.retryable === true) && r.blob !== undefined,
          restored: true,
        };
      });
      setItems((prev) => [...restored.filter((r) => !prev.some((p) => p.id === r.id)), ...prev]);
    });
    return () => {
      live = false;
    };
  }, [spaceId]);

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
            onPage: (done, total) => patch(item.id, { progress: done / total, detail: t("pageProgress", { done, total }) }),
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
        // What reached the server stays; the File itself is no longer needed, here or in the browser's store.
        files.current.delete(item.id);
        void forget(item.id);
        onUploaded?.(res.documentId);
      } catch (err) {
        // An unreadable or password-protected PDF stays so; a cancelled one may be sent again.
        const permanent = err instanceof PdfError && err.message !== "cancelled";
        const retryable = err instanceof UploadError ? err.retryable : !permanent;
        const message = err instanceof UploadError ? uploadErrorText(t, err) : (err as Error).message;
        patch(item.id, { phase: "failed", error: message, retryable, detail: undefined });
        // Remembered after a reload too; the bytes only while a retry can help.
        void store({
          id: item.id,
          spaceId,
          fileName: item.fileName,
          size: item.size,
          kind: item.kind,
          state: "failed",
          error: message,
          retryable,
          ...(retryable ? { blob: file } : {}),
          savedAt: Date.now(),
        });
      }
    },
    [dpi, onUploaded, patch, spaceId, t],
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

  const retry = (id: string) => {
    const it = items.find((x) => x.id === id);
    const file = files.current.get(id);
    if (it && file) void store({ id, spaceId, fileName: it.fileName, size: it.size, kind: it.kind, state: "unsent", blob: file, savedAt: Date.now() });
    patch(id, { phase: "waiting", progress: 0, error: undefined, restored: false });
  };
  // The reviewer has seen it: gone from the list and from the browser's store.
  const dismiss = (id: string) => {
    files.current.delete(id);
    void forget(id);
    setItems((list) => list.filter((it) => it.id !== id));
  };
  const restoredCount = items.filter((it) => it.restored && (it.phase === "unsent" || it.phase === "failed")).length;
  const clearFinished = () => setItems((list) => list.filter((it) => effectivePhase(it, documentStatus) !== "done"));

  return (
    <section className={styles.panel} aria-label={t("label")}>
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
        <strong>{compact ? t("addCompact") : t("drop")}</strong>
        <span>{compact ? t("dropCompact") : t("dropHint")}</span>
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
          {restoredCount > 0 ? (
            <p className={styles.notice} role="status" data-testid="upload-restored">
              {t("restored", { count: restoredCount })}
            </p>
          ) : null}
          <ul className={styles.list}>
            {items.map((it) => {
              const phase = effectivePhase(it, documentStatus);
              const determinate = phase === "rasterizing" || phase === "uploading" || phase === "done";
              return (
                <li key={it.id} className={styles.item} data-testid="upload-item" data-phase={phase} data-document-id={it.documentId}>
                  <span className={styles.name} title={it.fileName}>
                    {it.fileName}
                  </span>
                  <span className={`${styles.phase} ${styles[phase] ?? ""}`}>{t(`phase.${phase}`)}</span>
                  {phase === "failed" || phase === "unsent" ? (
                    <span className={styles.error}>
                      {phase === "unsent" ? (files.current.has(it.id) ? t("notSent") : t("notSentNoBytes")) : (it.error ?? t("extractionFailed"))}
                      {it.retryable !== false && files.current.has(it.id) ? (
                        <button type="button" onClick={() => retry(it.id)} data-testid="upload-retry">
                          {phase === "unsent" ? t("send") : t("retry")}
                        </button>
                      ) : null}
                      {!it.documentId ? (
                        <button type="button" onClick={() => dismiss(it.id)} data-testid="upload-dismiss">
                          {t("dismiss")}
                        </button>
                      ) : null}
                    </span>
                  ) : (
                    <progress
                      className={styles.bar}
                      max={1}
                      value={determinate ? (phase === "done" ? 1 : it.progress) : undefined}
                      aria-label={`${it.fileName}: ${t(`phase.${phase}`)}`}
                    />
                  )}
                  <span className={styles.detail}>{phase === "failed" ? "" : (it.detail ?? "")}</span>
                </li>
              );
            })}
          </ul>
          <button type="button" className={styles.clear} onClick={clearFinished}>
            {t("clearFinished")}
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

/**
 * A failed upload in the reader's language: the status in words (`upload.refused.<status>`), then the server's own
 * sentence where the language keeps it (English; other languages word the status only).
 */
function uploadErrorText(t: ReturnType<typeof useTranslations<"upload">>, err: UploadError): string {
  if (err.status === undefined) return t("unexpected");
  const head = t.has(`refused.${err.status}`) ? t(`refused.${err.status}`) : t("refused.other", { status: err.status });
  return err.detail ? t("refusedWithDetail", { head, detail: err.detail }) : head;
}

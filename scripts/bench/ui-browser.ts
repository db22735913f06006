// bench:ui helpers that run inside the page (page.evaluate serializes them: each must be
// self-contained, no imports or outer variables).
import type { Page } from "playwright-core";

/** Milliseconds after the file input's change event at which each milestone was first seen. */
export interface DropMarks {
  rasterizing: number | null;
  rasterized: number | null;
  /** the server answered 201: the file's phase became queued/extracting/done. */
  uploaded: number | null;
  firstRow: number | null;
  done: number | null;
  failed: string | null;
}

/**
 * Watch the upload list and the grid with a MutationObserver (callbacks run right after the
 * DOM change, so the marks are the moments React committed each state). The clock starts at
 * the input's change event, which fires before React's handler (capture phase on document).
 */
export function installDropWatch(page: Page): Promise<void> {
  return page.evaluate(() => {
    const marks = { t0: 0, rasterizing: null, rasterized: null, uploaded: null, firstRow: null, done: null, failed: null } as Record<
      string,
      number | string | null
    >;
    (window as unknown as { __benchDrop: typeof marks }).__benchDrop = marks;
    document.addEventListener(
      "change",
      () => {
        marks.t0 = performance.now();
      },
      { capture: true, once: true },
    );
    const check = () => {
      if (!marks.t0) return;
      const now = performance.now() - (marks.t0 as number);
      const phase = document.querySelector('[data-testid="upload-item"]')?.getAttribute("data-phase");
      if (phase === "rasterizing" && marks.rasterizing === null) marks.rasterizing = now;
      if (phase && phase !== "waiting" && phase !== "rasterizing" && marks.rasterized === null) marks.rasterized = now;
      if ((phase === "queued" || phase === "extracting" || phase === "done") && marks.uploaded === null) marks.uploaded = now;
      // grid cells only: the upload item carries data-document-id too
      if (marks.firstRow === null && document.querySelector("td[data-document-id]")) marks.firstRow = now;
      if (phase === "done" && marks.done === null) marks.done = now;
      if (phase === "failed" && marks.failed === null) marks.failed = document.querySelector('[data-testid="upload-item"]')?.textContent ?? "failed";
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-phase"] });
  });
}

export function readDropMarks(page: Page): Promise<DropMarks> {
  return page.evaluate(() => {
    const { t0: _t0, ...m } = (window as unknown as { __benchDrop: Record<string, unknown> }).__benchDrop;
    return m as unknown as DropMarks;
  });
}

export interface ScrollStats {
  duration_ms: number;
  frames: number;
  fps: number;
  dropped: number;
  long_frames_over_16_7ms: number;
  long_frames_over_50ms: number;
  p95_frame_ms: number;
  max_frame_ms: number;
  rows_rendered_at_end: number;
}

/**
 * Scroll the grid's scroll container for `durationMs`, moving `pxPerSecond` (0 = sweep top to
 * bottom once over the duration; < 0 = stay still, the machine's idle baseline) in
 * requestAnimationFrame steps, and time every frame.
 */
export function measureScroll(page: Page, durationMs: number, pxPerSecond: number): Promise<ScrollStats> {
  return page.evaluate(
    ([duration, speed]) =>
      new Promise<ScrollStats>((resolve) => {
        const scroller = document.querySelector('table[role="grid"]')?.parentElement;
        if (!scroller) throw new Error("no grid scroll container");
        scroller.scrollTop = 0;
        const range = scroller.scrollHeight - scroller.clientHeight;
        const deltas: number[] = [];
        let start = 0;
        let last = 0;
        const step = (t: number) => {
          if (start === 0) {
            start = t;
            last = t;
          } else {
            deltas.push(t - last);
            last = t;
          }
          const elapsed = t - start;
          if (elapsed >= duration) {
            const sorted = [...deltas].sort((a, b) => a - b);
            const frames = deltas.length;
            const round = (n: number) => Math.round(n * 10) / 10;
            resolve({
              duration_ms: round(elapsed),
              frames,
              fps: round((frames * 1000) / elapsed),
              // a 60 Hz display shows elapsed/16.67 frames; the ones not produced were dropped
              dropped: Math.max(0, Math.round(elapsed / (1000 / 60)) - frames),
              long_frames_over_16_7ms: deltas.filter((d) => d > 1000 / 60 + 1).length,
              long_frames_over_50ms: deltas.filter((d) => d > 50).length,
              p95_frame_ms: round(sorted[Math.min(frames - 1, Math.ceil(frames * 0.95) - 1)] ?? 0),
              max_frame_ms: round(sorted[frames - 1] ?? 0),
              rows_rendered_at_end: scroller.querySelectorAll("tbody tr").length,
            });
            return;
          }
          const target = speed > 0 ? (elapsed * speed) / 1000 : (elapsed / duration) * range;
          if (speed >= 0) scroller.scrollTop = Math.min(range, target);
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    [durationMs, pxPerSecond] as const,
  );
}

/** Visible grid cells with a located value (top-level fields only: no sub-row paths). */
export function visibleCells(page: Page): Promise<Array<{ documentId: string; path: string }>> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("td[data-document-id][data-path]")]
      .filter((td) => !td.dataset.path?.includes(".") && td.dataset.state !== "missing" && (td.textContent ?? "").trim() !== "")
      .filter((td) => {
        const r = td.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
      })
      .map((td) => ({ documentId: td.dataset.documentId ?? "", path: td.dataset.path ?? "" })),
  );
}

/**
 * Click one cell (a synchronous DOM click: no Playwright round trip inside the measurement)
 * and resolve with the milliseconds until an animation frame in which the Konva stage's
 * `.selected-polygon` carries this value's path and vertices; null after 10 s.
 */
export function clickToHighlight(page: Page, cell: { documentId: string; path: string; vertices: unknown }): Promise<number | null> {
  return page.evaluate(
    ({ documentId, path, vertices }) =>
      new Promise<number | null>((resolve) => {
        type Node = { getAttr(k: string): unknown };
        const konva = (window as unknown as { Konva?: { stages: Array<{ findOne(s: string): Node | undefined }> } }).Konva;
        const td = document.querySelector<HTMLElement>(`td[data-document-id="${documentId}"][data-path="${path}"]`);
        if (!td || !konva) return resolve(null);
        const want = JSON.stringify(vertices);
        const t0 = performance.now();
        td.click();
        const poll = () => {
          const poly = konva.stages[0]?.findOne(".selected-polygon");
          if (poly && poly.getAttr("path") === path && JSON.stringify(poly.getAttr("gridVertices")) === want) return resolve(performance.now() - t0);
          if (performance.now() - t0 > 10_000) return resolve(null);
          requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      }),
    cell,
  );
}

/** 20 A4 invoice pages with real text, each on its own page (Chromium prints it to PDF). */
export function invoiceHtml(pages: number): string {
  const page = (n: number) => {
    const rows = Array.from({ length: 12 }, (_, k) => {
      const amount = ((n * 13 + k * 7) % 90) * 10 + 49.5;
      return `<tr><td>A-${n}${k}</td><td>Service item ${k + 1}, batch ${n}</td><td>${k + 1}</td><td>${amount.toFixed(2)}</td></tr>`;
    }).join("");
    return `<section><h1>INVOICE</h1><p><b>Northwind Supplies GmbH</b><br>12 Harbour Road, 20457 Hamburg<br>VAT ID DE123456789</p>
<p>Invoice No: INV-${7000 + n}<br>Date: 2026-03-${String((n % 28) + 1).padStart(2, "0")}<br>Customer: Vouch Test AG</p>
<table><tr><th>Code</th><th>Description</th><th>Qty</th><th>Amount</th></tr>${rows}</table>
<p>Subtotal: 5,940.00<br>VAT 19%: 1,128.60<br><b>Total: 7,068.60 EUR</b></p><p>IBAN DE89 3704 0044 0532 0130 00</p></section>`;
  };
  return `<!doctype html><html><head><style>body{font-family:sans-serif;font-size:13pt}section+section{page-break-before:always}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px}</style></head><body>${Array.from({ length: pages }, (_, i) => page(i + 1)).join("")}</body></html>`;
}

/**
 * The control for the scroll figures: a static, script-free table of tinted text cells. What it
 * reaches is what this browser and machine can paint at all (headless Chromium rasterizes in
 * software), so the grid's frames read against it, not against an ideal 60.
 */
export function staticTableHtml(rows: number, cols: number): string {
  const tint = ["#eaf6ea", "#fff4d6", "#fde8e8", "#ffffff"];
  const row = (i: number) =>
    `<tr>${Array.from({ length: cols }, (_, k) => `<td style="background:${tint[(i + k) % 4]}">INV-${i}-${k} 1,234.50</td>`).join("")}</tr>`;
  return `<div style="height:100vh;overflow:auto"><table role="grid" style="font:13px sans-serif;border-collapse:collapse;white-space:nowrap">${Array.from({ length: rows }, (_, i) => row(i)).join("")}</table></div>`;
}

/**
 * `npm run bench:ui [-- --json out.json --rows 10000 --pages 20 --scroll-ms 3000]`: the review
 * web app measured in a real headless Chromium against the production server —
 *  - drop a PAGES-page PDF (printed by Chromium at run time): rasterize time in the browser,
 *    drop → first grid row, drop → row done (extraction included);
 *  - a space with ROWS extracted documents (seeded straight into the embedded database before
 *    the server starts): frames while the virtualized grid scrolls;
 *  - click a grid cell → the Konva stage's `.selected-polygon` shows its vertices (cold + p50/p95).
 * Prints a table, writes JSON (default bench-results/ui-<timestamp>.json) and cleans up.
 * A benchmark, not a test: nothing is asserted beyond "the thing measured happened".
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../e2e/support/browser";
import { startServer, type TestServer, tempDataDir } from "../e2e/support/server";
import { invoicePath } from "../lib/http/test-support/fixtures";
import {
  clickToHighlight,
  type DropMarks,
  installDropWatch,
  invoiceHtml,
  measureScroll,
  readDropMarks,
  staticTableHtml,
  visibleCells,
} from "./bench/ui-browser";

const { values } = parseArgs({
  options: {
    json: { type: "string" },
    rows: { type: "string", default: "10000" },
    pages: { type: "string", default: "20" },
    "scroll-ms": { type: "string", default: "3000" },
    clicks: { type: "string", default: "20" },
  },
});
const ROWS = Number(values.rows);
const PAGES = Number(values.pages);
const SCROLL_MS = Number(values["scroll-ms"]);
const CLICKS = Number(values.clicks);
const ADMIN = { email: "bench@example.com", password: "bench password 123" };
// A separate build folder: other work rebuilding `.next` at the same time cannot pull the
// files out from under this server (start.mjs and next.config.ts read VOUCH_DIST_DIR).
process.env.VOUCH_DIST_DIR ??= ".next-bench";

const log = (msg: string) => console.log(`[bench:ui] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number | null) => (n === null ? null : Math.round(n));

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

/** Poll until `fn` is truthy; false when `ms` passed (a benchmark reports what it got). */
async function until(fn: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await fn()) return true;
    await sleep(100);
  }
  return false;
}

async function main() {
  const { ensureBuild } = (await import("./build-state.mjs" as string)) as { ensureBuild(): Promise<boolean> };
  if (!(await ensureBuild())) throw new Error("the production build failed");

  const work = tempDataDir("vouch-bench-ui");
  const dataDir = path.join(work, "data");
  fs.mkdirSync(dataDir);
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  // Whatever hangs, the run ends: kill the server and the browser and exit non-zero.
  const watchdog = setTimeout(() => {
    console.error("[bench:ui] gave up after 20 minutes");
    server?.process.kill("SIGKILL");
    void browser?.close();
    setTimeout(() => process.exit(2), 2000).unref();
  }, 20 * 60_000);
  watchdog.unref();

  try {
    browser = await launchBrowser();

    // 1. A born-digital PDF of PAGES invoice pages, printed by the same Chromium.
    const printer = await browser.newPage();
    await printer.setContent(invoiceHtml(PAGES));
    const pdfPath = path.join(work, `invoices-${PAGES}-pages.pdf`);
    fs.writeFileSync(pdfPath, await printer.pdf({ format: "A4", printBackground: true }));
    await printer.close();
    log(`${PAGES}-page PDF: ${Math.round(fs.statSync(pdfPath).size / 1024)} KB`);

    // 2. Seed before the server starts (PGlite: one process holds the data directory).
    const t = Date.now();
    const { seedDatabase, dirMegabytes } = await import("./bench/ui-seed");
    const seeded = await seedDatabase({ dataDir, ...ADMIN, rows: ROWS, pagePng: fs.readFileSync(invoicePath) });
    log(`seeded ${ROWS} documents in ${((Date.now() - t) / 1000).toFixed(1)} s (${dirMegabytes(dataDir)} MB)`);

    server = await startServer({ dataDir, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    log(`server on ${server.url}`);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(60_000);
    // tsx compiles with keepNames: functions handed to page.evaluate call esbuild's __name helper
    await page.addInitScript({ content: "window.__name = (f) => f;" });
    await page.goto(`${server.url}/login`);
    await page.locator('input[name="email"]').fill(ADMIN.email);
    await page.locator('input[name="password"]').fill(ADMIN.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));

    // 3. Drop the PDF on the empty space.
    await page.goto(`${server.url}/spaces/${seeded.uploadSpaceId}`);
    await page.locator('[data-testid="upload-input"]').waitFor({ state: "attached" });
    await installDropWatch(page);
    await page.locator('[data-testid="upload-input"]').setInputFiles(pdfPath);
    let marks: DropMarks = await readDropMarks(page);
    await until(async () => {
      marks = await readDropMarks(page);
      return marks.done !== null || marks.failed !== null;
    }, 600_000);
    if (marks.failed) log(`upload failed: ${marks.failed}`);
    log(`drop: ${JSON.stringify(marks)}`);

    // 4. The big space: wait for every window of rows, then scroll.
    await page.goto(`${server.url}/spaces/${seeded.bigSpaceId}`);
    const loaded = await until(
      async () =>
        (await page.locator('[data-testid="grid-row-count"]').textContent())?.startsWith(`${ROWS} `) === true &&
        !((await page.locator('[data-testid="live-status"]').textContent()) ?? "").includes("loading"),
      300_000,
    );
    if (!loaded) throw new Error(`the grid did not reach ${ROWS} rows`);
    await sleep(1500); // let the last window's render and the first page image settle
    // frames with nothing to do: what headless Chromium on this (shared) machine delivers at best
    const idle = await measureScroll(page, SCROLL_MS, -1);
    const sweep = await measureScroll(page, SCROLL_MS, 0);
    await sleep(500);
    const steady = await measureScroll(page, SCROLL_MS, 3000);
    log(`idle baseline ${JSON.stringify(idle)}`);
    log(`scroll sweep ${JSON.stringify(sweep)}`);
    log(`scroll 3000 px/s ${JSON.stringify(steady)}`);

    // 5. Click-to-highlight over different cells (rows and columns) of the top of the grid.
    await page.evaluate(() => {
      const s = document.querySelector('table[role="grid"]')?.parentElement;
      if (s) s.scrollTop = 0;
    });
    await page.waitForFunction(() => Boolean((window as unknown as { Konva?: { stages: unknown[] } }).Konva?.stages[0]));
    await sleep(500);
    const located = (c: { documentId: string; path: string }) => {
      const field = seeded.results.get(c.documentId)?.data[c.path];
      return field && "vertices" in field ? field.vertices : null;
    };
    // only cells of located values (not the status, file or line-item count columns)
    const cells = (await visibleCells(page)).filter((c) => located(c) !== null);
    const picked: typeof cells = [];
    // evenly spread over the visible cells (row-major): both other rows and other columns
    const want = Math.min(CLICKS + 1, cells.length);
    for (let k = 0; k < want; k++) {
      const c = cells[Math.floor((k * cells.length) / want)];
      if (c) picked.push(c);
    }
    const latencies: number[] = [];
    let missed = 0;
    for (const c of picked) {
      const vertices = located(c);
      if (!vertices) continue;
      const ms = await clickToHighlight(page, { ...c, vertices });
      if (ms === null) missed++;
      else latencies.push(ms);
      await sleep(300); // a person's pace: the page image of the new document loads in between
    }
    const [cold, ...warm] = latencies;
    log(`click → highlight over ${picked.length} cells of ${cells.length} visible located values`);

    // 6. The control: the same scroll over a static table with as many columns as the grid.
    const columns = await page.locator('table[role="grid"] thead th').count();
    const plain = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await plain.setContent(staticTableHtml(2000, columns));
    await plain.evaluate("window.__name = (f) => f"); // setContent runs no init scripts
    const control = await measureScroll(plain, SCROLL_MS, 3000);
    await plain.close();
    log(`static table control (${columns} columns) 3000 px/s ${JSON.stringify(control)}`);
    const sortedWarm = [...warm].sort((a, b) => a - b);

    const result = {
      rasterize_ms_per_pdf: round(marks.rasterized),
      rasterize_ms_per_page: marks.rasterized === null ? null : Math.round((marks.rasterized / PAGES) * 10) / 10,
      drop_to_uploaded_ms: round(marks.uploaded),
      drop_to_first_row_ms: round(marks.firstRow),
      drop_to_done_ms: round(marks.done),
      upload_failed: marks.failed,
      pages: PAGES,
      scroll: { rows: ROWS, mode: "sweep top→bottom", ...sweep },
      scroll_3000px_s: { rows: ROWS, ...steady },
      idle_baseline: idle,
      static_table_control_3000px_s: control,
      click_to_highlight_ms: {
        cold: round(cold ?? null),
        p50: round(percentile(sortedWarm, 50)),
        p95: round(percentile(sortedWarm, 95)),
        max: round(sortedWarm[sortedWarm.length - 1] ?? null),
        clicks: latencies.length,
        missed,
      },
      machine: {
        cores: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        node: process.version,
        // others may share the machine: the load beside the figures says how much
        loadavg: os.loadavg().map((l) => Number(l.toFixed(2))),
      },
    };
    console.table({
      "rasterize PDF (ms)": result.rasterize_ms_per_pdf,
      "rasterize per page (ms)": result.rasterize_ms_per_page,
      "drop → uploaded (ms)": result.drop_to_uploaded_ms,
      "drop → first row (ms)": result.drop_to_first_row_ms,
      "drop → done (ms)": result.drop_to_done_ms,
      "idle baseline fps (no scrolling)": idle.fps,
      [`scroll sweep fps (${ROWS} rows)`]: sweep.fps,
      "scroll sweep dropped / frames": `${sweep.dropped} / ${sweep.frames}`,
      "scroll sweep p95 frame (ms)": sweep.p95_frame_ms,
      "scroll 3000 px/s fps": steady.fps,
      "scroll 3000 px/s dropped / frames": `${steady.dropped} / ${steady.frames}`,
      "scroll 3000 px/s p95 frame (ms)": steady.p95_frame_ms,
      "static table control fps (3000 px/s)": control.fps,
      "static table control p95 frame (ms)": control.p95_frame_ms,
      "click→highlight cold (ms)": result.click_to_highlight_ms.cold,
      "click→highlight p50 (ms)": result.click_to_highlight_ms.p50,
      "click→highlight p95 (ms)": result.click_to_highlight_ms.p95,
      loadavg: result.machine.loadavg.join(" "),
    });
    const out = path.resolve(values.json ?? path.join("bench-results", `ui-${new Date().toISOString().replace(/[:.]/g, "-")}.json`));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    log(`${result.machine.cores} CPU(s), load ${result.machine.loadavg.join(" ")}; written to ${path.relative(process.cwd(), out)}`);
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    fs.rmSync(work, { recursive: true, force: true });
    clearTimeout(watchdog);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

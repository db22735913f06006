import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import type { Browser, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoicePng } from "@/lib/jobs/test-helpers";
import { cellAt } from "@/lib/sheet/build";
import type { SheetRow } from "@/lib/sheet/types";
import { launchBrowser } from "./support/browser";
import { startServer, type TestServer, tempDataDir } from "./support/server";
import { serializePdf } from "@/lib/engine/pdf/serialize.test-helpers";

const SHOTS = path.resolve("test-results/screenshots");
const ADMIN = { email: "clerk@example.com", password: "correct horse battery" };

/** A born-digital PDF with one line of text per page (a text layer the browser sends along). */
function pdfWithPages(pages: string[][]): Buffer {
  const objs: string[] = ["<< /Type /Catalog /Pages 2 0 R >>", ""];
  const kids: string[] = [];
  const font = 3;
  objs.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  for (const lines of pages) {
    const content = `BT /F1 18 Tf 72 740 Td 26 TL ${lines.map((l) => `(${l.replace(/[()\\]/g, "\\$&")}) Tj T*`).join(" ")} ET`;
    objs.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    const contentId = objs.length;
    objs.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${contentId} 0 R >>`);
    kids.push(`${objs.length} 0 R`);
  }
  objs[1] = `<< /Type /Pages /Kids [${kids.join(" ")}] /Count ${pages.length} >>`;
  return serializePdf(objs);
}

interface KonvaNode {
  points(): number[];
  getAttr(key: string): unknown;
  getClientRect(): { x: number; y: number; width: number; height: number };
}
interface KonvaStage {
  findOne(selector: string): KonvaNode | undefined;
  attrs: Record<string, unknown>;
  container(): HTMLElement;
}

describe("review web app in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let spaceId: string;
  let files: string[];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const dir = tempDataDir("vouch-review-files");
    files = [path.join(dir, "two-pages.pdf"), path.join(dir, "inv-a.png"), path.join(dir, "inv-b.png")];
    fs.writeFileSync(
      files[0] as string,
      pdfWithPages([
        // no sender name: the required vendor is missing, so the review queue has work
        ["INVOICE", "Invoice No: INV-3003", "Date: 2026-03-12"],
        ["Description Qty Amount", "Toner 1 450.00", "Total: 450.00"],
      ]),
    );
    fs.writeFileSync(files[1] as string, await invoicePng({ number: "INV-1001", total: "1,234.50" }));
    fs.writeFileSync(files[2] as string, await invoicePng({ number: "INV-1002", total: "99.00" }));
    server = await startServer({ migrated: true, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    // the app must run under its own Content-Security-Policy (lib/http/headers.ts): Chromium reports blocks on the console
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to (load|execute|apply|connect|create|frame)/i.test(m.text())) cspViolations.push(m.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const rows = async (): Promise<SheetRow[]> =>
    page.evaluate(async (id) => {
      const res = await fetch(`/api/spaces/${id}/documents`);
      return ((await res.json()) as { rows: SheetRow[] }).rows;
    }, spaceId);
  /** Wait until the page image is drawn on the stage (screenshots before it show a blank page). */
  const imageDrawn = () =>
    page.waitForFunction(() => Boolean((window as unknown as { Konva?: { stages: KonvaStage[] } }).Konva?.stages[0]?.findOne(".page-image")));
  const stage = <T>(fn: (s: KonvaStage) => T) => page.evaluate(`(${fn.toString()})(window.Konva.stages[0])`) as Promise<T>;

  it("logs in and creates an invoice space", async () => {
    await page.goto(`${server.url}/login`);
    await page.locator('input[name="email"]').fill(ADMIN.email);
    await page.locator('input[name="password"]').fill(ADMIN.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.locator('input[name="name"]').fill("Supplier invoices");
    await page.locator('input[name="templateId"][value="invoice"]').check();
    await page.getByRole("button", { name: "Create space" }).click();
    await page.waitForURL(/\/spaces\/[^/]+$/);
    spaceId = new URL(page.url()).pathname.split("/").pop() ?? "";
    expect(spaceId).not.toBe("");
  });

  it("drops a 2-page PDF and two images and watches them finish", async () => {
    await page.locator('[data-testid="upload-input"]').setInputFiles(files);
    await page.waitForSelector('[data-testid="upload-item"][data-phase]');
    await page.screenshot({ path: path.join(SHOTS, "review-upload-progress.png") });
    await page.waitForFunction(
      () => {
        const items = [...document.querySelectorAll('[data-testid="upload-item"]')];
        return items.length === 3 && items.every((e) => e.getAttribute("data-phase") === "done");
      },
      null,
      { timeout: 240_000 },
    );
    const all = await rows();
    expect(all).toHaveLength(3);
    expect(all.find((r) => r.fileName === "two-pages.pdf")?.pages).toHaveLength(2);
    await page.waitForFunction(() => document.querySelectorAll("[data-document-id][data-path]").length > 0);
  });

  it("highlights a clicked cell's vertices on the Konva stage, and a clicked box selects its cell", async () => {
    const all = await rows();
    // a document with at least two values located on its first page
    const located =
      all
        .map((row) =>
          Object.values(row.cells)
            .filter((c) => c.vertices && c.page === 0)
            .map((cell) => ({ row, cell })),
        )
        .find((list) => list.length >= 2) ?? [];
    const [first, other] = located;
    if (!first || !other) throw new Error("expected two located values on one page");
    await page.locator(`[data-document-id="${first.row.documentId}"][data-path="${first.cell.path}"]`).click();
    await page.waitForFunction((p) => {
      const s = (window as unknown as { Konva?: { stages: KonvaStage[] } }).Konva?.stages[0];
      return s?.findOne(".selected-polygon")?.getAttr("path") === p;
    }, first.cell.path);
    const poly = await stage((s) => {
      const p = s.findOne(".selected-polygon");
      return { points: p?.points(), grid: p?.getAttr("gridVertices"), w: s.attrs.pageWidth, h: s.attrs.pageHeight };
    });
    expect(poly.grid).toEqual(first.cell.vertices);
    const w = poly.w as number;
    const h = poly.h as number;
    const expected = (first.cell.vertices ?? []).flatMap((v) => [(v.x * w) / 1000, (v.y * h) / 1000]);
    expect(poly.points?.length).toBe(8);
    for (const [i, p] of (poly.points ?? []).entries()) expect(p).toBeCloseTo(expected[i] as number, 6);
    await imageDrawn();
    await page.screenshot({ path: path.join(SHOTS, "review-grid-canvas.png") });

    // the other direction: click a box, the grid selects its cell
    const id = `#value-${other.cell.path.replace(/[^A-Za-z0-9_]/g, "-")}`;
    const at = await page.evaluate((sel) => {
      const s = (window as unknown as { Konva: { stages: KonvaStage[] } }).Konva.stages[0];
      const r = s?.findOne(sel)?.getClientRect();
      const c = s?.container().getBoundingClientRect();
      return r && c ? { x: c.left + r.x + r.width / 2, y: c.top + r.y + r.height / 2 } : null;
    }, id);
    if (!at) throw new Error(`no box ${id}`);
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => page.locator('[aria-selected="true"][data-path]').getAttribute("data-path")).toBe(other.cell.path);
  });

  it("corrects a queued value with the keyboard only", async () => {
    await page.locator('[data-testid="review-tab"]').click();
    const queue = page.locator('[data-testid="review-queue"]');
    await queue.waitFor();
    const key = await queue.getAttribute("data-item-key");
    if (!key) throw new Error("the queue is empty");
    // The value the input edits (an item may be one check naming several values: the input edits the focused one).
    const input = page.locator("#review-queue-value");
    const documentId = (await input.getAttribute("data-document-id")) ?? "";
    const cellPath = (await input.getAttribute("data-path")) ?? "";
    // The badge speaks of the doubt in the risk model's words, never "low confidence".
    expect(await page.locator('[data-testid="queue-state"]').textContent()).not.toMatch(/confidence/i);
    await imageDrawn();
    await page.screenshot({ path: path.join(SHOTS, "review-queue.png") });
    // Every request the page makes for the correction (fetches, server actions; not RSC prefetches).
    const calls: string[] = [];
    const track = (r: Request) => {
      if (["fetch", "xhr"].includes(r.resourceType()) && !r.url().includes("_rsc=")) calls.push(`${r.method()} ${new URL(r.url()).pathname}`);
    };
    page.on("request", track);
    const saved = page.waitForResponse((r) => r.url().includes("/corrections") && r.request().method() === "POST");
    await page.keyboard.type("=1+2");
    await page.keyboard.press("Enter");
    const response = await saved;
    expect(response.status()).toBe(201);
    const answer = (await response.json()) as { row: SheetRow };
    await expect.poll(() => queue.getAttribute("data-item-key")).not.toBe(key);
    await page.waitForLoadState("networkidle");
    page.off("request", track);
    // One round trip: the answer carries the updated row and the grid applies it (no refetch).
    expect(calls).toEqual([`POST /api/documents/${documentId}/corrections`]);
    expect(cellAt(answer.row, cellPath)?.value).toBe("=1+2");
    const history = await page.evaluate(
      async ([d, p]) => (await (await fetch(`/api/documents/${d}/corrections?path=${p}`)).json()) as { corrections: Array<{ newValue: string }> },
      [documentId, cellPath] as const,
    );
    expect(history.corrections.map((c) => c.newValue)).toEqual(["=1+2"]);
  });

  it("downloads the CSV (BOM, unfolded rows, corrected value, neutralized formula) and the XLSX", async () => {
    await page.locator('[role="tab"]').first().click();
    await page.locator('[data-testid="export-toggle"]').click();
    await page.locator('[data-testid="export-lines"]').check();
    const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.locator('[data-testid="export-csv"]').click()]);
    const bytes = fs.readFileSync((await csvDownload.path()) ?? "");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    const lines = text.split("\r\n").filter((l) => l !== "");
    expect(lines[0]?.split(",")).toContain("line");
    const all = await rows();
    const expectedLines = all.reduce((n, r) => n + Math.max(1, ...Object.values(r.arrays).map((a) => a.length)), 0);
    expect(lines).toHaveLength(1 + expectedLines);
    expect(text).toContain("'=1+2");
    expect(text).not.toMatch(/(^|,)=1\+2/m);

    const [xlsxDownload] = await Promise.all([page.waitForEvent("download"), page.locator('[data-testid="export-xlsx"]').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await xlsxDownload.path()) ?? "") as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.rowCount).toBe(1 + expectedLines);
    expect((ws?.getRow(1).values as unknown[]).slice(1)).toEqual(lines[0]?.split(","));
    const values = ws?.getSheetValues().flat() ?? [];
    expect(values).toContain("=1+2");
  });
  it("adds normalized columns to the CSV on request", async () => {
    await page.locator('[data-testid="export-normalized"]').check();
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-testid="export-csv"]').click()]);
    const text = fs
      .readFileSync((await download.path()) ?? "")
      .subarray(3)
      .toString("utf8");
    const head = text.split("\r\n")[0]?.split(",") ?? [];
    expect(head).toContain("total_normalized");
    expect(head.indexOf("total_normalized")).toBe(head.indexOf("total") + 1);
    // the printed totals "1,234.50" / "99.00" are 1234.5 / 99 in the normalized column (one of them may carry the correction above)
    expect(text).toMatch(/,(1234\.5|99)(,|\r\n)/);
    await page.locator('[data-testid="export-normalized"]').uncheck();
  });

  it("saves an accounting setting and downloads every preset from the sheet", async () => {
    await page.locator('[data-testid="export-settings-open"]').click();
    await page.locator('[data-testid="settings-default-account"]').fill("消耗品費");
    const saved = page.waitForResponse((r) => r.url().includes("/export-settings") && r.request().method() === "PUT");
    await page.locator('[data-testid="settings-save"]').click();
    expect((await saved).status()).toBe(200);
    await page.screenshot({ path: path.join(SHOTS, "export-presets.png") });
    // The uploaded invoices still have values in the review queue: left out, and the bar says which and why ...
    await page.locator('[data-testid="export-preset"]').selectOption("freee");
    await Promise.all([page.waitForEvent("download"), page.locator('[data-testid="export-preset-download"]').click()]);
    await expect.poll(() => page.locator('[data-testid="export-preset-note"]').textContent()).toMatch(/left out: .*still to review/);
    // ... unless asked for anyway.
    await page.locator('[data-testid="export-include-doubtful"]').check();
    const expected: Record<string, { name: RegExp; check(bytes: Buffer): void }> = {
      freee: {
        name: /-freee\.csv$/,
        check: (b) => {
          expect(b.subarray(0, 8).toString("hex")).toBe("8efb8e788be695aa"); // 収支区分 in Shift_JIS
          const text = iconv.decode(b, "cp932");
          expect(text).toMatch(/支出,INV-100[12],2024\/03\/15,/);
          expect(text).toContain("消耗品費");
        },
      },
      moneyforward: { name: /-moneyforward\.csv$/, check: (b) => expect(iconv.decode(b, "cp932").startsWith("取引No,取引日,借方勘定科目")).toBe(true) },
      yayoi: { name: /-yayoi\.txt$/, check: (b) => expect(iconv.decode(b, "cp932")).toMatch(/^2000,,,2024\/03\/15,消耗品費,/m) },
      datev: {
        name: /^EXTF_Buchungsstapel_.*\.csv$/,
        check: (b) => {
          const lines = iconv.decode(b, "windows-1252").split("\r\n");
          expect(lines[0]).toMatch(/^"EXTF";700;21;"Buchungsstapel";13;/);
          expect(lines[1]?.split(";")).toHaveLength(125);
          expect(lines.some((l) => /^(1234,50|99,00);"S";/.test(l))).toBe(true);
        },
      },
      xero: {
        name: /-xero\.csv$/,
        check: (b) => {
          expect(b.subarray(0, 13).toString("utf8")).toBe("*ContactName,");
          expect(b.toString("utf8")).toMatch(/,INV-100[12],15\/03\/2024,15\/03\/2024,/);
        },
      },
      quickbooks: { name: /-quickbooks\.csv$/, check: (b) => expect(b.toString("utf8")).toMatch(/\r\nINV-100[12],[^,]*,03\/15\/2024,/) },
    };
    for (const [id, want] of Object.entries(expected)) {
      await page.locator('[data-testid="export-preset"]').selectOption(id);
      const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-testid="export-preset-download"]').click()]);
      expect(download.suggestedFilename()).toMatch(want.name);
      want.check(fs.readFileSync((await download.path()) ?? ""));
    }
  });

  it("asks which date a corrected '03/04/2024' is when the document does not say, and stores the pick", async () => {
    await page.locator('[role="tab"]').first().click();
    // The invoices print ISO dates: nothing tells day-first from month-first.
    const cell = page.locator('[data-path="issue_date"][data-document-id]').first();
    const documentId = (await cell.getAttribute("data-document-id")) ?? "";
    await cell.click();
    await page.locator('[data-testid="inspector-value"]').fill("03/04/2024");
    const first = page.waitForResponse((r) => r.url().includes("/corrections") && r.request().method() === "POST");
    await page.locator('[data-testid="inspector-value"]').press("Enter");
    expect((await first).status()).toBe(201);
    const ask = page.locator('[data-testid="correction-ambiguous"]');
    await ask.waitFor();
    expect(await ask.textContent()).toContain("could be 2024-04-03 (day first) or 2024-03-04 (month first)");
    const second = page.waitForResponse((r) => r.url().includes("/corrections") && r.request().method() === "POST");
    await ask.getByRole("button", { name: "2024-03-04" }).click();
    expect((await second).status()).toBe(201);
    await ask.waitFor({ state: "detached" });
    const history = await page.evaluate(
      async (d) => (await (await fetch(`/api/documents/${d}/corrections?path=issue_date`)).json()) as { corrections: Array<{ normalized?: string }> },
      documentId,
    );
    expect(history.corrections.map((c) => c.normalized ?? null)).toEqual([null, "2024-03-04"]);
  });

  it("types a corrected amount as a number in the XLSX and in the CSV's normalized column", async () => {
    const cell = page.locator('[data-path="total"][data-document-id]').first();
    const documentId = (await cell.getAttribute("data-document-id")) ?? "";
    const fileName = (await rows()).find((r) => r.documentId === documentId)?.fileName ?? "";
    await cell.click();
    await page.locator('[data-testid="inspector-value"]').fill("1.300,50 €");
    const saved = page.waitForResponse((r) => r.url().includes("/corrections") && r.request().method() === "POST");
    await page.locator('[data-testid="inspector-value"]').press("Enter");
    expect((await saved).status()).toBe(201);
    await expect.poll(async () => (await rows()).find((r) => r.documentId === documentId)?.cells.total?.normalized).toBe(1300.5);

    await page.locator('[data-testid="export-lines"]').uncheck();
    await page.locator('[data-testid="export-normalized"]').check();
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.locator('[data-testid="export-xlsx"]').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await xlsx.path()) ?? "") as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws?.getRow(1).values as unknown[]).slice(1);
    const r = [...Array(ws?.rowCount ?? 0).keys()].map((i) => ws?.getRow(i + 1)).find((row) => row?.getCell(1).value === fileName);
    expect(r?.getCell(header.indexOf("total") + 1).value).toBe(1300.5);
    expect(r?.getCell(header.indexOf("total_normalized") + 1).value).toBe(1300.5);

    const [csv] = await Promise.all([page.waitForEvent("download"), page.locator('[data-testid="export-csv"]').click()]);
    const lines = fs
      .readFileSync((await csv.path()) ?? "")
      .subarray(3)
      .toString("utf8")
      .split("\r\n");
    const head = lines[0]?.split(",") ?? [];
    const line = lines.find((l) => l.startsWith(`${fileName},`)) ?? "";
    expect(line).toContain(`"1.300,50 €",1300.5`);
    expect(head.indexOf("total_normalized")).toBe(head.indexOf("total") + 1);
    await page.locator('[data-testid="export-normalized"]').uncheck();
  });

  it("refuses a text file named .pdf by its bytes, with the reason and no Retry", async () => {
    const fake = path.join(tempDataDir("vouch-review-fake"), "notes.pdf");
    fs.writeFileSync(fake, "Just some notes, not a PDF.\n");
    await page.locator('[data-testid="upload-input"]').setInputFiles([fake]);
    const item = page.locator('[data-testid="upload-item"]', { hasText: "notes.pdf" });
    await expect.poll(() => item.getAttribute("data-phase")).toBe("failed");
    expect(await item.textContent()).toContain("This is a text file (named “notes.pdf”), not a PDF or an image.");
    expect(await item.getByRole("button", { name: "Retry" }).count()).toBe(0);
  });

  it("lists a refused file and an unsent one again after a reload, until it is sent or dismissed", async () => {
    const url = page.url();
    // The refused text file of the step above, and an invoice whose upload the network drops.
    const blocked = path.join(tempDataDir("vouch-review-unsent"), "cut-off.png");
    fs.writeFileSync(blocked, await invoicePng({ number: "INV-7007", total: "70.07" }));
    const uploads = "**/api/spaces/*/documents";
    await page.route(uploads, (route) => (route.request().method() === "POST" ? route.abort("connectionreset") : route.continue()));
    await page.locator('[data-testid="upload-input"]').setInputFiles([blocked]);
    const cut = page.locator('[data-testid="upload-item"]', { hasText: "cut-off.png" });
    await expect.poll(() => cut.getAttribute("data-phase")).toBe("failed");
    await page.unroute(uploads);
    await page.reload();
    await page.locator('[data-testid="upload-restored"]').waitFor();
    expect(await page.locator('[data-testid="upload-restored"]').textContent()).toMatch(/2 files from before the page was reloaded/);
    const refused = page.locator('[data-testid="upload-item"]', { hasText: "notes.pdf" });
    expect(await refused.textContent()).toContain("not a PDF or an image");
    // a file that can never work offers no Retry, only Dismiss
    expect(await refused.locator('[data-testid="upload-retry"]').count()).toBe(0);
    await refused.locator('[data-testid="upload-dismiss"]').click();
    await expect.poll(() => refused.count()).toBe(0);
    // the cut-off one kept its bytes: Retry sends it now
    const again = page.locator('[data-testid="upload-item"]', { hasText: "cut-off.png" });
    const sent = page.waitForResponse((r) => r.url().includes("/documents") && r.request().method() === "POST");
    await again.locator('[data-testid="upload-retry"]').click();
    expect((await sent).status()).toBe(201);
    await expect.poll(() => again.getAttribute("data-document-id")).toBeTruthy();
    await page.screenshot({ path: path.join(SHOTS, "upload-after-reload.png") });
    // sent and dismissed: nothing is listed again after the next reload
    await page.reload();
    await page.waitForSelector('[data-testid="upload-drop"]');
    await page.waitForTimeout(500);
    expect(await page.locator('[data-testid="upload-restored"]').count()).toBe(0);
    expect(await page.locator('[data-testid="upload-item"]', { hasText: "notes.pdf" }).count()).toBe(0);
    expect(page.url()).toBe(url);
  });

  it("ran every step above under the app's CSP without a single violation", () => {
    expect(cspViolations).toEqual([]);
  });
});

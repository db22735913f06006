/**
 * A tilted phone photo in the real browser: the engine flattened its sheet, so the document view and the
 * sheet's page overlay show the flattened page with every box mapped onto it; Alt+O (or the toolbar's
 * button) shows the photo as taken with the boxes where the engine read them. The highlight is checked
 * twice: its points are the value's vertices mapped through the flattening, and on the served image the
 * highlighted area holds ink (a wrong mapping lands on blank paper or the desk).
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flatMaps } from "@/lib/engine/preprocess/flatten";
import type { Point, Quad } from "@/lib/engine/types";
import type { SheetCell, SheetRow } from "@/lib/sheet/types";
import { launchBrowser } from "./support/browser";
import { startServer, type TestServer } from "./support/server";

const SHOTS = path.resolve("test-results/screenshots");
const PHOTO = path.resolve("e2e/fixtures/document-view/invoice-photo.jpg");
const ADMIN = { email: "clerk@example.com", password: "correct horse battery" };
const LAPTOP = { width: 1366, height: 768 };

interface KonvaNode {
  points(): number[];
  getAttr(key: string): unknown;
}
interface KonvaStage {
  findOne(selector: string): KonvaNode | undefined;
  attrs: Record<string, unknown>;
}
interface Highlight {
  path: string;
  points: number[];
  flattened: boolean;
  pageWidth: number;
  pageHeight: number;
}

describe("a flattened photo in a real browser at 1366×768", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let spaceId = "";
  let row: SheetRow;
  let cell: SheetCell;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ migrated: true, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: LAPTOP });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const highlight = () =>
    page.evaluate(() => {
      const s = (window as unknown as { Konva: { stages: KonvaStage[] } }).Konva.stages[0]!;
      const sel = s.findOne(".selected-polygon");
      return sel
        ? {
            path: sel.getAttr("path") as string,
            points: sel.points(),
            flattened: s.attrs.flattened === true,
            pageWidth: s.attrs.pageWidth as number,
            pageHeight: s.attrs.pageHeight as number,
          }
        : null;
    }) as Promise<Highlight | null>;
  const waitShown = (flattened: boolean, path: string) =>
    page.waitForFunction(
      ([flat, p]) => {
        const s = (window as unknown as { Konva?: { stages: KonvaStage[] } }).Konva?.stages[0];
        const img = s?.findOne(".page-image") as unknown as { image(): HTMLImageElement } | undefined;
        return s?.attrs.flattened === flat && s.findOne(".selected-polygon")?.getAttr("path") === p && img?.image()?.complete;
      },
      [flattened, path] as const,
    );
  /** The value's vertices on the shown image in its pixels: mapped through the flattening when it is shown. */
  const expected = (flattened: boolean): Point[] => {
    const v = cell.vertices ?? [];
    const flat = row.pages[0]?.flat;
    if (!flattened || !flat) return v.map((p) => ({ x: (p.x * row.pages[0]!.width) / 1000, y: (p.y * row.pages[0]!.height) / 1000 }));
    const maps = flatMaps({ quad: flat.quad as Quad });
    return v.map(maps.toFlat).map((p) => ({ x: (p.x * flat.width) / 1000, y: (p.y * flat.height) / 1000 }));
  };
  /** Ink under the highlight on the served image: the darkest pixels stand well below the area's paper. */
  const inkUnder = async (imageUrl: string, points: number[]) => {
    const res = await page.request.get(`${server.url}${imageUrl}`);
    expect(res.status()).toBe(200);
    const { data, info } = await sharp(await res.body())
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const xs = points.filter((_, i) => i % 2 === 0);
    const ys = points.filter((_, i) => i % 2 === 1);
    const values: number[] = [];
    for (let y = Math.max(0, Math.floor(Math.min(...ys))); y < Math.min(info.height, Math.ceil(Math.max(...ys))); y++) {
      for (let x = Math.max(0, Math.floor(Math.min(...xs))); x < Math.min(info.width, Math.ceil(Math.max(...xs))); x++)
        values.push(data[y * info.width + x] ?? 0);
    }
    values.sort((a, b) => a - b);
    return { size: values.length, contrast: (values[Math.floor(values.length / 2)] ?? 0) - (values[Math.floor(values.length * 0.05)] ?? 0) };
  };

  it("uploads a tilted photo; the engine flattens it and the row names the flattened page", async () => {
    await page.goto(`${server.url}/login`);
    await page.locator('input[name="email"]').fill(ADMIN.email);
    await page.locator('input[name="password"]').fill(ADMIN.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.locator('input[name="name"]').fill("Photos");
    await page.locator('input[name="templateId"][value="invoice"]').check();
    await page.getByRole("button", { name: "Create space" }).click();
    await page.waitForURL(/\/spaces\/[^/]+$/);
    spaceId = new URL(page.url()).pathname.split("/").pop() ?? "";
    await page.locator('[data-testid="upload-input"]').setInputFiles([PHOTO]);
    const seen: string[] = [];
    let retried = false;
    for (let i = 0; i < 300; i++) {
      const rows = await page.evaluate(async (id) => ((await (await fetch(`/api/spaces/${id}/documents`)).json()) as { rows: SheetRow[] }).rows, spaceId);
      const status = rows[0]?.status ?? "none";
      if (seen.at(-1) !== status) seen.push(status);
      // On a loaded machine the page's OCR can run out of its CPU budget (the budget counts the whole server
      // process): one retry, as a reviewer would press it. Flattening is what this file tests, not OCR speed.
      if (status === "failed" && !retried && /CPU budget/.test(rows[0]?.error ?? "")) {
        retried = true;
        const doc = rows[0]!.documentId;
        expect(await page.evaluate(async (d) => (await fetch(`/api/documents/${d}/retry`, { method: "POST" })).status, doc)).toBeLessThan(300);
        continue;
      }
      if (rows[0] && (status === "done" || status === "failed")) {
        row = rows[0];
        break;
      }
      await page.waitForTimeout(1000);
    }
    if (row?.status !== "done") console.error(`[flattened-photo] statuses ${seen.join(" → ")}\n${server.output().slice(-3000)}`);
    expect(row?.status).toBe("done");
    const flat = row.pages[0]?.flat;
    expect(flat).toBeDefined();
    // The sheet is smaller than the photo and upright (portrait, like the invoice).
    expect(flat!.width).toBeLessThan(row.pages[0]!.width);
    expect(flat!.height).toBeGreaterThan(flat!.width);
    // A located value to click: the total when the engine found it, else the first located one.
    const located = Object.entries(row.cells).filter(([, c]) => c.page === 0 && (c.vertices?.length ?? 0) >= 4);
    const [, chosen] = located.find(([name]) => name === "total") ?? located[0] ?? [];
    if (!chosen) throw new Error("expected a located value on the photo");
    cell = chosen;
  });

  it("shows the flattened page in the document view; clicking a value highlights its box on it", async () => {
    await page.goto(`${server.url}/spaces/${spaceId}/documents/${row.documentId}`);
    await page.waitForSelector('[data-testid="page-canvas"][data-flattened="true"]');
    await page.locator(`[data-testid="form-value"][data-path="${cell.path}"]`).click();
    await waitShown(true, cell.path);
    const h = (await highlight())!;
    const flat = row.pages[0]!.flat!;
    expect([h.flattened, h.pageWidth, h.pageHeight]).toEqual([true, flat.width, flat.height]);
    const want = expected(true);
    for (const [i, p] of want.entries()) {
      expect(h.points[2 * i]).toBeCloseTo(p.x, 1);
      expect(h.points[2 * i + 1]).toBeCloseTo(p.y, 1);
    }
    // On the flattened image the box lies on the value's printed text, and is upright (level within 2 px).
    const ink = await inkUnder(flat.imageUrl, h.points);
    expect(ink.size).toBeGreaterThan(50);
    expect(ink.contrast).toBeGreaterThan(50);
    expect(Math.abs((want[1]?.y ?? 0) - (want[0]?.y ?? 0))).toBeLessThan(2);
    await page.screenshot({ path: path.join(SHOTS, "document-view-photo-flattened-1366x768.png") });
  });

  it("Alt+O shows the photo as taken with the box still on the value; the button brings the flattened page back", async () => {
    // The focus stays in the value's input: the key works while reviewing.
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset?.testid)).toBe("form-value");
    await page.keyboard.press("Alt+O");
    await waitShown(false, cell.path);
    const h = (await highlight())!;
    expect([h.flattened, h.pageWidth, h.pageHeight]).toEqual([false, row.pages[0]!.width, row.pages[0]!.height]);
    for (const [i, p] of expected(false).entries()) {
      expect(h.points[2 * i]).toBeCloseTo(p.x, 1);
      expect(h.points[2 * i + 1]).toBeCloseTo(p.y, 1);
    }
    const ink = await inkUnder(row.pages[0]!.imageUrl, h.points);
    expect(ink.contrast).toBeGreaterThan(50);
    // The value's input kept what it had: Alt+O typed nothing.
    expect(await page.locator(`[data-testid="form-value"][data-path="${cell.path}"]`).inputValue()).toBe(cell.value ?? "");
    await page.screenshot({ path: path.join(SHOTS, "document-view-photo-original-1366x768.png") });
    await page.locator('[data-testid="flat-toggle"]').click();
    await waitShown(true, cell.path);
    expect(await page.locator('[data-testid="flat-toggle"]').getAttribute("aria-pressed")).toBe("false");
  });

  it("keeps the reviewer's choice of the photo as taken for the next document shown (per user, in localStorage)", async () => {
    await page.keyboard.press("Alt+O");
    await page.waitForSelector('[data-testid="page-canvas"]:not([data-flattened])');
    // A new document view (the canvas is remounted per document, as on PageDown) opens on the photo as taken.
    await page.goto(`${server.url}/spaces/${spaceId}/documents/${row.documentId}`);
    await page.waitForSelector('[data-testid="flat-toggle"][aria-pressed="true"]');
    expect(await page.locator('[data-testid="page-canvas"]').getAttribute("data-flattened")).toBeNull();
    await page.locator('[data-testid="flat-toggle"]').click();
    await page.waitForSelector('[data-testid="page-canvas"][data-flattened="true"]');
    const stored = await page.evaluate(() => Object.keys(localStorage).map((k) => [k.split(":")[1], localStorage.getItem(k)]));
    expect(stored.filter(([k]) => k === "page-view")).toEqual([["page-view", "flattened"]]);
  });

  it("lists the key in the ? overlay, in English and in Japanese", async () => {
    await page.locator('button[aria-label="Keyboard shortcuts"], button[title^="Keyboard shortcuts"]').first().click();
    await page.waitForSelector('[data-testid="shortcuts"][open]');
    const en = (await page.locator('[data-testid="shortcuts"]').textContent()) ?? "";
    expect(en).toContain("Alt+O");
    expect(en).toContain("the photo as taken");
    await page.keyboard.press("Escape");
    await page.setExtraHTTPHeaders({ "Accept-Language": "ja-JP,ja;q=0.9" });
    await page.goto(`${server.url}/spaces/${spaceId}/documents/${row.documentId}`);
    await page.waitForSelector('[data-testid="page-canvas"][data-flattened="true"]');
    expect(await page.locator('[data-testid="flat-toggle"]').textContent()).toBe("元の写真");
    await page.locator('[data-testid="document-view"] header button:has-text("?")').click();
    await page.waitForSelector('[data-testid="shortcuts"][open]');
    const ja = (await page.locator('[data-testid="shortcuts"]').textContent()) ?? "";
    expect(ja).toContain("Alt+O");
    expect(ja).toContain("撮影したままの写真");
    await page.keyboard.press("Escape");
    await page.setExtraHTTPHeaders({});
  });

  it("shows the flattened page in the sheet's page overlay too, the clicked cell's box on it", async () => {
    await page.goto(`${server.url}/spaces/${spaceId}`);
    await page.locator(`[data-document-id="${row.documentId}"][data-path="${cell.path}"]`).first().click();
    await waitShown(true, cell.path);
    const h = (await highlight())!;
    for (const [i, p] of expected(true).entries()) {
      expect(h.points[2 * i]).toBeCloseTo(p.x, 1);
      expect(h.points[2 * i + 1]).toBeCloseTo(p.y, 1);
    }
    await page.screenshot({ path: path.join(SHOTS, "sheet-view-photo-flattened-1366x768.png") });
    await page.keyboard.press("Alt+O");
    await waitShown(false, cell.path);
    await page.screenshot({ path: path.join(SHOTS, "sheet-view-photo-original-1366x768.png") });
  });
});

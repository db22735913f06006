import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SheetRow } from "@/lib/sheet/types";
import { launchBrowser } from "./support/browser";
import { startServer, type TestServer } from "./support/server";

/** Fresh screenshots of each run; the README links copies of them committed under public/screenshots/. */
const SHOTS = path.resolve("test-results/screenshots");
const FIXTURES = path.resolve("e2e/fixtures/document-view");
const ADMIN = { email: "clerk@example.com", password: "correct horse battery" };
const LAPTOP = { width: 1366, height: 768 };
const FILES = { invoice: "invoice-2-pages.pdf", photo: "invoice-photo.jpg", receipt: "receipt.png" } as const;

interface KonvaNode {
  points(): number[];
  getAttr(key: string): unknown;
}
interface KonvaStage {
  find(selector: string): KonvaNode[];
  findOne(selector: string): KonvaNode | undefined;
  attrs: Record<string, unknown>;
  scaleX(): number;
  y(): number;
  height(): number;
}

const needsLook = (state: string) => state === "failed_check" || state === "missing" || state === "low_confidence";
const queued = (rows: SheetRow[]) =>
  rows
    .filter((r) => r.status === "done")
    .flatMap((r) => [...Object.values(r.cells), ...Object.values(r.arrays).flatMap((items) => items.flatMap((i) => Object.values(i)))])
    .filter((c) => needsLook(c.state));

describe("document view in a real browser at 1366×768", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let spaceId = "";
  const ids: Record<keyof typeof FILES, string> = { invoice: "", photo: "", receipt: "" };

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

  const rows = async (): Promise<SheetRow[]> =>
    page.evaluate(async (id) => ((await (await fetch(`/api/spaces/${id}/documents`)).json()) as { rows: SheetRow[] }).rows, spaceId);
  const stage = <T>(fn: (s: KonvaStage) => T) => page.evaluate(`(${fn.toString()})(window.Konva.stages[0])`) as Promise<T>;
  const imageDrawn = () =>
    page.waitForFunction(() => Boolean((window as unknown as { Konva?: { stages: KonvaStage[] } }).Konva?.stages[0]?.findOne(".page-image")));
  const openDocument = async (id: string, query = "") => {
    await page.goto(`${server.url}/spaces/${spaceId}/documents/${id}${query}`);
    await page.waitForSelector(`[data-testid="document-view"][data-document-id="${id}"]`);
    await imageDrawn();
  };

  it("logs a wrong password as one line, not a stack trace", async () => {
    await page.goto(`${server.url}/login`);
    await page.locator('input[name="email"]').fill(ADMIN.email);
    await page.locator('input[name="password"]').fill("not the password");
    await page.locator('button[type="submit"]').click();
    await page.getByText("Wrong email or password.").waitFor();
    const log = server.output();
    expect(log).toContain("[auth] sign-in refused: wrong email or password");
    expect(log).not.toMatch(/CredentialsSignin[\s\S]*\n\s+at /);
  });

  it("logs in, creates a space and drops a 2-page invoice, a photo and a receipt", async () => {
    await page.goto(`${server.url}/login`);
    await page.locator('input[name="email"]').fill(ADMIN.email);
    await page.locator('input[name="password"]').fill(ADMIN.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.locator('input[name="name"]').fill("Accounts payable");
    await page.locator('input[name="templateId"][value="invoice"]').check();
    await page.getByRole("button", { name: "Create space" }).click();
    await page.waitForURL(/\/spaces\/[^/]+$/);
    spaceId = new URL(page.url()).pathname.split("/").pop() ?? "";
    await page.locator('[data-testid="upload-input"]').setInputFiles(Object.values(FILES).map((f) => path.join(FIXTURES, f)));
    await page.waitForFunction(
      () => {
        const items = [...document.querySelectorAll('[data-testid="upload-item"]')];
        return items.length === 3 && items.every((e) => e.getAttribute("data-phase") === "done");
      },
      null,
      { timeout: 300_000 },
    );
    await page.waitForFunction(
      async (id) => {
        const res = await fetch(`/api/spaces/${id}/documents`);
        const body = (await res.json()) as { rows: Array<{ status: string }> };
        return body.rows.length === 3 && body.rows.every((r) => r.status === "done" || r.status === "failed");
      },
      spaceId,
      { timeout: 300_000, polling: 1000 },
    );
    const all = await rows();
    for (const [k, f] of Object.entries(FILES)) ids[k as keyof typeof FILES] = all.find((r) => r.fileName === f)?.documentId ?? "";
    expect(all.map((r) => r.status)).toEqual(["done", "done", "done"]);
    expect(all.find((r) => r.documentId === ids.invoice)?.pages).toHaveLength(2);
  });

  for (const key of Object.keys(FILES) as Array<keyof typeof FILES>) {
    it(`shows the ${key} large and readable`, async () => {
      await openDocument(ids[key]);
      const m = await stage((s) => {
        const heights = s
          .find(".value-box")
          .map((b) => {
            const p = b.points();
            const ys = p.filter((_, i) => i % 2 === 1);
            return Math.max(...ys) - Math.min(...ys);
          })
          .filter((h) => h > 0)
          .sort((a, b) => a - b);
        return {
          scale: s.scaleX(),
          top: s.y(),
          viewport: s.height(),
          pageWidth: s.attrs.pageWidth as number,
          pageHeight: s.attrs.pageHeight as number,
          medianBox: heights[Math.floor(heights.length / 2)] ?? 0,
        };
      });
      // The page's visible height on screen: from its top (or the stage's) to its bottom (or the stage's).
      const visible = Math.min(m.viewport, m.top + m.pageHeight * m.scale) - Math.max(0, m.top);
      expect(visible).toBeGreaterThanOrEqual(0.6 * LAPTOP.height);
      // Values' boxes span a text line: their median on-screen height is the body text size.
      expect(m.medianBox).toBeGreaterThan(0);
      expect(m.medianBox * m.scale).toBeGreaterThanOrEqual(9);
      if (key === "invoice") {
        // The PDF's body text is 11 CSS px on a 816 CSS px (8.5 in) wide page.
        expect((11 * m.pageWidth * m.scale) / 816).toBeGreaterThanOrEqual(9);
      }
      // Every doubtful value is marked with its reason in words.
      const marked = await page.locator('[data-doubtful="true"]').count();
      const reasons = await page.locator('[data-doubtful="true"] [data-testid="form-reason"]').allTextContents();
      expect(reasons).toHaveLength(marked);
      for (const r of reasons) expect(r.trim().length).toBeGreaterThan(5);
      await page.screenshot({ path: path.join(SHOTS, `document-view-${key}-1366x768.png`) });
    });
  }

  it("keeps the zoom steady when a box on the page is clicked", async () => {
    await openDocument(ids.invoice);
    const before = await stage((s) => s.scaleX());
    const box = await stage((s) => {
      const b = s.find(".value-box")[1];
      return b ? { path: b.getAttr("path") as string, points: b.points() } : null;
    });
    if (!box) throw new Error("expected located values");
    const canvas = await page.locator('[data-testid="page-canvas"] canvas').first().boundingBox();
    if (!canvas) throw new Error("no canvas");
    const view = await stage((s) => ({ x: (s as unknown as { x(): number }).x(), y: s.y(), scale: s.scaleX() }));
    const cx = ((box.points[0] ?? 0) + (box.points[4] ?? 0)) / 2;
    const cy = ((box.points[1] ?? 0) + (box.points[5] ?? 0)) / 2;
    await page.mouse.click(canvas.x + view.x + cx * view.scale, canvas.y + view.y + cy * view.scale);
    await page.waitForFunction((p) => (document.activeElement as HTMLElement | null)?.dataset?.path === p, box.path);
    expect(await stage((s) => s.scaleX())).toBeCloseTo(before, 6);
  });

  it("reviews every queued value with the keyboard only, walking documents with PageDown", async () => {
    const start = queued(await rows())[0];
    expect(start).toBeDefined();
    const first = (await rows()).find((r) => queued([r]).length > 0);
    if (!first) throw new Error("expected a document with values to review");
    await openDocument(first.documentId, "?walk=queue");
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "form-value");
    await page.screenshot({ path: path.join(SHOTS, "document-view-review-1366x768.png") });
    for (let step = 0; step < 300; step++) {
      const left = await page.locator('[data-doubtful="true"]').count();
      if (left === 0) {
        const docId = await page.locator('[data-testid="document-view"]').getAttribute("data-document-id");
        await page.keyboard.press("PageDown");
        const moved = await page
          .waitForFunction((id) => document.querySelector('[data-testid="document-view"]')?.getAttribute("data-document-id") !== id, docId, {
            timeout: 3000,
          })
          .then(() => true)
          .catch(() => false);
        if (!moved) break;
        await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "form-value");
        continue;
      }
      // The view puts the focus on the next doubtful value by itself after each Enter.
      const state = () =>
        page.evaluate(() => ({
          active: (document.activeElement as HTMLElement | null)?.dataset?.path ?? document.activeElement?.tagName,
          doubtful: [...document.querySelectorAll('[data-doubtful="true"] input, [data-doubtful="true"] textarea')].map((e) => (e as HTMLElement).dataset.path),
          message: document.querySelector('[data-testid="document-message"]')?.textContent ?? null,
        }));
      // A save can also clear other values (a check involving several cells passes once one is fixed).
      await page
        .waitForFunction(
          () => Boolean(document.activeElement?.closest('[data-doubtful="true"]')) || document.querySelectorAll('[data-doubtful="true"]').length === 0,
          null,
          { timeout: 15_000 },
        )
        .catch(async (err) => {
          throw new Error(`focus is not on a doubtful value: ${JSON.stringify(await state())}`, { cause: err });
        });
      if ((await page.locator('[data-doubtful="true"]').count()) === 0) continue;
      await page.keyboard.press("Enter");
      await page
        .waitForFunction((n) => document.querySelectorAll('[data-doubtful="true"]').length < n, left, { timeout: 15_000 })
        .catch(async (err) => {
          throw new Error(`Enter did not clear a value: ${JSON.stringify(await state())}\n${server.output().slice(-2000)}`, { cause: err });
        });
    }
    // Every save reached the server: nothing is left in the queue.
    await page.waitForFunction(
      async (id) => {
        const body = (await (await fetch(`/api/spaces/${id}/documents`)).json()) as { rows: SheetRow[] };
        const bad = (s: string) => s === "failed_check" || s === "missing" || s === "low_confidence";
        return body.rows.every((r) =>
          [...Object.values(r.cells), ...Object.values(r.arrays).flatMap((items) => items.flatMap((i) => Object.values(i)))].every((c) => !bad(c.state)),
        );
      },
      spaceId,
      { timeout: 30_000, polling: 500 },
    );
    expect(queued(await rows())).toHaveLength(0);
  });

  it("types a corrected total with the keyboard and Enter saves it", async () => {
    await openDocument(ids.invoice);
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "form-value");
    const at = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset?.path);
    // Up to the first field (the view may start on a line item), then down to the total.
    for (let i = 0; i < 80; i++) {
      const here = await at();
      await page.keyboard.press("ArrowUp");
      const moved = await page
        .waitForFunction((p) => (document.activeElement as HTMLElement | null)?.dataset?.path !== p, here, { timeout: 2000 })
        .then(() => true)
        .catch(() => false);
      if (!moved) break;
    }
    for (let i = 0; i < 40; i++) {
      const here = await at();
      if (here === "total") break;
      await page.keyboard.press("ArrowDown");
      // The focus moves on the next frame: wait for it before looking again.
      await page.waitForFunction((p) => (document.activeElement as HTMLElement | null)?.dataset?.path !== p, here);
    }
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset?.path)).toBe("total");
    await page.keyboard.type("45,215.11");
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      async ([space, doc]) => {
        const body = (await (await fetch(`/api/spaces/${space}/documents`)).json()) as { rows: SheetRow[] };
        const total = body.rows.find((r) => r.documentId === doc)?.cells.total;
        return total?.value === "45,215.11" && total.state === "corrected";
      },
      [spaceId, ids.invoice],
      { timeout: 15_000, polling: 300 },
    );
  });

  it("lists every shortcut behind ?, and marks the document reviewed with Ctrl+M", async () => {
    await openDocument(ids.receipt);
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "form-value");
    await page.keyboard.press("?");
    await page.waitForSelector('[data-testid="shortcuts"][open]');
    expect(await page.locator('[data-testid="shortcuts"] tr').count()).toBeGreaterThanOrEqual(10);
    await page.screenshot({ path: path.join(SHOTS, "document-view-shortcuts-1366x768.png") });
    await page.keyboard.press("Escape");
    await page.waitForSelector('[data-testid="shortcuts"]', { state: "detached" });
    await page.keyboard.press("Control+m");
    await page.waitForFunction(
      async ([space, doc]) => {
        const body = (await (await fetch(`/api/spaces/${space}/documents`)).json()) as { rows: SheetRow[] };
        return body.rows.find((r) => r.documentId === doc)?.status === "reviewed";
      },
      [spaceId, ids.receipt],
      { timeout: 15_000, polling: 300 },
    );
  });

  it("speaks Japanese when the browser does, and the header's switch changes the language", async () => {
    await page.setExtraHTTPHeaders({ "Accept-Language": "ja-JP,ja;q=0.9,en;q=0.5" });
    await openDocument(ids.invoice);
    expect(await page.locator("html").getAttribute("lang")).toBe("ja");
    await page.getByRole("link", { name: "← シート" }).waitFor();
    expect(await page.locator('[data-testid="field-form"]').textContent()).toContain("合計");
    // The app serves its own CJK font (the host has none): Japanese renders as glyphs, not boxes.
    // Load every subset the page's text needs before looking (unicode-range subsets load on first use).
    const glyphs = () =>
      page.evaluate(async () => {
        await document.fonts.load("16px 'Noto Sans JP Variable'", document.body.innerText);
        await document.fonts.ready;
        return true;
      });
    await glyphs();
    expect(await page.evaluate(() => document.fonts.check("16px 'Noto Sans JP Variable'", "合計"))).toBe(true);
    expect(await page.evaluate(() => [...document.fonts].some((f) => f.family.includes("Noto Sans JP") && f.status === "loaded"))).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "document-view-invoice-ja-1366x768.png") });
    await page.goto(`${server.url}/spaces/${spaceId}`);
    await page.waitForSelector("[data-document-id][data-path]");
    await glyphs();
    await page.screenshot({ path: path.join(SHOTS, "sheet-view-ja-1366x768.png") });
    await page.locator('[data-testid="review-tab"]').click();
    await page.locator('[data-testid="review-queue"]').waitFor();
    await glyphs();
    await page.screenshot({ path: path.join(SHOTS, "review-queue-ja-1366x768.png") });
    await page.goto(`${server.url}/`);
    await page.getByRole("heading", { name: "スペース", level: 1 }).waitFor();
    await page.getByRole("button", { name: "スペースを作成" }).waitFor();
    await page.locator('[data-testid="language-switch"]').selectOption("en");
    await page.getByRole("heading", { name: "Spaces", level: 1 }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.setExtraHTTPHeaders({});
  });

  it("looks right on a 1600×1000 screen too", async () => {
    await page.setViewportSize({ width: 1600, height: 1000 });
    await openDocument(ids.photo);
    const visible = await stage((s) => Math.min(s.height(), s.y() + (s.attrs.pageHeight as number) * s.scaleX()) - Math.max(0, s.y()));
    expect(visible).toBeGreaterThanOrEqual(600);
    await page.screenshot({ path: path.join(SHOTS, "document-view-photo-1600x1000.png") });
    await page.goto(`${server.url}/spaces/${spaceId}`);
    await page.waitForSelector("[data-document-id][data-path]");
    await page.screenshot({ path: path.join(SHOTS, "sheet-view-1600x1000.png") });
    // The sheet's own "?" list: its grid keys and the review queue's.
    await page.locator("body").press("?");
    await page.waitForSelector('[data-testid="shortcuts"][open]');
    expect(await page.locator('[data-testid="shortcuts"]').textContent()).toContain("F2");
    await page.keyboard.press("Escape");
    await page.waitForSelector('[data-testid="shortcuts"]', { state: "detached" });
    await page.setViewportSize(LAPTOP);
    await page.screenshot({ path: path.join(SHOTS, "sheet-view-1366x768.png") });
    // Type-to-edit: a key typed on a selected cell starts its new value in the value box.
    const cell = page.locator('[data-document-id][data-path="vendor"]').first();
    await cell.click();
    await cell.press("Z");
    await page.waitForFunction(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return el?.dataset?.testid === "inspector-value" && el.value === "Z";
    });
  });
});

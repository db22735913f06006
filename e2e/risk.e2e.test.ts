import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SheetRow } from "@/lib/sheet/types";
import { launchBrowser } from "./support/browser";
import { startServer, type TestServer, tempDataDir } from "./support/server";

const SHOTS = path.resolve("test-results/screenshots");
const ADMIN = { email: "risk@example.com", password: "correct horse battery" };

/**
 * An invoice whose sender line is printed through a comb of white stripes: the OCR still
 * reads the name, but with low word confidence — the situation where a new user saw
 * vendor "mer" with "the OCR is unsure (53 %)" tinted confident.
 */
async function unsureVendorPng(): Promise<Buffer> {
  const lines: Array<[string, number, number, number, string]> = [
    ["ACME Supplies Ltd", 60, 80, 34, "#777"],
    ["INVOICE", 60, 150, 40, "#000"],
    ["Invoice No: INV-2049", 60, 230, 28, "#000"],
    ["Date: 2024-03-15", 60, 280, 28, "#000"],
    ["Description          Qty      Amount", 60, 380, 26, "#000"],
    ["Paper A4               2      200.00", 60, 430, 26, "#000"],
    ["Total: 200.00", 60, 540, 30, "#000"],
  ];
  const text = lines.map(([t, x, y, s, fill]) => `<text x="${x}" y="${y}" font-family="DejaVu Sans" font-size="${s}" fill="${fill}">${t}</text>`).join("");
  const comb = Array.from({ length: 40 }, (_, i) => `<rect x="${55 + i * 9}" y="50" width="3" height="40" fill="#fff"/>`).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="640"><rect width="100%" height="100%" fill="#fff"/>${text}${comb}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe("an OCR-unsure value in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let spaceId: string;
  let file: string;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    file = path.join(tempDataDir("vouch-risk-files"), "unsure-vendor.png");
    fs.writeFileSync(file, await unsureVendorPng());
    server = await startServer({ migrated: true, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const rows = async (): Promise<SheetRow[]> =>
    page.evaluate(async (id) => ((await (await fetch(`/api/spaces/${id}/documents`)).json()) as { rows: SheetRow[] }).rows, spaceId);

  it("uploads the document into a new invoice space", async () => {
    await page.goto(`${server.url}/login`);
    await page.locator('input[name="email"]').fill(ADMIN.email);
    await page.locator('input[name="password"]').fill(ADMIN.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.locator('input[name="name"]').fill("Unsure readings");
    await page.locator('input[name="templateId"][value="invoice"]').check();
    await page.getByRole("button", { name: "Create space" }).click();
    await page.waitForURL(/\/spaces\/[^/]+$/);
    spaceId = new URL(page.url()).pathname.split("/").pop() ?? "";
    await page.locator('[data-testid="upload-input"]').setInputFiles([file]);
    await expect.poll(async () => (await rows())[0]?.status, { timeout: 240_000, interval: 500 }).toBe("done");
  });

  it("shows the unsure vendor as needing review, with the OCR's doubt in words, never tinted confident", async () => {
    const [row] = await rows();
    const vendor = row?.cells.vendor;
    expect(vendor?.value).toMatch(/^ACME Supplies/);
    expect(vendor?.state).toBe("low_confidence");
    expect(vendor?.reasons.join(" ")).toMatch(/OCR is unsure/);
    expect(vendor?.risk).toBeGreaterThanOrEqual(0.005);
    const cell = page.locator(`[data-document-id="${row!.documentId}"][data-path="vendor"]`);
    await cell.waitFor();
    // The grid polls its pending rows every 2 s: it may still show the row as it was while processing.
    await expect.poll(() => cell.getAttribute("data-state"), { timeout: 30_000 }).toBe("low_confidence");
    expect(await cell.getAttribute("title")).toMatch(/OCR is unsure/);
    await cell.click();
    await expect.poll(() => page.locator('[data-testid="cell-inspector"]').textContent()).toMatch(/needs review/);
    await page.screenshot({ path: path.join(SHOTS, "risk-unsure-cell.png") });
  });

  it("has the value in the review queue", async () => {
    const [row] = await rows();
    const want = `${row!.documentId}/vendor`;
    await page.locator('[data-testid="review-tab"]').click();
    const queue = page.locator('[data-testid="review-queue"]');
    await queue.waitFor();
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      const key = await queue.getAttribute("data-item-key");
      if (!key || seen.includes(key)) break;
      seen.push(key);
      if (key === want) break;
      const next = page.getByRole("button", { name: /Next/ });
      if (!(await next.isEnabled())) break;
      await next.click();
      await expect.poll(() => queue.getAttribute("data-item-key")).not.toBe(key);
    }
    expect(seen).toContain(want);
    await expect.poll(() => page.locator("#review-queue-reasons").textContent()).toMatch(/OCR is unsure/);
    await page.screenshot({ path: path.join(SHOTS, "risk-unsure-queue.png") });
  });
});

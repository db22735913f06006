import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SheetRow } from "@/lib/sheet/types";
import { launchBrowser } from "./support/browser";
import { startServer, type TestServer, tempDataDir } from "./support/server";

const SHOTS = path.resolve("test-results/screenshots");
const ADMIN = { email: "memory@example.com", password: "correct horse battery" };
const SUPPLIER = "Kestrel Tooling";

/**
 * An invoice of a supplier that prints a greeting on top and its name only in the footer, without a legal form: the engine
 * finds no vendor it could stand behind (a footer company line with a legal form it would find, since 2bb2f47).
 */
async function invoicePng(no: string, amount: string): Promise<Buffer> {
  const lines: Array<[string, number, number, number]> = [
    ["Thank you for your order", 60, 80, 30],
    ["INVOICE", 60, 150, 40],
    [`Invoice No: ${no}`, 60, 230, 26],
    ["Date: 2024-03-15", 60, 275, 26],
    ["Bill to: Northwind Bakery, 12 Mill Lane, Leeds", 60, 320, 24],
    ["Description                 Qty      Amount", 60, 400, 24],
    [`Drill set                     1      ${amount}`, 60, 445, 24],
    [`Total: ${amount}`, 60, 540, 28],
    [`${SUPPLIER} · Hauptstrasse 5 · 80331 Munich · VAT DE811234567`, 60, 610, 22],
  ];
  const text = lines.map(([t, x, y, s]) => `<text x="${x}" y="${y}" font-family="DejaVu Sans" font-size="${s}" xml:space="preserve">${t}</text>`).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="660"><rect width="100%" height="100%" fill="#fff"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe("supplier memory in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let spaceId: string;
  const files: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const dir = tempDataDir("vouch-memory-files");
    for (const [name, no, amount] of [
      ["kestrel-1001.png", "K-1001", "200.00"],
      ["kestrel-1002.png", "K-1002", "415.50"],
    ] as const) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, await invoicePng(no, amount));
      files.push(file);
    }
    server = await startServer({ migrated: true, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const rows = async (): Promise<SheetRow[]> =>
    page.evaluate(async (id) => ((await (await fetch(`/api/spaces/${id}/documents`)).json()) as { rows: SheetRow[] }).rows, spaceId);
  const rowOf = async (fileName: string) => (await rows()).find((r) => r.fileName === fileName);

  it("reads the first invoice, and the reviewer corrects its vendor", async () => {
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
    await page.locator('[data-testid="upload-input"]').setInputFiles([files[0]!]);
    await expect.poll(async () => (await rowOf("kestrel-1001.png"))?.status, { timeout: 240_000, interval: 500 }).toBe("done");
    const first = await rowOf("kestrel-1001.png");
    // The premise: without memory the engine does not read the supplier (null, or a wrong line).
    expect(first?.cells.vendor?.value).not.toBe(SUPPLIER);
    const status = await page.evaluate(
      async ({ id, value }) =>
        (
          await fetch(`/api/documents/${id}/corrections`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ path: "vendor", kind: "edit", newValue: value }),
          })
        ).status,
      { id: first!.documentId, value: SUPPLIER },
    );
    expect(status).toBe(201);
  });

  it("reads the supplier's second invoice right, without review", async () => {
    await page.reload();
    await page.locator('[data-testid="upload-input"]').setInputFiles([files[1]!]);
    await expect.poll(async () => (await rowOf("kestrel-1002.png"))?.status, { timeout: 240_000, interval: 500 }).toBe("done");
    const second = await rowOf("kestrel-1002.png");
    expect(second?.cells.vendor?.value).toBe(SUPPLIER);
    expect(second?.cells.vendor?.risk).toBeLessThan(0.005);
    expect(second?.cells.vendor?.state).toBe("confident");
    await page.reload();
    const cell = page.locator(`[data-document-id="${second!.documentId}"][data-path="vendor"]`);
    await cell.waitFor();
    expect(await cell.getAttribute("data-state")).toBe("confident");
    await page.screenshot({ path: path.join(SHOTS, "memory-second-invoice.png") });
  });

  it("lists what was learned on the settings page, and forgets it", async () => {
    await page.goto(`${server.url}/settings/memory`);
    const card = page.locator('[data-testid="supplier-memory"]');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain(SUPPLIER);
    expect(await card.textContent()).toContain("kestrel-1001.png");
    await page.screenshot({ path: path.join(SHOTS, "memory-settings.png"), fullPage: true });
    await page.getByRole("button", { name: `Forget ${SUPPLIER}` }).click();
    await expect.poll(() => page.locator('[data-testid="memory-empty"]').count(), { timeout: 15_000 }).toBe(1);
  });
});

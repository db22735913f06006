import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciiXml, SAMPLE, ublXml } from "@/lib/engine/einvoice/samples.test-helpers";
import type { SheetRow } from "@/lib/sheet/types";
import { launchBrowser } from "./support/browser";
import { startServer, type TestServer, tempDataDir } from "./support/server";

const SHOTS = path.resolve("test-results/screenshots");
const ADMIN = { email: "clerk@example.com", password: "correct horse battery" };

interface KonvaStage {
  findOne(selector: string): unknown;
}

describe("e-invoices in the web app", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let spaceId: string;
  let files: { facturx: string; xrechnung: string; peppol: string };

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const dir = tempDataDir("vouch-einvoice-files");
    files = { facturx: path.join(dir, "kraxi-facturx.pdf"), xrechnung: path.join(dir, "xrechnung.xml"), peppol: path.join(dir, "peppol-copy.xml") };
    fs.copyFileSync(path.resolve("lib/engine/einvoice/__fixtures__/zugferd-kraxi.pdf"), files.facturx);
    fs.writeFileSync(files.xrechnung, ciiXml());
    fs.writeFileSync(files.peppol, ublXml());
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
  const allDone = (n: number) =>
    page.waitForFunction(
      (count) => {
        const items = [...document.querySelectorAll('[data-testid="upload-item"]')];
        return items.length === count && items.every((e) => e.getAttribute("data-phase") === "done");
      },
      n,
      { timeout: 240_000 },
    );

  it("logs in and creates an invoice space", async () => {
    await page.goto(`${server.url}/login`);
    await page.locator('input[name="email"]').fill(ADMIN.email);
    await page.locator('input[name="password"]').fill(ADMIN.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.locator('input[name="name"]').fill("E-invoices");
    await page.locator('input[name="templateId"][value="invoice"]').check();
    await page.getByRole("button", { name: "Create space" }).click();
    await page.waitForURL(/\/spaces\/[^/]+$/);
    spaceId = new URL(page.url()).pathname.split("/").pop() ?? "";
  });

  it("drops a Factur-X PDF and an XRechnung XML: both rows fill with the XML's exact values", async () => {
    await page.locator('[data-testid="upload-input"]').setInputFiles([files.facturx, files.xrechnung]);
    await allDone(2);
    const all = await rows();
    const pdf = all.find((r) => r.fileName === "kraxi-facturx.pdf");
    const xml = all.find((r) => r.fileName === "xrechnung.xml");
    expect(pdf?.cells.invoice_number).toMatchObject({ value: "2014-03", bbox_source: "e_invoice_xml" });
    expect(pdf?.cells.total?.normalized).toBe(1005.55);
    expect(xml?.cells.invoice_number?.value).toBe(SAMPLE.number);
    expect(xml?.cells.total).toMatchObject({ value: SAMPLE.total, normalized: 238 });
    expect(xml?.cells.vendor?.value).toBe(SAMPLE.seller);
  });

  it("the XML row shows the rendering of the invoice with the value's box", async () => {
    const xml = (await rows()).find((r) => r.fileName === "xrechnung.xml")!;
    await page.locator(`[data-document-id="${xml.documentId}"][data-path="total"]`).click();
    await page.waitForFunction(() => Boolean((window as unknown as { Konva?: { stages: KonvaStage[] } }).Konva?.stages[0]?.findOne(".page-image")));
    await page.waitForFunction(() => Boolean((window as unknown as { Konva?: { stages: KonvaStage[] } }).Konva?.stages[0]?.findOne(".selected-polygon")));
    await page.screenshot({ path: path.join(SHOTS, "einvoice-xml-rendering.png") });
    expect(xml.pages).toHaveLength(1);
    expect(xml.cells.total?.vertices).not.toBeNull();
  });

  it("a second copy of an invoice (the same XRechnung as Peppol UBL) is flagged as a possible duplicate", async () => {
    await page.locator('[data-testid="upload-input"]').setInputFiles([files.peppol]);
    await allDone(3);
    const copy = (await rows()).find((r) => r.fileName === "peppol-copy.xml")!;
    const original = (await rows()).find((r) => r.fileName === "xrechnung.xml")!;
    expect(copy.issues.find((i) => i.code === "possible_duplicate")?.related?.documentId).toBe(original.documentId);
    const badge = page.locator(`[data-testid="possible-duplicate"][data-related="${original.documentId}"]`);
    await badge.waitFor({ timeout: 30_000 });
    expect(await badge.textContent()).toContain("xrechnung.xml");
    await page.screenshot({ path: path.join(SHOTS, "einvoice-duplicate.png") });
    await badge.locator('[data-testid="dismiss-duplicate"]').click();
    await badge.waitFor({ state: "detached" });
  });

  it("my company: the settings page saves our names", async () => {
    await page.goto(`${server.url}/settings/company`);
    await page.locator('textarea[name="names"]').fill("Stadtwerke Musterstadt\nSWM");
    await page.locator('textarea[name="taxIds"]').fill("DE129273398");
    await page.locator('[data-testid="company-form"] button[type="submit"]').click();
    await page.getByRole("status").waitFor();
    await page.screenshot({ path: path.join(SHOTS, "einvoice-my-company.png") });
    const saved = await page.evaluate(async () => (await (await fetch("/api/settings/company")).json()) as { company: { names: string[] } });
    expect(saved.company.names).toEqual(["Stadtwerke Musterstadt", "SWM"]);
  });
});

/**
 * The app's frame as a user meets it at 1366×768, in English and Japanese: the header stays one line (main links, team,
 * language, user menu), every settings page sits behind "Settings" with a keyboard-reachable left nav, an empty review
 * queue says so, a page beyond the role answers 403 with the localized "not allowed" page, and a viewer gets no
 * correction controls in the sheet or the document view. Screenshots: test-results/screenshots/frame-*.png.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serializePdf } from "@/lib/engine/pdf/serialize.test-helpers";
import type { SheetRow } from "@/lib/sheet/types";
import { launchBrowser } from "./support/browser";
import { startServer, type TestServer, tempDataDir } from "./support/server";

const SHOTS = path.resolve("test-results/screenshots");
const ADMIN = { email: "owner@example.com", password: "correct horse battery" };
const VIEWER = { email: "vera@example.com", password: "another long password" };
const LAPTOP = { width: 1366, height: 768 };

/** A born-digital one-page invoice (no OCR needed) whose vendor is doubtful, so it has values to review. */
function invoicePdf(): Buffer {
  const lines = ["INVOICE", "Invoice No: INV-7001", "Date: 2026-03-12", "Description Qty Amount", "Toner 1 450.00", "Total: 450.00"];
  const content = `BT /F1 18 Tf 72 740 Td 26 TL ${lines.map((l) => `(${l}) Tj T*`).join(" ")} ET`;
  return serializePdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ]);
}

describe("the app frame at 1366×768 in English and Japanese", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let admin: Page;
  let viewer: Page;
  let spaceId = "";
  let documentId = "";

  async function newPage(locale: "en" | "ja"): Promise<Page> {
    const ctx = await browser.newContext({ viewport: LAPTOP, locale: locale === "ja" ? "ja-JP" : "en-US" });
    contexts.push(ctx);
    return ctx.newPage();
  }
  /** Switch a page's language as a user does (the header's switch), and wait for the page in it. */
  async function speak(page: Page, lang: "en" | "ja") {
    if ((await page.locator("html").getAttribute("lang")) === lang) return;
    await page.getByTestId("language-switch").selectOption(lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }
  const headerHeight = async (page: Page) => (await page.locator("header").first().boundingBox())?.height ?? 0;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ migrated: true, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    browser = await launchBrowser();
    admin = await newPage("en");
    await admin.goto(`${server.url}/login`);
    await admin.locator('input[name="email"]').fill(ADMIN.email);
    await admin.locator('input[name="password"]').fill(ADMIN.password);
    await admin.locator('button[type="submit"]').click();
    await admin.waitForURL((u) => !u.pathname.startsWith("/login"));
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  it("an empty review queue says so instead of showing empty tables, in both languages", async () => {
    for (const lang of ["en", "ja"] as const) {
      await admin.goto(`${server.url}/review`);
      await speak(admin, lang);
      await admin.getByTestId("review-empty").waitFor();
      expect(await admin.getByTestId("review-documents").count()).toBe(0);
      expect(await admin.getByTestId("review-spaces").count()).toBe(0);
      await expect(admin.getByTestId("review-empty").textContent()).resolves.toContain(lang === "en" ? "Nothing to review." : "確認が必要な書類はありません。");
      await admin.screenshot({ path: path.join(SHOTS, `frame-review-empty-${lang}.png`) });
    }
    await speak(admin, "en");
  });

  it("the header is one line at 1366 px in both languages; settings sit behind one link with a grouped left nav", async () => {
    await admin.goto(`${server.url}/`);
    await admin.locator('input[name="name"]').fill("March invoices");
    await admin.locator('input[name="templateId"][value="invoice"]').check();
    await admin.getByRole("button", { name: "Create space" }).click();
    await admin.waitForURL(/\/spaces\/[^/]+$/);
    spaceId = new URL(admin.url()).pathname.split("/").pop() ?? "";
    for (const lang of ["en", "ja"] as const) {
      await admin.goto(`${server.url}/settings`);
      await speak(admin, lang);
      // one row of header: brand, three links, team, language, user menu (it wrapped to three lines with ~12 links)
      expect(await headerHeight(admin)).toBeLessThan(64);
      expect(await admin.locator("header nav[aria-label] a").count()).toBe(3);
      const nav = admin.getByTestId("settings-nav");
      const groups = await nav.locator("h2").allTextContents();
      expect(groups).toEqual(lang === "en" ? ["Team", "Integrations", "Data"] : ["チーム", "連携", "データ"]);
      expect(await nav.locator("li a").count()).toBe(10);
      await admin.screenshot({ path: path.join(SHOTS, `frame-settings-${lang}.png`) });
    }
    await speak(admin, "en");
  });

  it("the settings nav and the user menu work from the keyboard", async () => {
    await admin.goto(`${server.url}/settings`);
    const members = admin.getByTestId("settings-nav").getByRole("link", { name: "Members" });
    await members.focus();
    await admin.keyboard.press("Tab");
    await admin.keyboard.press("Enter");
    await admin.waitForURL(`${server.url}/settings/invitations`);
    await expect(admin.getByTestId("settings-nav").getByRole("link", { name: "Invitations" }).getAttribute("aria-current")).resolves.toBe("page");
    // the user menu: Enter opens it, Escape closes it and gives the focus back
    const summary = admin.getByTestId("user-menu").locator("summary");
    await summary.focus();
    await admin.keyboard.press("Enter");
    await admin.getByRole("button", { name: "Sign out" }).waitFor({ state: "visible" });
    await admin.keyboard.press("Escape");
    await admin.getByRole("button", { name: "Sign out" }).waitFor({ state: "hidden" });
    expect(await admin.evaluate(() => document.activeElement?.tagName)).toBe("SUMMARY");
  });

  it("a viewer joins by link; the admin drops an invoice", async () => {
    await admin.goto(`${server.url}/settings/invitations`);
    await admin.getByTestId("invite-role-select").selectOption("viewer");
    await admin.getByTestId("invite-create").click();
    await expect
      .poll(
        async () =>
          admin
            .getByTestId("invite-link")
            .inputValue()
            .catch(() => ""),
        { timeout: 15_000 },
      )
      .toMatch(/\/invite\//);
    const url = await admin.getByTestId("invite-link").inputValue();
    viewer = await newPage("ja");
    await viewer.goto(url);
    await viewer.locator('input[name="name"]').fill("Vera");
    await viewer.locator('input[name="email"]').fill(VIEWER.email);
    await viewer.locator('input[name="password"]').fill(VIEWER.password);
    await viewer.locator('input[name="confirm"]').fill(VIEWER.password);
    await viewer.getByTestId("invite-accept").click();
    await viewer.waitForURL((u) => u.pathname === "/");
    const dir = tempDataDir("vouch-frame-files");
    const file = path.join(dir, "march.pdf");
    fs.writeFileSync(file, invoicePdf());
    await admin.goto(`${server.url}/spaces/${spaceId}`);
    await admin.getByTestId("upload-input").setInputFiles([file]);
    const rows = async () => admin.evaluate(async (id) => ((await (await fetch(`/api/spaces/${id}/documents`)).json()) as { rows: SheetRow[] }).rows, spaceId);
    await expect.poll(async () => (await rows()).map((r) => r.status).join(","), { timeout: 240_000, interval: 500 }).toBe("done");
    documentId = (await rows())[0]?.documentId ?? "";
  });

  it("a settings page beyond the role answers 403 with the localized not-allowed page", async () => {
    for (const lang of ["ja", "en"] as const) {
      await viewer.goto(`${server.url}/`);
      await speak(viewer, lang);
      const res = await viewer.goto(`${server.url}/settings/members`);
      expect(res?.status()).toBe(403);
      await viewer.getByTestId("forbidden").waitFor();
      await expect(viewer.locator("h1").textContent()).resolves.toBe(lang === "en" ? "Not allowed" : "アクセスが許可されていません");
      await viewer.screenshot({ path: path.join(SHOTS, `frame-forbidden-${lang}.png`) });
    }
    // the viewer's settings nav lists only what the role opens
    await viewer.goto(`${server.url}/settings`);
    await expect(viewer.getByTestId("settings-nav").locator("li a").allTextContents()).resolves.toEqual(["Single sign-on", "My company", "Supplier memory"]);
  });

  it("a viewer sees values and reasons but no correction control, in the sheet and in the document view", async () => {
    await viewer.goto(`${server.url}/spaces/${spaceId}?view=review`);
    await viewer.getByTestId("review-queue").waitFor();
    if ((await viewer.getByTestId("queue-state").count()) > 0) {
      await viewer.getByTestId("queue-read-only").waitFor();
      expect(await viewer.locator("#review-queue-value").getAttribute("readonly")).not.toBeNull();
      expect(
        await viewer
          .getByTestId("review-queue")
          .getByRole("button", { name: /^Accept/ })
          .count(),
      ).toBe(0);
    }
    expect(await viewer.getByTestId("mark-reviewed").count()).toBe(0);
    await viewer.screenshot({ path: path.join(SHOTS, "frame-viewer-queue-en.png") });
    await viewer.goto(`${server.url}/spaces/${spaceId}/documents/${documentId}`);
    await viewer.getByTestId("document-view").waitFor();
    await viewer.getByTestId("read-only").waitFor();
    const inputs = viewer.getByTestId("form-value");
    expect(await inputs.count()).toBeGreaterThan(0);
    expect(await inputs.evaluateAll((els) => els.every((e) => (e as HTMLInputElement).readOnly))).toBe(true);
    expect(await viewer.getByRole("button", { name: "Mark reviewed" }).count()).toBe(0);
    await speak(viewer, "ja");
    await viewer.getByTestId("read-only").waitFor();
    await viewer.screenshot({ path: path.join(SHOTS, "frame-viewer-document-ja.png") });
  });
});

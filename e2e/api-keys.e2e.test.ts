import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser";
import { startServer, type TestServer } from "./support/server";

const SHOTS = path.resolve("test-results/screenshots");

describe("API keys in the web app, used over HTTP", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let key = "";

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ migrated: true, env: { ADMIN_EMAIL: "keys@example.com", ADMIN_PASSWORD: "s3cret-pass" } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill("keys@example.com");
    await page.getByLabel("Password").fill("s3cret-pass");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${server.url}/`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const amount = (k: string) => fetch(`${server.url}/amount`, { headers: { authorization: `Bearer ${k}` } });

  it("creates a key that is shown once and works at once", async () => {
    await page.goto(`${server.url}/settings/api-keys`);
    await page.getByLabel("Name").fill("browser test");
    await page.getByRole("button", { name: "Create key" }).click();
    key = (await page.getByTestId("new-api-key-value").textContent()) ?? "";
    expect(key).toMatch(/^vch_[0-9A-Za-z]{40}$/);
    await page.screenshot({ path: path.join(SHOTS, "api-key-created.png"), fullPage: true });
    expect((await amount(key)).status).toBe(200);
    await page.reload();
    expect(await page.getByTestId("new-api-key-value").count()).toBe(0);
    const table = (await page.getByTestId("api-keys-table").textContent()) ?? "";
    expect(table).toContain(`${key.slice(0, 12)}…`);
    expect(table).not.toContain(key);
    expect(table).not.toMatch(/Last used.*never.*active/s);
  });

  it("revokes the key: the API answers 403 from then on", async () => {
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: `Revoke ${key.slice(0, 12)}` }).click();
    // The page says "revoked" in its help text already: wait for this key's button to go,
    // which happens only once the revocation is stored and the list re-rendered.
    await page.getByRole("button", { name: `Revoke ${key.slice(0, 12)}` }).waitFor({ state: "detached" });
    expect((await amount(key)).status).toBe(403);
  });

  it("renders the API docs from the OpenAPI document", async () => {
    await page.goto(`${server.url}/docs`);
    await expect(page.getByRole("heading", { name: "Vouch API", level: 1 }).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId("template-invoice").textContent()).resolves.toContain("invoice_number");
    await page.screenshot({ path: path.join(SHOTS, "api-docs.png") });
  });
});

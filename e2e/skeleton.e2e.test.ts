import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser";
import { startServer, type TestServer } from "./support/server";

const SHOTS = path.resolve("test-results/screenshots");

describe("walking skeleton in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("sends a first visitor to the first-run admin setup", async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/setup$/);
    await expect(page.getByRole("heading", { name: "Welcome to Vouch" }).isVisible()).resolves.toBe(true);
  });

  it("explains mismatched passwords, then creates the admin and signs in", async () => {
    await page.getByLabel("Email").fill("admin@example.com");
    await page.getByLabel("Password (8 characters or more)").fill("s3cret-pass");
    await page.getByLabel("Repeat the password").fill("s3cret-pasS");
    await page.getByRole("button", { name: "Create admin and sign in" }).click();
    await expect(page.locator('form [role="alert"]').textContent()).resolves.toContain("The two passwords differ");
    await page.getByLabel("Password (8 characters or more)").fill("s3cret-pass");
    await page.getByLabel("Repeat the password").fill("s3cret-pass");
    await page.getByRole("button", { name: "Create admin and sign in" }).click();
    await page.waitForURL(`${server.url}/`);
    await expect(page.getByTestId("current-user").textContent()).resolves.toContain("admin@example.com · admin");
    await expect(page.getByTestId("empty-spaces").isVisible()).resolves.toBe(true);
  });

  it("refuses an empty space name, then creates an invoice space", async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole("radio", { name: "Invoice" }).check();
    await page.getByRole("button", { name: "Create space" }).click();
    await expect(page.locator('form [role="alert"]').textContent()).resolves.toContain("Give the space a name");
    await page.getByLabel("Name", { exact: true }).fill("Supplier invoices");
    await page.getByRole("button", { name: "Create space" }).click();
    await page.waitForURL(/\/spaces\/[0-9a-f-]{36}$/);
    await page.goto(`${server.url}/`);
    await expect(page.getByTestId("spaces-table").textContent()).resolves.toContain("Supplier invoices");
    await page.screenshot({ path: path.join(SHOTS, "home-spaces.png"), fullPage: true });
  });

  it("refuses a duplicate email when the admin adds a user", async () => {
    await page.goto(`${server.url}/settings/users`);
    const form = page.getByRole("form", { name: "Add a user" });
    await form.getByLabel("Email").fill("admin@example.com");
    await form.getByLabel("Initial password").fill("another-pass");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.locator('[role="alert"]').textContent()).resolves.toContain("already exists");
    await form.getByLabel("Email").fill("reviewer@example.com");
    await form.getByLabel("Initial password").fill("another-pass");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.locator('[role="status"]').textContent()).resolves.toContain("Added reviewer@example.com as reviewer");
  });

  it("signs out, refuses a wrong password without a stack trace, and signs in again", async () => {
    await page.goto(`${server.url}/`);
    // sign-out sits in the user menu (the header keeps the main links, team, language and that menu)
    await page.getByTestId("user-menu").locator("summary").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/login/);
    await page.getByLabel("Email").fill("admin@example.com");
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator('form [role="alert"]').textContent()).resolves.toBe("Wrong email or password.");
    const body = await page.content();
    expect(body).not.toMatch(/at \w+ \(.*:\d+:\d+\)/);
    await page.screenshot({ path: path.join(SHOTS, "login-error.png") });
    await page.getByLabel("Password").fill("s3cret-pass");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${server.url}/`);
    await expect(page.getByTestId("spaces-table").textContent()).resolves.toContain("Supplier invoices");
  });

  it("keeps the data after a restart (PGlite on disk)", async () => {
    await server.stop();
    server = await startServer({ dataDir: server.dataDir, port: server.port });
    await page.goto(`${server.url}/`);
    // The session cookie survives too: same AUTH_SECRET, user still exists.
    await expect(page.getByTestId("spaces-table").textContent()).resolves.toContain("Supplier invoices");
  });
});

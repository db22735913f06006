/**
 * Single sign-on in the browser: Acme's admin lets users from acme.test join as reviewers
 * (Settings → Single sign-on); then "Sign in with Acme ID" on the login page, the local OpenID
 * Connect provider's own sign-in page (e2e/support/oidc.ts), back in the app as a new member of
 * the team that claimed the address's domain — seeing that team's spaces and not another's. An
 * address no team claimed is refused with the reason in words, and no account is made.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDriver } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { parseEnv } from "@/lib/env";
import { createInvitation } from "@/lib/services/invitations/create";
import { createSpace } from "@/lib/services/spaces/create";
import { createUser } from "@/lib/services/users/create";
import { launchBrowser } from "./support/browser";
import { startOidcProvider, type TestOidcProvider } from "./support/oidc";
import { copyMigratedPglite } from "./support/databases";
import { freePort, startServer, type TestServer, tempDataDir } from "./support/server";

const SHOTS = path.resolve("test-results/screenshots");

describe("single sign-on through a local OIDC provider, in the browser", () => {
  let server: TestServer;
  let idp: TestOidcProvider;
  let browser: Browser;
  let inviteToken: string;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const dataDir = tempDataDir("vouch-sso-e2e");
    copyMigratedPglite(dataDir);
    const env = parseEnv({ NODE_ENV: "test", DATA_DIR: dataDir });
    const db = await prepareDatabase(env);
    const acme = await createUser({ db, input: { email: "admin@acme.test", password: "s3cret-pass", role: "admin", teamName: "Acme" } });
    const beta = await createUser({ db, input: { email: "owner@beta.test", password: "s3cret-pass", teamName: "Beta" } });
    await createSpace({ db, userId: acme.id, input: { name: "Acme invoices", templateId: "invoice", teamId: acme.teamId } });
    await createSpace({ db, userId: beta.id, input: { name: "Beta receipts", templateId: "receipt", teamId: beta.teamId } });
    inviteToken = (await createInvitation({ db, userId: beta.id, input: { teamId: beta.teamId, role: "viewer" } })).token;
    await closeDriver(env);
    const port = await freePort();
    idp = await startOidcProvider({
      appUrl: `http://localhost:${port}`,
      accounts: {
        carol: { email: "carol@acme.test", email_verified: true, name: "Carol" },
        dora: { email: "dora@acme.test", email_verified: true, name: "Dora" },
        erin: { email: "erin@gamma.test", email_verified: true, name: "Erin" },
        finn: { email: "finn@gamma.test", email_verified: true, name: "Finn" },
      },
    });
    server = await startServer({ port, dataDir, env: idp.env("Acme ID") });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await idp?.stop();
  });

  /** From the app's login page through the provider's sign-in page; resolves once back in the app. */
  async function signInThroughProvider(page: Page, login: string) {
    await page.goto(`${server.url}/login`);
    await page.getByRole("button", { name: "Sign in with Acme ID", exact: true }).click();
    await page.waitForURL((u) => u.origin === idp.issuer);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.waitForURL((u) => u.origin === server.url && !u.pathname.startsWith("/api/auth"));
  }

  it("the team's admin lets users from a domain join with a role", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill("admin@acme.test");
    await page.getByLabel("Password").fill("s3cret-pass");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(`${server.url}/`);
    // every settings page sits behind the header's "Settings" and its left nav
    await page.getByTestId("nav-settings").click();
    await page.waitForURL(`${server.url}/settings`);
    await page.getByTestId("settings-nav").getByRole("link", { name: "Single sign-on" }).click();
    await page.waitForURL(`${server.url}/settings/sso`);
    // the page names the redirect URI to register at the provider
    await expect(page.locator("code").textContent()).resolves.toBe(`${server.url}/api/auth/callback/oidc`);
    await page.getByLabel("Users from").fill("ACME.test");
    await page.getByLabel("join as").selectOption("reviewer");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "acme.test" }).waitFor();
    const rows = page.getByRole("table", { name: "Domains" });
    await expect(rows.textContent()).resolves.toContain("acme.testreviewer");
    await page.screenshot({ path: path.join(SHOTS, "sso-settings.png"), fullPage: true });
    await page.close();
  });

  it("a new person from a claimed domain lands in that team, seeing its spaces only", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/login`);
    // passwords stay beside SSO
    await expect(page.getByLabel("Password").isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "sso-login.png") });
    await signInThroughProvider(page, "carol");
    expect(new URL(page.url()).pathname).toBe("/");
    await expect(page.getByTestId("current-user").textContent()).resolves.toContain("carol@acme.test");
    await page.getByText("Acme invoices").waitFor();
    expect(await page.getByText("Beta receipts").count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, "sso-landed.png") });
    await page.close();
  });

  it("signing in as someone else from a signed-in browser signs in that person, not a link to the first", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInThroughProvider(page, "carol");
    await expect(page.getByTestId("current-user").textContent()).resolves.toContain("carol@acme.test");
    // the provider forgets carol (its own cookies only); the app still has her session
    await context.clearCookies({ domain: new URL(idp.issuer).hostname });
    await signInThroughProvider(page, "dora");
    expect(new URL(page.url()).pathname).toBe("/");
    await expect(page.getByTestId("current-user").textContent()).resolves.toContain("dora@acme.test");
    await context.close();
  });

  it("a person from a domain no team claimed joins through an invite link's SSO button, into the invite's team", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/invite/${inviteToken}`);
    await page.getByRole("button", { name: "Sign in with Acme ID", exact: true }).click();
    await page.waitForURL((u) => u.origin === idp.issuer);
    await page.locator('input[name="login"]').fill("finn");
    await page.locator('input[name="password"]').fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.waitForURL((u) => u.origin === server.url && !u.pathname.startsWith("/api/auth"));
    await page.goto(`${server.url}/`);
    await expect(page.getByTestId("current-user").textContent()).resolves.toContain("finn@gamma.test");
    await page.getByText("Beta receipts").waitFor();
    expect(await page.getByText("Acme invoices").count()).toBe(0);
    // the link is spent
    await page.goto(`${server.url}/invite/${inviteToken}`);
    await page.getByTestId("invite-unusable").waitFor();
    await page.close();
  });

  it("a person from a domain no team claimed is told why, and stays signed out", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInThroughProvider(page, "erin");
    expect(new URL(page.url()).pathname).toBe("/login/denied");
    // (Next's route announcer is an alert too: take the page's own)
    await expect(page.locator("main [role=alert]").textContent()).resolves.toContain("Your organisation has not enabled access to Vouch for erin@gamma.test");
    await page.screenshot({ path: path.join(SHOTS, "sso-denied.png") });
    await page.goto(`${server.url}/`);
    await page.waitForURL((u) => u.pathname === "/login");
    await page.close();
  });
});

/**
 * Team work in a real browser (issue 14): an admin invites an uploader and two reviewers by link; the uploader
 * drops two invoices; each reviewer signs up through their link, sees the uploader's documents in the team
 * queue and is served a different one (the first's claim keeps it from the second); a reviewer corrects a
 * value; the admin's audit log shows the upload and the correction with who, when and from where. Finally the
 * admin deactivates a reviewer, whose open session ends at once.
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
const PASSWORD = "another long password";

/** A born-digital one-page invoice without a sender line: its vendor is doubtful, so it waits for review. */
function invoicePdf(number: string, total: string): Buffer {
  const lines = ["INVOICE", `Invoice No: ${number}`, "Date: 2026-03-12", "Description Qty Amount", `Toner 1 ${total}`, `Total: ${total}`];
  const content = `BT /F1 18 Tf 72 740 Td 26 TL ${lines.map((l) => `(${l}) Tj T*`).join(" ")} ET`;
  return serializePdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ]);
}

describe("team work: invitations, the team queue with claims, the audit log", () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let admin: Page;
  let spaceId = "";
  let files: string[] = [];
  const links: Record<string, string> = {};
  const served: Record<string, string> = {};

  async function newPage(): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    contexts.push(ctx);
    return ctx.newPage();
  }

  /** Open an invite link and create the account; the invitee lands signed in. */
  async function join(link: string, email: string, name: string): Promise<Page> {
    const page = await newPage();
    await page.goto(link);
    await page.locator('[data-testid="invite"]').waitFor();
    await page.locator('input[name="name"]').fill(name);
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('input[name="confirm"]').fill(PASSWORD);
    await page.locator('[data-testid="invite-accept"]').click();
    await page.waitForURL((u) => u.pathname === "/");
    await expect(page.locator('[data-testid="current-user"]').textContent()).resolves.toContain(email);
    return page;
  }

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const dir = tempDataDir("vouch-teamflow-files");
    files = [path.join(dir, "march-a.pdf"), path.join(dir, "march-b.pdf")];
    fs.writeFileSync(files[0] as string, invoicePdf("INV-5001", "450.00"));
    fs.writeFileSync(files[1] as string, invoicePdf("INV-5002", "99.00"));
    server = await startServer({ migrated: true, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    browser = await launchBrowser();
    admin = await newPage();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  it("the admin creates a space and an invite link per person (uploader, two reviewers)", async () => {
    await admin.goto(`${server.url}/login`);
    await admin.locator('input[name="email"]').fill(ADMIN.email);
    await admin.locator('input[name="password"]').fill(ADMIN.password);
    await admin.locator('button[type="submit"]').click();
    await admin.waitForURL((u) => !u.pathname.startsWith("/login"));
    await admin.locator('input[name="name"]').fill("March invoices");
    await admin.locator('input[name="templateId"][value="invoice"]').check();
    await admin.getByRole("button", { name: "Create space" }).click();
    await admin.waitForURL(/\/spaces\/[^/]+$/);
    spaceId = new URL(admin.url()).pathname.split("/").pop() ?? "";
    await admin.goto(`${server.url}/settings/invitations`);
    for (const [who, role] of [
      ["uploader", "uploader"],
      ["ann", "reviewer"],
      ["bob", "reviewer"],
    ] as const) {
      const before = await admin
        .locator('[data-testid="invite-link"]')
        .inputValue()
        .catch(() => "");
      await admin.locator('[data-testid="invite-role-select"]').selectOption(role);
      await admin.locator('[data-testid="invite-create"]').click();
      await expect
        .poll(
          async () =>
            admin
              .locator('[data-testid="invite-link"]')
              .inputValue()
              .catch(() => ""),
          { timeout: 15_000 },
        )
        .not.toBe(before);
      links[who] = await admin.locator('[data-testid="invite-link"]').inputValue();
      expect(links[who]).toMatch(new RegExp(`^${server.url.replace(/[.:/]/g, "\\$&")}/invite/inv_[A-Za-z0-9]{32}$`));
    }
    await admin.screenshot({ path: path.join(SHOTS, "team-members-invite.png") });
  });

  it("the uploader joins by link and drops two invoices into the team's space", async () => {
    const up = await join(links.uploader as string, "upton@example.com", "Upton");
    await up.goto(`${server.url}/spaces/${spaceId}`);
    await up.locator('[data-testid="upload-input"]').setInputFiles(files);
    const rows = async () => up.evaluate(async (id) => ((await (await fetch(`/api/spaces/${id}/documents`)).json()) as { rows: SheetRow[] }).rows, spaceId);
    await expect.poll(async () => (await rows()).map((r) => r.status).join(","), { timeout: 240_000, interval: 500 }).toBe("done,done");
    // the link was single use
    const again = await newPage();
    await again.goto(links.uploader as string);
    await again.locator('[data-testid="invite-unusable"]').waitFor();
  });

  it("each reviewer joins, sees the uploader's documents in the team queue and is served a different one", async () => {
    const ann = await join(links.ann as string, "ann@example.com", "Ann");
    await ann.goto(`${server.url}/review`);
    await expect.poll(async () => ann.locator('[data-testid="review-document"]').count(), { timeout: 15_000 }).toBe(2);
    await expect(ann.locator('[data-testid="review-documents"]').textContent()).resolves.toMatch(/march-a\.pdf[\s\S]*|march-b\.pdf/);
    await ann.locator('[data-testid="review-next"]').click();
    await ann.waitForURL(/\/documents\/[^/?]+\?walk=queue$/);
    served.ann = (await ann.locator('[data-testid="document-view"]').getAttribute("data-document-id")) ?? "";
    await ann.locator('[data-testid="document-view"][data-claim="mine"]').waitFor();

    const bob = await join(links.bob as string, "bob@example.com", "Bob");
    await bob.goto(`${server.url}/review`);
    // Bob sees who holds Ann's document
    await expect
      .poll(async () => bob.locator(`[data-testid="review-document"][data-document-id="${served.ann}"]`).getAttribute("data-holder"))
      .toBe("ann@example.com");
    await bob.screenshot({ path: path.join(SHOTS, "team-review-queue-claimed.png") });
    await bob.locator('[data-testid="review-next"]').click();
    await bob.waitForURL(/\/documents\/[^/?]+\?walk=queue$/);
    served.bob = (await bob.locator('[data-testid="document-view"]').getAttribute("data-document-id")) ?? "";
    expect(served.bob).not.toBe("");
    expect(served.bob).not.toBe(served.ann);
    // opening Ann's document anyway says who holds it
    await bob.goto(`${server.url}/spaces/${spaceId}/documents/${served.ann}?walk=queue`);
    await expect(bob.locator('[data-testid="claim-holder"]').textContent()).resolves.toContain("ann@example.com");

    // Ann corrects the vendor: typing replaces the selected text, Enter saves
    await ann.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "form-value");
    // (the engine took the table header for the sender: the reviewer replaces it)
    await ann.locator('[data-testid="form-value"][data-path="vendor"]').click();
    await ann.locator('[data-testid="form-value"][data-path="vendor"]').selectText();
    await ann.keyboard.type("Northwind Supplies Ltd");
    await ann.keyboard.press("Enter");
    const vendor = async () =>
      ann.evaluate(
        async ([space, doc]) =>
          ((await (await fetch(`/api/spaces/${space}/documents`)).json()) as { rows: SheetRow[] }).rows.find((r) => r.documentId === doc)?.cells.vendor?.value,
        [spaceId, served.ann],
      );
    await expect.poll(vendor, { timeout: 15_000 }).toBe("Northwind Supplies Ltd");
    await ann.screenshot({ path: path.join(SHOTS, "team-document-claimed.png") });
  });

  it("the admin's audit log shows the upload and the correction: who, what, from where", async () => {
    await admin.goto(`${server.url}/settings/audit`);
    const rows = admin.locator('[data-testid="audit-row"]');
    const text = async (action: string) => (await rows.filter({ has: admin.locator(`td[title="${action}"]`) }).allTextContents()).join("\n");
    await expect(text("document.uploaded")).resolves.toMatch(/upton@example\.com[\s\S]*uploaded a document[\s\S]*March invoices[\s\S]*march-a\.pdf/);
    const corrected = await text("value.corrected");
    expect(corrected).toMatch(/ann@example\.com[\s\S]*corrected a value/);
    expect(corrected).toContain("path=vendor");
    expect(corrected).toContain("new=Northwind Supplies Ltd");
    expect(corrected).toMatch(/127\.0\.0\.1/);
    expect(corrected).toMatch(/req_[A-Za-z0-9]{16}/);
    expect((await text("member.joined")).match(/joined the team/g)?.length).toBe(3);
    // filtered to corrections: only Ann's
    await admin.goto(`${server.url}/settings/audit?action=value.corrected`);
    await expect(admin.locator('[data-testid="audit-count"]').textContent()).resolves.toMatch(/^1 entry/);
    await admin.screenshot({ path: path.join(SHOTS, "team-audit-log.png"), fullPage: true });
    // and the CSV carries both
    const csv = await admin.evaluate(async () => (await fetch("/api/audit")).text());
    expect(csv).toMatch(/ann@example\.com[^\n]*value\.corrected/);
    expect(csv).toMatch(/upton@example\.com[^\n]*document\.uploaded/);
  });

  it("deactivating a reviewer ends their session at once", async () => {
    const bob = contexts[contexts.length - 1]?.pages()[0] as Page;
    expect(await bob.evaluate(async (id) => (await fetch(`/api/spaces/${id}/documents`)).status, spaceId)).toBe(200);
    await admin.goto(`${server.url}/settings/members`);
    await admin.getByRole("button", { name: "Deactivate bob@example.com" }).click();
    await expect
      .poll(async () => admin.locator('[data-testid="member"][data-email="bob@example.com"]').getAttribute("data-active"), { timeout: 15_000 })
      .toBe("no");
    expect(await bob.evaluate(async (id) => (await fetch(`/api/spaces/${id}/documents`)).status, spaceId)).toBe(401);
    await bob.goto(`${server.url}/review`);
    await bob.waitForURL((u) => u.pathname === "/login");
  });
});

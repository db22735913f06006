import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { startServer, type TestServer, tempDataDir } from "@/e2e/support/server";
import { signInCookie } from "@/e2e/support/session";
import { closeDriver } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { parseEnv } from "@/lib/env";
import { invoicePng, textPdf, waitFor } from "@/lib/jobs/test-helpers";
import type { SheetRow } from "@/lib/sheet/types";
import { createSpace } from "@/lib/services/spaces/create";
import { createUser } from "@/lib/services/users/create";

const EMAIL = "clerk@example.com";
const PASSWORD = "correct horse battery";

/** Sign in as the test clerk; returns the Cookie header to send. */
const signIn = (base: string) => signInCookie(base, EMAIL, PASSWORD);

describe.each(testDatabaseKinds())("upload over HTTP on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let cookie: string;
  let spaceId: string;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { migrated: true });
    const dataDir = tempDataDir("vouch-upload");
    // Seed the user and a space before the server opens the (single-process) database.
    const env = parseEnv({ NODE_ENV: "test", ...tdb.env(dataDir) });
    const db = await prepareDatabase(env);
    const user = await createUser({ db, input: { email: EMAIL, password: PASSWORD } });
    spaceId = (await createSpace({ db, userId: user.id, input: { name: "Invoices", templateId: "invoice" } })).id;
    await closeDriver(env);
    server = await startServer({ dataDir, env: tdb.env(dataDir) });
    cookie = await signIn(server.url);
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.cleanup();
  });

  const upload = (form: FormData, withCookie = true) =>
    fetch(`${server.url}/api/spaces/${spaceId}/documents`, {
      method: "POST",
      body: form,
      headers: withCookie ? { cookie } : {},
    });
  const rows = async () => {
    const res = await fetch(`${server.url}/api/spaces/${spaceId}/documents`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { rows: SheetRow[] }).rows;
  };

  it("accepts page images, extracts in the background, serves the rows and the page image", async () => {
    const png = await invoicePng();
    const form = new FormData();
    form.append("fileName", "invoice.png");
    form.append("page", new Blob([new Uint8Array(png)], { type: "image/png" }), "page-001.png");
    const res = await upload(form);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { documentId: string; status: string; duplicateOf?: string };
    expect(body.status).toBe("queued");
    expect(body.duplicateOf).toBeUndefined();

    const row = await waitFor(async () => {
      const r = (await rows()).find((x) => x.documentId === body.documentId);
      return r && (r.status === "done" || r.status === "failed") ? r : null;
    });
    expect(row.status).toBe("done");
    expect(row.fileName).toBe("invoice.png");
    expect(row.pages).toHaveLength(1);
    expect(row.cells.invoice_number?.value ?? "").toContain("INV-2049");
    const img = await fetch(`${server.url}${row.pages[0]?.imageUrl}`, { headers: { cookie } });
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await img.arrayBuffer()).equals(png)).toBe(true);

    // The same bytes again: flagged, not re-processed.
    const again = new FormData();
    again.append("page", new Blob([new Uint8Array(png)], { type: "image/png" }), "copy.png");
    const dup = await upload(again);
    expect(dup.status).toBe(201);
    const dupBody = (await dup.json()) as { documentId: string; duplicateOf?: string };
    expect(dupBody.duplicateOf).toBe(body.documentId);

    const status = await fetch(`${server.url}/api/documents/${body.documentId}`, { headers: { cookie } });
    const doc = (await status.json()) as { document: { status: string; job: { status: string; attempts: number } } };
    expect(doc.document.job).toMatchObject({ status: "completed", attempts: 1 });

    // A finished document is not retried without force; with it, it is extracted again.
    const retry = (id: string, q = "") => fetch(`${server.url}/api/documents/${id}/retry${q}`, { method: "POST", headers: { cookie } });
    const refused = await retry(body.documentId);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/only a failed document/);
    expect((await retry(body.documentId, "?force=1")).status).toBe(202);
    await waitFor(async () => (await rows()).find((x) => x.documentId === body.documentId)?.status === "done");
    expect((await retry("no-such-document")).status).toBe(404);

    // Deleting the original leaves the duplicate whole, page image included.
    const del = await fetch(`${server.url}/api/documents/${body.documentId}`, { method: "DELETE", headers: { cookie } });
    expect(await del.json()).toEqual({ deleted: [body.documentId] });
    expect((await fetch(`${server.url}/api/documents/${body.documentId}`, { headers: { cookie } })).status).toBe(404);
    const kept = (await rows()).find((x) => x.documentId === dupBody.documentId);
    expect(kept?.status).toBe("done");
    expect(kept?.cells.invoice_number?.value ?? "").toContain("INV-2049");
    const keptImg = await fetch(`${server.url}${kept?.pages[0]?.imageUrl}`, { headers: { cookie } });
    expect(Buffer.from(await keptImg.arrayBuffer()).equals(png)).toBe(true);
  });

  it("rasterizes a PDF sent alone and keeps it", async () => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(textPdf(["INVOICE", "Invoice No: PDF-314", "Total: 99.00"]))], { type: "application/pdf" }), "scan.pdf");
    const res = await upload(form);
    expect(res.status).toBe(201);
    const { documentId } = (await res.json()) as { documentId: string };
    const row = await waitFor(async () => {
      const r = (await rows()).find((x) => x.documentId === documentId);
      return r && (r.status === "done" || r.status === "failed") ? r : null;
    });
    expect(row.status).toBe("done");
    expect(row.fileName).toBe("scan.pdf");
    expect(row.pages).toHaveLength(1);
  });

  it("answers errors in the envelope: 401, 400, 415, 422, 404", async () => {
    const png = await invoicePng({ number: "X-1" });
    const ok = new FormData();
    ok.append("page", new Blob([new Uint8Array(png)], { type: "image/png" }), "p.png");
    const noAuth = await upload(ok, false);
    expect(noAuth.status).toBe(401);
    const env = (await noAuth.json()) as { error: { code: string; requestId: string; retryable: boolean } };
    expect(env.error).toMatchObject({ code: "unauthorized", retryable: false });
    expect(env.error.requestId).toMatch(/^req_/);

    const empty = new FormData();
    empty.append("fileName", "nothing");
    expect((await upload(empty)).status).toBe(400);

    const text = new FormData();
    text.append("page", new Blob(["hello, not an image"], { type: "text/plain" }), "a.txt");
    const t = await upload(text);
    expect(t.status).toBe(415);
    expect(((await t.json()) as { error: { code: string } }).error.code).toBe("unsupported_media_type");

    const broken = new FormData();
    broken.append("page", new Blob([new Uint8Array(png.subarray(0, 200))], { type: "image/png" }), "broken.png");
    const b = await upload(broken);
    expect(b.status).toBe(422);

    const badLayer = new FormData();
    badLayer.append("page", new Blob([new Uint8Array(png)], { type: "image/png" }), "p.png");
    badLayer.append("textLayer", "[1,2]");
    expect((await upload(badLayer)).status).toBe(400);

    const other = await fetch(`${server.url}/api/spaces/not-a-space/documents`, { method: "POST", body: ok, headers: { cookie } });
    expect(other.status).toBe(404);
  });
});

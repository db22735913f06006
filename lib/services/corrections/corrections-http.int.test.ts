import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { startServer, type TestServer, tempDataDir } from "@/e2e/support/server";
import { closeDriver } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { documents, extractions, pages } from "@/lib/db/schema";
import { parseEnv } from "@/lib/env";
import { result, schema } from "@/lib/sheet/fixtures.test-helpers";
import { createSpace } from "@/lib/services/spaces/create";
import { createUser } from "@/lib/services/users/create";
import { signInCookie } from "@/e2e/support/session";

const PASSWORD = "correct horse battery";

describe.each(testDatabaseKinds())("corrections and export over HTTP on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let cookie: string;
  let otherCookie: string;
  let spaceId: string;
  let docId: string;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { migrated: true });
    const dataDir = tempDataDir("vouch-corrections-http");
    // Seed before the server opens the (single-process) database.
    const env = parseEnv({ NODE_ENV: "test", ...tdb.env(dataDir) });
    const db = await prepareDatabase(env);
    const user = await createUser({ db, input: { email: "clerk@example.com", password: PASSWORD } });
    await createUser({ db, input: { email: "other@example.com", password: PASSWORD } });
    spaceId = (await createSpace({ db, userId: user.id, input: { name: "Säfte & Co", fields: schema.fields } })).id;
    const [doc] = await db
      .insert(documents)
      .values({ spaceId, fileName: "inv.pdf", mimeType: "application/pdf", sha256: "x", status: "done", pageCount: 1 })
      .returning();
    docId = doc?.id ?? "";
    await db.insert(pages).values({ documentId: docId, index: 0, width: 1240, height: 1754, imageKey: "documents/x/page-0.png" });
    await db.insert(extractions).values({ documentId: docId, engineVersion: "t", extractor: "rules", result: result() });
    await closeDriver(env);
    server = await startServer({ dataDir, env: tdb.env(dataDir) });
    cookie = await signInCookie(server.url, "clerk@example.com", PASSWORD);
    otherCookie = await signInCookie(server.url, "other@example.com", PASSWORD);
  });
  afterAll(async () => {
    await server?.stop();
    await tdb?.cleanup();
  });

  const post = (path: string, body: unknown, c = cookie) =>
    fetch(`${server.url}${path}`, { method: "POST", headers: { cookie: c, "content-type": "application/json" }, body: JSON.stringify(body) });

  it("stores a correction and returns it; validates; checks the session and the owner", async () => {
    const url = `/api/documents/${docId}/corrections`;
    const ok = await post(url, { path: "total", kind: "edit", newValue: "=SUM(A1)" });
    expect(ok.status).toBe(201);
    const { correction, row } = (await ok.json()) as {
      correction: { oldValue: string; newValue: string; userEmail: string };
      row: { documentId: string; cells: Record<string, { value: string | null; state: string }>; pages: unknown[] };
    };
    expect(correction).toMatchObject({ oldValue: "-1.234,56", newValue: "=SUM(A1)", userEmail: "clerk@example.com" });
    // the updated row comes back with it (the grid applies it without a second request)
    expect(row.documentId).toBe(docId);
    expect(row.cells.total?.value).toBe("=SUM(A1)");
    expect(row.pages.length).toBeGreaterThan(0);

    const bad = await post(url, { path: "total", kind: "edit" });
    expect(bad.status).toBe(400);
    const env = (await bad.json()) as { error: { code: string; requestId: string; retryable: boolean } };
    expect(env.error).toMatchObject({ code: "invalid_request", retryable: false });
    expect(env.error.requestId).toMatch(/^req_/);
    expect((await post(url, { path: "nope", kind: "accept" })).status).toBe(400);
    // another team's existing document: 403 (docs/api.md); an unknown id: 404
    expect((await post(url, { path: "total", kind: "accept" }, otherCookie)).status).toBe(403);
    expect((await post("/api/documents/00000000-0000-4000-8000-000000000000/corrections", { path: "total", kind: "accept" })).status).toBe(404);
    expect((await post(url, { path: "total", kind: "accept" }, "")).status).toBe(401);

    const history = await fetch(`${server.url}${url}?path=total`, { headers: { cookie } });
    expect(((await history.json()) as { corrections: unknown[] }).corrections).toHaveLength(1);
  });

  it("proposes nothing under a box on a page without OCR, and 404s other pages", async () => {
    const res = await post(`/api/documents/${docId}/corrections/proposal`, { page: 0, box: { xmin: 1, ymin: 1, xmax: 50, ymax: 50 } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ text: "", hasOcr: false });
    expect((await post(`/api/documents/${docId}/corrections/proposal`, { page: 3, box: { xmin: 1, ymin: 1, xmax: 5, ymax: 5 } })).status).toBe(404);
  });

  it("downloads CSV (BOM, unfolded lines, corrected, neutralized) and XLSX", async () => {
    const csvRes = await fetch(`${server.url}/api/spaces/${spaceId}/export?format=csv&lines=1`, { headers: { cookie } });
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get("content-disposition")).toBe('attachment; filename="Safte-Co-lines.csv"');
    const bytes = new Uint8Array(await csvRes.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split("\r\n");
    // TextDecoder consumes the BOM (checked on the bytes above)
    expect(lines[0]).toBe("file_name,invoice_no,invoice_date,vendor,subtotal,total,note,line,line_items.description,line_items.amount");
    expect(lines[1]).toContain(",'=SUM(A1),,1,");
    expect(lines[2]).toContain(",'=SUM(A1),,2,");
    const orig = await fetch(`${server.url}/api/spaces/${spaceId}/export?format=csv&version=original&bom=0`, { headers: { cookie } });
    const text = await orig.text();
    expect(text.startsWith("file_name,")).toBe(true);
    expect(text).toContain(`"-1.234,56"`);

    const x = await fetch(`${server.url}/api/spaces/${spaceId}/export?format=xlsx`, { headers: { cookie } });
    expect(x.headers.get("content-type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await x.arrayBuffer());
    expect(wb.worksheets[0]?.getRow(2).getCell(5).value).toBe(12430);
    expect(wb.worksheets[0]?.getRow(2).getCell(6).value).toBe("=SUM(A1)");

    expect((await fetch(`${server.url}/api/spaces/${spaceId}/export?format=pdf`, { headers: { cookie } })).status).toBe(400);
    expect((await fetch(`${server.url}/api/spaces/${spaceId}/export`, { headers: { cookie: otherCookie } })).status).toBe(403);
  });
  it("downloads an accounting preset with the space's settings, leaving unreviewed doubts out unless asked", async () => {
    const base = `${server.url}/api/spaces/${spaceId}`;
    const put = (body: unknown, c = cookie) =>
      fetch(`${base}/export-settings`, { method: "PUT", headers: { cookie: c, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await put({ defaults: { account: "4980" }, datev: { consultant: "29098", client: "55003" } })).status).toBe(200);
    expect((await put({ datev: { consultant: "x" } })).status).toBe(400);
    expect((await put({}, otherCookie)).status).toBe(403);
    const got = (await (await fetch(`${base}/export-settings`, { headers: { cookie } })).json()) as { settings: { defaults: { account: string } } };
    expect(got.settings.defaults.account).toBe("4980");

    // The fixture's document still has values to review: left out by default, with the reason.
    const strict = await fetch(`${base}/export?preset=datev`, { headers: { cookie } });
    expect(strict.status).toBe(200);
    expect(strict.headers.get("content-type")).toBe("text/csv; charset=windows-1252");
    expect(strict.headers.get("content-disposition")).toBe('attachment; filename="EXTF_Buchungsstapel_Safte-Co.csv"');
    expect(strict.headers.get("x-vouch-excluded")).toBe("1");
    expect(JSON.parse(decodeURIComponent(strict.headers.get("x-vouch-excluded-files") ?? "[]"))[0].reason).toMatch(/still to review/);
    const head = new TextDecoder("windows-1252").decode(await strict.arrayBuffer()).split("\r\n");
    expect(head[0]).toMatch(/^"EXTF";700;21;"Buchungsstapel";13;\d{17};;"RE";"";"";29098;55003;/);
    expect(head).toHaveLength(3);

    const all = await fetch(`${base}/export?preset=quickbooks&includeDoubtful=1`, { headers: { cookie } });
    expect(all.headers.get("x-vouch-exported")).toBe("0"); // the corrected total "=SUM(A1)" is no number: still nothing to book
    expect((await fetch(`${base}/export?preset=nope`, { headers: { cookie } })).status).toBe(400);
    expect((await fetch(`${base}/export?preset=freee`, { headers: { cookie: otherCookie } })).status).toBe(403);
  });

  it("neutralizes a formula hidden behind a leading line break or written with the full-width ＝ (probe finding 9)", async () => {
    const url = `/api/documents/${docId}/corrections`;
    expect((await post(url, { path: "note", kind: "edit", newValue: "\n=1+2" })).status).toBe(201);
    expect((await post(url, { path: "vendor", kind: "edit", newValue: "＝SUM(A1)" })).status).toBe(201);
    const text = await (await fetch(`${server.url}/api/spaces/${spaceId}/export?format=csv&bom=0`, { headers: { cookie } })).text();
    expect(text).toContain(`,'＝SUM(A1),`);
    expect(text).toContain(`"'\n=1+2"`);
    expect(text).not.toMatch(/,＝SUM|"\n=1/);
  });

  it("reads the sheet rows through one GET: a window with the total, or what changed since", async () => {
    const base = `${server.url}/api/spaces/${spaceId}/documents`;
    const first = (await (await fetch(`${base}?offset=0&limit=1`, { headers: { cookie } })).json()) as { rows: Array<{ documentId: string }>; total: number };
    expect(first.rows.map((r) => r.documentId)).toEqual([docId]);
    expect(first.total).toBe(1);
    const past = (await (await fetch(`${base}?offset=1&limit=1`, { headers: { cookie } })).json()) as { rows: unknown[]; total: number };
    expect(past).toMatchObject({ rows: [], total: 1 });
    const later = new Date(Date.now() + 60_000).toISOString();
    const since = (await (await fetch(`${base}?since=${later}&include=${docId}`, { headers: { cookie } })).json()) as { rows: unknown[] };
    expect(since.rows).toHaveLength(1);
    expect((await fetch(`${base}?offset=0&limit=1`, { headers: { cookie: otherCookie } })).status).toBe(403);
  });
});

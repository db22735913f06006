/**
 * The audit log over HTTP against the real server on both databases: an API call and a cookie
 * export are recorded with the client address the server derived (TRUSTED_PROXIES + X-Forwarded-For)
 * and the request id the answer carried; the admin's CSV export reads them back, neutralised.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@/e2e/support/databases";
import { type ApiTestServer, startApiServer } from "./test-support/server";
import { trySignIn } from "./test-support/session";

/** RFC 4180 records (quoted fields, doubled quotes, CRLF), BOM dropped. */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && s[i + 1] === "\n") {
      row.push(cell);
      out.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return out;
}

describe.each(testDatabaseKinds())("audit log over HTTP on %s", (kind) => {
  let s: ApiTestServer;
  let cookie = "";
  const key = () => ({ authorization: `Bearer ${s.keys[0]}` });

  beforeAll(async () => {
    // the test connects over loopback, which this server takes for a reverse proxy: X-Forwarded-For names the client
    s = await startApiServer(kind, { keys: 1, env: { TRUSTED_PROXIES: "127.0.0.1, ::1" } });
    cookie = (await trySignIn(s.url, s.email, "api-test-password")).jar.header();
  }, 180_000);
  afterAll(async () => {
    await s?.stop();
  });

  async function auditCsv(query = ""): Promise<Array<Record<string, string>>> {
    const res = await fetch(`${s.url}/api/audit${query}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const [header = [], ...rows] = parseCsv(await res.text());
    expect(Number(res.headers.get("x-total-count"))).toBe(rows.length);
    return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
  }

  it("records an API call with the forwarded client address, the caller's request id and the key", async () => {
    const res = await fetch(`${s.url}/create`, {
      method: "POST",
      headers: { ...key(), "content-type": "application/json", "x-request-id": "req-audit-create-1", "x-forwarded-for": "198.51.100.23" },
      body: JSON.stringify({ name: '=HYPERLINK("http://x")', templateId: "invoice" }),
    });
    expect(res.status).toBe(201);
    const spaceId = ((await res.json()) as { id: string }).id;
    const created = (await auditCsv("?action=space.created")).filter((r) => r.space_id === spaceId);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actor_email: s.email, ip: "198.51.100.23", request_id: "req-audit-create-1", action: "space.created" });
    expect(created[0]?.api_key_id).not.toBe("");
    // the space's name is user text: neutralised in the CSV
    expect(created[0]?.space_name).toBe(`'=HYPERLINK("http://x")`);
  });

  it("records a cookie export under the request id its answer carried; the filters narrow the CSV", async () => {
    const spaces = await auditCsv("?action=space.created");
    const spaceId = spaces[0]?.space_id ?? "";
    const res = await fetch(`${s.url}/api/spaces/${spaceId}/export?format=csv`, { headers: { cookie, "x-forwarded-for": "192.0.2.44" } });
    expect(res.status).toBe(200);
    await res.text();
    const requestId = res.headers.get("x-request-id") ?? "";
    expect(requestId).toMatch(/^req_/);
    const exported = await auditCsv(`?action=space.exported&space=${spaceId}`);
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({ ip: "192.0.2.44", request_id: requestId, api_key_id: "" });
    expect(JSON.parse(exported[0]?.details ?? "{}")).toMatchObject({ format: "csv" });
    // the CSV export is audited too, and a future day has nothing
    expect((await auditCsv("?action=audit.exported")).length).toBeGreaterThanOrEqual(2);
    expect(await auditCsv("?from=2999-01-01")).toEqual([]);
  });

  it("is for signed-in admins: an API key gets 401; the page answers with a request id", async () => {
    expect((await fetch(`${s.url}/api/audit`, { headers: key() })).status).toBe(401);
    const page = await fetch(`${s.url}/settings/audit?action=space.created`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get("x-request-id")).toMatch(/^req_/);
    const html = await page.text();
    expect(html).toContain("created a space");
    expect(html).toContain("198.51.100.23");
  });
});

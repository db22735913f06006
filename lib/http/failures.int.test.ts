/**
 * The server-side failure statuses over HTTP: 502 engine_error when the extraction engine
 * fails (here: an LLM extractor whose endpoint is down), 503 from /health when not ready,
 * and — on PostgreSQL, where the database can be pulled away — a bare 500 internal_error.
 * Failed calls are not charged.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/e2e/support/server";
import { testDatabaseKinds } from "@/e2e/support/databases";
import { fixture, receiptPath } from "./test-support/fixtures";
import { type ApiTestServer, startApiServer } from "./test-support/server";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
type Json = Record<string, any>;

describe.each(testDatabaseKinds())("failures on %s", (kind) => {
  let s: ApiTestServer;
  let key: string;
  beforeAll(async () => {
    // nothing listens on this port: every LLM call fails to connect
    const dead = await freePort();
    s = await startApiServer(kind, { keys: 1, env: { LLM_BASE_URL: `http://127.0.0.1:${dead}/v1`, LLM_MODEL: "none", VOUCH_JOB_RETRY_DELAY_SECONDS: "1" } });
    key = s.keys[0] as string;
  });
  afterAll(async () => {
    await s?.stop();
  });

  const get = async (path: string, auth = true) => {
    const res = await fetch(`${s.url}${path}`, { headers: auth ? { authorization: `Bearer ${key}` } : {} });
    return { res, json: (await res.json()) as Json };
  };

  it("GET /health answers 503 with the envelope and the failing check while the engine cannot work", async () => {
    let r = await get("/health", false);
    for (let i = 0; i < 240 && r.json.checks?.engine?.status === "loading"; i++) {
      await new Promise((res) => setTimeout(res, 250));
      r = await get("/health", false);
    }
    expect(r.res.status).toBe(503);
    expect(r.json).toMatchObject({ live: true, ready: false, checks: { database: { status: "ok" }, engine: { status: "error" } } });
    expect(r.json.error).toMatchObject({ code: "internal_error", retryable: true, requestId: r.res.headers.get("x-request-id") });
  });

  it("502 engine_error (retryable) when the engine fails on the input, and the call is not charged", async () => {
    const res = await fetch(`${s.url}/ocr/fields`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ image: fixture(receiptPath).toString("base64"), templateId: "receipt" }),
    });
    const json = (await res.json()) as Json;
    expect(res.status).toBe(502);
    expect(json.error).toMatchObject({ code: "engine_error", retryable: true, requestId: res.headers.get("x-request-id") });
    expect(JSON.stringify(json)).not.toMatch(/ECONNREFUSED|\n\s+at /);
    expect(s.server.output()).toContain(json.error.requestId);
    expect((await get("/amount")).json.pages).toBe(0);
  });

  it("an upload that fails for good (every attempt) is refunded: /amount charged it at upload and is back to before", async () => {
    const before = (await get("/amount")).json.pages as number;
    const created = await fetch(`${s.url}/create`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "refunds", templateId: "receipt" }),
    });
    const spaceId = ((await created.json()) as Json).id as string;
    const form = new FormData();
    form.append("space", spaceId);
    form.append("files", new Blob([new Uint8Array(fixture(receiptPath))], { type: "image/png" }), "receipt.png");
    const up = await fetch(`${s.url}/upload`, { method: "POST", headers: { authorization: `Bearer ${key}` }, body: form });
    expect(up.status).toBe(202);
    const jobId = ((await up.json()) as Json).jobs[0].jobId as string;
    expect((await get("/amount")).json.pages).toBe(before + 1);
    let job = (await get(`/jobs/${jobId}`)).json;
    // one poll a second: the API allows 60 requests a minute per key, and a faster poll got the last /amount refused (429)
    for (let i = 0; i < 150 && job.status !== "failed" && job.status !== "completed"; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      job = (await get(`/jobs/${jobId}`)).json;
    }
    expect(job.status).toBe("failed");
    expect((await get("/amount")).json.pages).toBe(before);
  }, 240_000);

  it.runIf(kind === "postgres")("500 internal_error without a stack when the database disappears; /health says why", async () => {
    const url = new URL(s.server.env.DATABASE_URL as string);
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${url.pathname.slice(1)} with (force)`);
    await admin.end();
    const r = await get("/amount");
    expect(r.res.status).toBe(500);
    expect(r.json.error).toMatchObject({ code: "internal_error", retryable: true, requestId: r.res.headers.get("x-request-id") });
    expect(JSON.stringify(r.json)).not.toMatch(/\n\s+at |does not exist|pg/);
    expect(s.server.output()).toContain(r.json.error.requestId);
    const h = await get("/health", false);
    expect(h.res.status).toBe(503);
    expect(h.json.checks.database.status).toBe("error");
  });
});

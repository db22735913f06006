/**
 * Regression tests of the probe's resource findings over HTTP, on both databases: a PDF
 * page of 9000 × 9000 pt is rasterized within the pixel budget; a PDF over MAX_PDF_PAGES
 * is cut with `truncated` and a warning and its processed pages are charged; synchronous
 * OCR over its concurrency answers 503 retryable with Retry-After; /health says the engine
 * is ready once a worker has finished a document.
 */
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@/e2e/support/databases";
import { blankPdf } from "./hostile/inputs";
import { type ApiTestServer, startApiServer } from "./test-support/server";
import { trySignIn } from "./test-support/session";

async function wordPng(word: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80"><rect width="100%" height="100%" fill="#fff"/><text x="10" y="52" font-family="DejaVu Sans" font-size="30">${word}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe.each(testDatabaseKinds())("resource limits over HTTP on %s", (kind) => {
  let s: ApiTestServer;
  let spaceId = "";
  const auth = () => ({ authorization: `Bearer ${s.keys[0]}` });
  const upload = async (bytes: Buffer, name: string, type: string) => {
    const form = new FormData();
    form.append("space", spaceId);
    form.append("wait", "1");
    form.append("timeout", "240");
    form.append("files", new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await fetch(`${s.url}/upload`, { method: "POST", headers: auth(), body: form });
    return { status: res.status, body: (await res.json()) as { jobs: Array<{ jobId: string; itemId: string; status: string }> } };
  };
  const job = async (id: string) => (await (await fetch(`${s.url}/jobs/${id}`, { headers: auth() })).json()) as Record<string, unknown>;
  const amount = async () => ((await (await fetch(`${s.url}/amount`, { headers: auth() })).json()) as { pages: number }).pages;

  beforeAll(async () => {
    s = await startApiServer(kind, { keys: 1, env: { MAX_PDF_PAGES: "3", OCR_CONCURRENCY: "1", OCR_QUEUE: "0", RATE_LIMIT_PER_KEY: "10000" } });
    const res = await fetch(`${s.url}/create`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/json" },
      body: JSON.stringify({ name: "limits", templateId: "receipt" }),
    });
    spaceId = ((await res.json()) as { id: string }).id;
  }, 180_000);
  afterAll(async () => {
    await s?.stop();
  });

  it("says the engine is ready once a worker has finished a document (no /health call before)", async () => {
    const up = await upload(await wordPng("TOTAL 9.99"), "word.png", "image/png");
    expect(up.body.jobs[0]?.status).toBe("completed");
    const health = await fetch(`${s.url}/health`);
    const body = (await health.json()) as { checks: { engine: { status: string } } };
    expect(body.checks.engine.status).toBe("ok");
    expect(health.status).toBe(200);
  }, 300_000);

  it("rasterizes a 9000 × 9000 pt PDF page within the pixel budget", async () => {
    const up = await upload(blankPdf(9000, 9000), "huge-page.pdf", "application/pdf");
    const j = up.body.jobs[0];
    expect(j?.status).toBe("completed");
    const { jar } = await trySignIn(s.url, s.email, "api-test-password");
    const img = await fetch(`${s.url}/api/documents/${j?.itemId}/pages/0`, { headers: { cookie: jar.header() } });
    expect(img.status).toBe(200);
    const meta = await sharp(Buffer.from(await img.arrayBuffer())).metadata();
    expect((meta.width ?? 0) * (meta.height ?? 0)).toBeLessThanOrEqual(9_000_000);
    expect(meta.width).toBeGreaterThan(1000);
  }, 300_000);

  it("cuts a PDF over MAX_PDF_PAGES with truncated + a warning, and charges the pages it processed", async () => {
    const before = await amount();
    const up = await upload(blankPdf(300, 400, 5), "five-pages.pdf", "application/pdf");
    const j = await job(up.body.jobs[0]?.jobId ?? "");
    expect(j.status).toBe("completed");
    expect(j.truncated).toBe(true);
    expect(j.pageCount).toBe(3);
    expect(String((j.warnings as string[] | undefined)?.[0])).toMatch(/5 pages; only the first 3/);
    expect((await amount()) - before).toBe(3);
  }, 300_000);

  it("turns synchronous OCR away with 503, Retry-After and retryable: true when every slot is taken", async () => {
    const image = (await wordPng("RECEIPT 12.00")).toString("base64");
    const call = () =>
      fetch(`${s.url}/ocr/fields`, {
        method: "POST",
        headers: { ...auth(), "content-type": "application/json" },
        body: JSON.stringify({ image, templateId: "receipt" }),
      });
    const answers = await Promise.all([call(), call(), call(), call()]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toContain(200);
    expect(statuses).toContain(503);
    const busy = answers.find((r) => r.status === 503);
    expect(Number(busy?.headers.get("retry-after"))).toBeGreaterThan(0);
    const env = (await busy?.json()) as { error: { code: string; retryable: boolean } };
    expect(env.error).toMatchObject({ code: "overloaded", retryable: true });
  }, 300_000);
});

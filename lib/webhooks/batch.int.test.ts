/**
 * The batch API over HTTP against the real server, on PGlite and PostgreSQL: create a
 * space with a webhook, upload → poll → completed, signed webhooks on a loopback receiver
 * (first deliveries refused, retried), Idempotency-Key replay and 409, duplicates flagged,
 * wait=1, and /view on the stored rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@/e2e/support/databases";
import { type ApiTestServer, startApiServer, waitReady } from "@/lib/http/test-support/server";
import { invoicePng, textPdf, waitFor } from "@/lib/jobs/test-helpers";
import { type Receiver, startReceiver, uniqueByType } from "./test-support/receiver";
import { uploadForm } from "./test-support/pages";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
type Json = Record<string, any>;

describe.each(testDatabaseKinds())("batch API on %s", (kind) => {
  let s: ApiTestServer;
  let rx: Receiver;
  let key: string;
  let spaceId: string;
  const invoices: Buffer[] = [];

  const call = async (path: string, init: RequestInit & { idem?: string } = {}) => {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${key}`);
    if (init.idem) headers.set("idempotency-key", init.idem);
    const res = await fetch(`${s.url}${path}`, { ...init, headers });
    const text = await res.text();
    let body: Json = {};
    try {
      body = JSON.parse(text);
    } catch {
      body = { text };
    }
    return { res, body };
  };
  const postJson = (path: string, body: unknown, idem?: string) =>
    call(path, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" }, ...(idem ? { idem } : {}) });
  const upload = (files: Array<{ name: string; bytes: Buffer }>, fields: Record<string, string> = {}, idem?: string) =>
    call(`/upload${fields.wait ? "?wait=1" : ""}`, { method: "POST", body: uploadForm(files, { space: spaceId, ...fields }), ...(idem ? { idem } : {}) });
  const job = async (id: string) => (await call(`/jobs/${id}`)).body;
  const settled = (id: string) =>
    waitFor(async () => {
      const j = await job(id);
      return j.status === "completed" || j.status === "failed" ? j : null;
    }, 150_000);

  beforeAll(async () => {
    rx = await startReceiver();
    s = await startApiServer(kind, {
      keys: 1,
      env: {
        VOUCH_UNSAFE_ALLOW_PRIVATE_URLS: "1",
        RATE_LIMIT_PER_KEY: "100000",
        RATE_LIMIT_PER_USER: "100000",
        VOUCH_WEBHOOK_RETRY_BASE_MS: "200",
        VOUCH_WEBHOOK_RETRY_MAX_MS: "1000",
        VOUCH_WEBHOOK_POLL_MS: "100",
      },
    });
    key = s.keys[0] as string;
    await waitReady(s.url);
    invoices.push(await invoicePng({ number: "INV-1001", total: "40,000.00" }), await invoicePng({ number: "INV-1002", total: "1,250.00" }));
  });
  afterAll(async () => {
    await s?.stop();
    await rx?.close();
  });

  it("creates a space with a webhook; Idempotency-Key replays it and refuses another body", async () => {
    const body = { templateId: "invoice", name: "Batch", webhookUrl: rx.url };
    const first = await postJson("/create", body, "create-1");
    expect(first.res.status).toBe(201);
    expect(first.body.webhookSecret).toMatch(/^whsec_/);
    spaceId = first.body.id;
    rx.secret = first.body.webhookSecret;
    const again = await postJson("/create", body, "create-1");
    expect(again.res.status).toBe(201);
    expect(again.res.headers.get("x-idempotent-replay")).toBe("true");
    expect(again.body.id).toBe(spaceId);
    const other = await postJson("/create", { ...body, name: "Other" }, "create-1");
    expect(other.res.status).toBe(409);
    expect(other.body.error.code).toBe("idempotency_conflict");
    const list = await call("/space");
    expect(list.body.spaces.filter((x: Json) => x.name === "Batch")).toHaveLength(1);
    const snake = await postJson("/create", { template_id: "receipt" });
    expect(snake.res.status).toBe(201);
    expect(snake.res.headers.get("deprecation")).toBe("true");
  });

  it("uploads, answers at once with pending jobs, completes them, and signs every webhook", async () => {
    rx.failNext(3); // the receiver refuses the first deliveries: they are retried
    const { res, body } = await upload(
      [
        { name: "a.png", bytes: invoices[0] as Buffer },
        { name: "b.png", bytes: invoices[1] as Buffer },
      ],
      { uniqueKey: "first" },
    );
    expect(res.status).toBe(202);
    expect(body.path).toBe(`spaces/${spaceId}`);
    expect(body.jobs).toHaveLength(2);
    expect(body.jobs[0]).toMatchObject({ uniqueKey: "first", status: "pending", duplicate: false });
    expect(body.jobs[1].uniqueKey).toBe(body.jobs[1].jobId);
    const done = await Promise.all(body.jobs.map((j: Json) => settled(j.jobId)));
    for (const j of done) {
      expect(j.status).toBe("completed");
      expect(j.result.status).toBe("success");
      expect(j.result.data.invoice_number).toHaveProperty("bbox");
    }
    expect(done.map((j) => j.result.data.invoice_number.value)).toEqual(["INV-1001", "INV-1002"]);
    expect((await call("/jobs/00000000-0000-0000-0000-000000000000")).res.status).toBe(404);

    await waitFor(async () => (uniqueByType(rx.received)["ocr.completed"] ?? 0) >= 2, 30_000);
    expect(uniqueByType(rx.received)).toMatchObject({ "upload.received": 2, "item.created": 2, "ocr.completed": 2 });
    expect(rx.received.every((r) => r.signatureOk)).toBe(true);
    const completed = rx.received.find((r) => r.type === "ocr.completed" && r.payload.data.jobId === body.jobs[0].jobId);
    expect(completed?.payload.data.result.data.invoice_number.value).toBe("INV-1001");
    expect(rx.received.some((r) => r.attempt > 1)).toBe(true);
    // A wrong secret does not verify.
    const { verifySignature } = await import("./sign");
    expect(verifySignature("t=1,v1=00", rx.secret, "{}")).toBe(false);
  });

  it("replays an upload with the same Idempotency-Key (no new jobs, no new usage) and refuses a different one", async () => {
    const bytes = await invoicePng({ number: "INV-1003", total: "99.00" });
    const before = (await call("/amount")).body.pages;
    const first = await upload([{ name: "c.png", bytes }], {}, "upload-1");
    expect(first.res.status).toBe(202);
    const afterFirst = (await call("/amount")).body.pages;
    expect(afterFirst).toBe(before + 1);
    const again = await upload([{ name: "c.png", bytes }], {}, "upload-1");
    expect(again.res.headers.get("x-idempotent-replay")).toBe("true");
    expect(again.body.jobs.map((j: Json) => j.jobId)).toEqual(first.body.jobs.map((j: Json) => j.jobId));
    expect((await call("/amount")).body.pages).toBe(afterFirst);
    const other = await upload([{ name: "d.png", bytes: invoices[0] as Buffer }], {}, "upload-1");
    expect(other.res.status).toBe(409);
    expect(other.body.error.code).toBe("idempotency_conflict");
    const spaces = (await call("/space")).body.spaces as Json[];
    expect(spaces.find((x) => x.id === spaceId)?.documentCount).toBe(3);
    await settled(first.body.jobs[0].jobId);
  });

  it("flags the same bytes as a duplicate, and wait=1 answers with the results", async () => {
    const dup = await upload([{ name: "again.png", bytes: invoices[0] as Buffer }], { wait: "1" });
    expect(dup.res.status).toBe(200);
    expect(dup.body.jobs[0].duplicate).toBe(true);
    expect(dup.body.jobs[0].status).toBe("completed");
    expect(dup.body.jobs[0].result.data.invoice_number.value).toBe("INV-1001");
    const fresh = await upload([{ name: "e.png", bytes: await invoicePng({ number: "INV-1004", total: "7,500.00" }) }], { wait: "1" });
    expect(fresh.res.status).toBe(200);
    expect(fresh.body.waited).toBe(true);
    expect(fresh.body.jobs[0].result.data.invoice_number.value).toBe("INV-1004");
  });

  it("rasterizes a PDF server-side and extracts it", async () => {
    const pdf = textPdf(["Northwind Supplies Ltd", "INVOICE", "Invoice No: INV-2001", "Date: 2024-05-02", "Total: 310.00"]);
    const form = new FormData();
    form.append("space", spaceId);
    form.append("wait", "1");
    form.append("files", new Blob([new Uint8Array(pdf)], { type: "application/pdf" }), "doc.pdf");
    const { res, body } = await call("/upload", { method: "POST", body: form });
    expect(res.status).toBe(200);
    expect(body.jobs[0].status).toBe("completed");
    expect(body.jobs[0].result.data.invoice_number.value).toBe("INV-2001");
  });

  it("queries the stored rows with /view: where on normalized numbers, sort, select, boxes=0, CSV", async () => {
    const all = await call(`/view?space=${spaceId}&select=invoice_number,total&sort=invoice_number`);
    expect(all.res.status).toBe(200);
    expect(all.body.total).toBe(6);
    expect(Object.keys(all.body.rows[0].data)).toEqual(["invoice_number", "total"]);
    expect(all.body.rows[0].data.total).toHaveProperty("bbox");
    const big = await call(`/view?space=${spaceId}&where=${encodeURIComponent("total>=40000")}&select=invoice_number`);
    expect(big.body.rows.map((r: Json) => r.data.invoice_number.value)).toEqual(["INV-1001", "INV-1001"]);
    const sorted = await call(`/view?space=${spaceId}&sort=-total,invoice_number&select=invoice_number&boxes=0&limit=3`);
    expect(sorted.body.rows.map((r: Json) => r.data.invoice_number.value)).toEqual(["INV-1001", "INV-1001", "INV-1004"]);
    expect(sorted.body.rows[0].data.invoice_number).not.toHaveProperty("bbox");
    const two = await call(
      `/view?space=${spaceId}&where=${encodeURIComponent("total<40000;invoice_number~100")}&sort=invoice_number&select=invoice_number&offset=1`,
    );
    expect(two.body.total).toBe(3);
    expect(two.body.rows.map((r: Json) => r.data.invoice_number.value)).toEqual(["INV-1003", "INV-1004"]);
    const csvRes = await fetch(`${s.url}/view?space=${spaceId}&format=csv&select=invoice_number,total&sort=invoice_number`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(csvRes.headers.get("content-type")).toMatch(/text\/csv/);
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csvRes.arrayBuffer());
    expect(csv.startsWith("\uFEFFfile_name,invoice_number,total\r\n")).toBe(true);
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(7);
    const bad = await call(`/view?space=${spaceId}&where=nope>1`);
    expect(bad.res.status).toBe(400);
    expect((await call(`/view?space=${spaceId}&limit=1001`)).res.status).toBe(400);
    expect((await call("/view?space=nope")).res.status).toBe(404);
  });
});

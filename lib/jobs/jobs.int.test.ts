import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { tempDataDir } from "@/e2e/support/server";
import { closeDriver, type Db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { documents, extractions, jobs, pages, spaces } from "@/lib/db/schema";
import { getTemplate } from "@/lib/engine/templates";
import { type Env, parseEnv } from "@/lib/env";
import { createDocument } from "@/lib/services/documents/create";
import { deleteDocument } from "@/lib/services/documents/delete";
import { prepareUpload } from "@/lib/services/documents/prepare";
import { retryDocument } from "@/lib/services/documents/retry";
import { createSpace } from "@/lib/services/spaces/create";
import { createUser } from "@/lib/services/users/create";
import { getStorage } from "@/lib/storage";
import { extractDocumentJob } from "./definitions";
import { closeEngine, getEngine } from "@/lib/services/ocr/process-engine";
import { runExtractDocument } from "./extract-document";
import { DEAD_LETTER, enqueueExtraction, extractionQueue, getBoss, startBackground, stopBackground } from "./runtime";
import { invoicePng, textPdf, waitFor } from "./test-helpers";

const limits = { maxImageBytes: 20e6, maxImagePixels: 40e6, maxPdfBytes: 30e6 };

describe.each(testDatabaseKinds())("extract-document jobs on %s", (kind) => {
  let tdb: TestDatabase;
  let env: Env;
  let db: Db;
  let userId: string;
  let spaceId: string;

  const statusOf = async (id: string) => (await db.select({ s: documents.status }).from(documents).where(eq(documents.id, id)))[0]?.s;
  const extractionCount = async (id: string) => (await db.select({ n: count() }).from(extractions).where(eq(extractions.documentId, id)))[0]?.n ?? -1;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { migrated: true });
    // Retries 1 s apart instead of the production 10 s: the orphan test waits for one, and what is asserted is that
    // it happens exactly once, not when.
    env = parseEnv({ NODE_ENV: "test", VOUCH_JOB_RETRY_DELAY_SECONDS: "1", ...tdb.env(tempDataDir("vouch-jobs")) });
    db = await prepareDatabase(env);
    userId = (await createUser({ db, input: { email: "jobs@example.com", password: "longenough" } })).id;
    spaceId = (await createSpace({ db, userId, input: { name: "Invoices", templateId: "invoice" } })).id;
    await startBackground({ env, workers: 1, pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    await stopBackground();
    await closeEngine();
    await closeDriver(env);
    await tdb.cleanup();
  });

  it("enqueue → worker runs real OCR → one extraction, document done, job completed", async () => {
    const upload = await prepareUpload({ fileName: "inv.png", pages: [await invoicePng()] }, limits);
    const created = await createDocument({ db, queue: extractionQueue, storage: getStorage(env), userId, input: { spaceId, upload } });
    expect(created.status).toBe("queued");
    expect(created.duplicateOf).toBeUndefined();
    await waitFor(async () => ["done", "failed"].includes((await statusOf(created.documentId)) ?? ""));
    const [doc] = await db.select().from(documents).where(eq(documents.id, created.documentId));
    expect(doc?.error ?? null).toBeNull();
    expect(doc?.status).toBe("done");
    expect(await extractionCount(created.documentId)).toBe(1);
    const [page] = await db.select().from(pages).where(eq(pages.documentId, created.documentId));
    const words = page?.ocr?.words.map((w) => w.text).join(" ") ?? "";
    expect(words).toMatch(/INV-2049/);
    const [job] = await db.select().from(jobs).where(eq(jobs.id, created.jobId));
    expect(job?.status).toBe("completed");
    expect(job?.attempts).toBe(1);

    // Re-sending the same job collides on its id; running the handler again changes nothing.
    expect(await enqueueExtraction(db, { jobId: created.jobId, documentId: created.documentId, pageCount: 1 })).toBeNull();
    const payload = { v: 1 as const, jobId: created.jobId, documentId: created.documentId, pageCount: 1 };
    const again = await runExtractDocument({ db, storage: getStorage(env), engine: getEngine(env), payload });
    expect(again.kind).toBe("already_done");
    expect(await extractionCount(created.documentId)).toBe(1);

    // A run interrupted after it began (document left "processing") is redone in place.
    await db.update(documents).set({ status: "processing" }).where(eq(documents.id, created.documentId));
    const [a, b] = await Promise.all([
      runExtractDocument({ db, storage: getStorage(env), engine: getEngine(env), payload }),
      runExtractDocument({ db, storage: getStorage(env), engine: getEngine(env), payload }),
    ]);
    expect([a.kind, b.kind]).toEqual(["completed", "completed"]);
    expect(await extractionCount(created.documentId)).toBe(1);
    expect(await statusOf(created.documentId)).toBe("done");
  });

  it("flags a duplicate upload, copies the original's result and runs no job for it", async () => {
    const png = await invoicePng({ number: "INV-7" });
    const first = await createDocument({
      db,
      queue: extractionQueue,
      storage: getStorage(env),
      userId,
      input: { spaceId, upload: await prepareUpload({ fileName: "a.png", pages: [png] }, limits) },
    });
    const dup = await createDocument({
      db,
      queue: extractionQueue,
      storage: getStorage(env),
      userId,
      input: { spaceId, upload: await prepareUpload({ fileName: "a-again.png", pages: [png] }, limits) },
    });
    expect(dup.duplicateOf).toBe(first.documentId);
    await waitFor(async () => (await statusOf(dup.documentId)) === "done");
    expect(await extractionCount(dup.documentId)).toBe(1);
    const [dupJob] = await db.select().from(jobs).where(eq(jobs.id, dup.jobId));
    expect(dupJob?.status).toBe("completed");
    const boss = await getBoss();
    expect(await boss.getJobById(extractDocumentJob.id, dup.jobId, { includeArchive: true })).toBeNull();
    const dupPages = await db.select().from(pages).where(eq(pages.documentId, dup.documentId));
    expect(dupPages).toHaveLength(1);
    expect(dupPages[0]?.ocr).not.toBeNull();

    // Deleting the original keeps the duplicate and the page image it shares.
    await deleteDocument({ db, storage: getStorage(env), userId, input: { documentId: first.documentId } });
    const [left] = await db.select().from(documents).where(eq(documents.id, dup.documentId));
    expect(left?.duplicateOf).toBeNull();
    expect(await getStorage(env).get(dupPages[0]?.imageKey ?? "")).not.toBeNull();
  });

  it("rasterizes a PDF sent alone in the job; a duplicate sent meanwhile gets its pages", async () => {
    const pdf = textPdf(["INVOICE", "Invoice No: PDF-314", "Date: 2024-03-15", "Total: 99.00"]);
    const upload = await prepareUpload({ pages: [], file: { bytes: pdf, name: "scan.pdf" } }, limits);
    expect(upload.pages).toHaveLength(0);
    const created = await createDocument({ db, queue: extractionQueue, storage: getStorage(env), userId, input: { spaceId, upload } });
    const dup = await createDocument({ db, queue: extractionQueue, storage: getStorage(env), userId, input: { spaceId, upload } });
    expect(dup.duplicateOf).toBe(created.documentId);
    await waitFor(async () => (await statusOf(dup.documentId)) === "done");
    for (const id of [created.documentId, dup.documentId]) {
      const ps = await db.select().from(pages).where(eq(pages.documentId, id));
      expect(ps).toHaveLength(1);
      expect(ps[0]?.ocr?.source).toBe("textlayer");
      expect(await extractionCount(id)).toBe(1);
    }
    const [doc] = await db.select().from(documents).where(eq(documents.id, created.documentId));
    expect(doc).toMatchObject({ status: "done", pageCount: 1, mimeType: "application/pdf" });
  });

  it("a permanent failure fails at once with the engine's reason; retry extracts it again", async () => {
    const broken = (await createSpace({ db, userId, input: { name: "Broken", templateId: "invoice" } })).id;
    // A schema the engine cannot resolve: bad input, so no pg-boss retries.
    await db.update(spaces).set({ templateId: "no-such-template", fields: [] }).where(eq(spaces.id, broken));
    const upload = await prepareUpload({ fileName: "r.png", pages: [await invoicePng({ number: "R-1" })] }, limits);
    const created = await createDocument({ db, queue: extractionQueue, storage: getStorage(env), userId, input: { spaceId: broken, upload } });
    await waitFor(async () => (await statusOf(created.documentId)) === "failed", 120_000);
    const [failedDoc] = await db.select().from(documents).where(eq(documents.id, created.documentId));
    expect(failedDoc?.error).toMatch(/no-such-template/);
    const [failedJob] = await db.select().from(jobs).where(eq(jobs.id, created.jobId));
    expect(failedJob).toMatchObject({ status: "failed", attempts: 1 });

    await expect(retryDocument({ db, queue: extractionQueue, userId: "someone-else", input: { documentId: created.documentId } })).rejects.toMatchObject({
      code: "forbidden", // it exists, in a team "someone-else" is not in (docs/api.md: 403 vs 404)
    });
    await db
      .update(spaces)
      .set({ templateId: "invoice", fields: getTemplate("invoice")?.fields ?? [] })
      .where(eq(spaces.id, broken));
    const again = await retryDocument({ db, queue: extractionQueue, userId, input: { documentId: created.documentId } });
    expect(again.jobId).not.toBe(created.jobId);
    await waitFor(async () => (await statusOf(created.documentId)) === "done", 120_000);
    expect(await extractionCount(created.documentId)).toBe(1);
    await expect(retryDocument({ db, queue: extractionQueue, userId, input: { documentId: created.documentId } })).rejects.toMatchObject({
      code: "wrong_state",
    });
    // force: extract a finished document again; still one extraction row.
    await retryDocument({ db, queue: extractionQueue, userId, input: { documentId: created.documentId, force: true } });
    await waitFor(async () => (await statusOf(created.documentId)) === "done", 120_000);
    expect(await extractionCount(created.documentId)).toBe(1);
  });

  it("a job pg-boss gave up on (dead letter) is marked failed with a reason", async () => {
    await stopBackground();
    await startBackground({ env, workers: 0 });
    const created = await createDocument({
      db,
      queue: extractionQueue,
      storage: getStorage(env),
      userId,
      input: { spaceId, upload: await prepareUpload({ fileName: "d.png", pages: [await invoicePng({ number: "D-1" })] }, limits) },
    });
    const boss = await getBoss();
    const [taken] = await boss.fetch(extractDocumentJob.id);
    expect(taken?.id).toBe(created.jobId);
    // What pg-boss does when the last attempt expires: a copy with the output goes to the dead-letter queue.
    await boss.send(DEAD_LETTER, taken?.data ?? {}, {});
    await stopBackground();
    await startBackground({ env, workers: 1, pollingIntervalSeconds: 0.5 });
    await waitFor(async () => (await statusOf(created.documentId)) === "failed", 120_000);
    const [job] = await db.select().from(jobs).where(eq(jobs.id, created.jobId));
    expect(job?.status).toBe("failed");
    expect(job?.error).toMatch(/gave up: no attempt finished/);
    // The fetched run is cleaned up so the next test starts from an empty queue.
    await (await getBoss()).complete(extractDocumentJob.id, created.jobId);
  });

  it("a job that was active when its worker died is retried and completes exactly once", async () => {
    await stopBackground();
    // No workers: the job stays queued until this test takes it, as a worker would.
    await startBackground({ env, workers: 0, pollingIntervalSeconds: 0.5 });
    const created = await createDocument({
      db,
      queue: extractionQueue,
      storage: getStorage(env),
      userId,
      input: { spaceId, upload: await prepareUpload({ fileName: "c.png", pages: [await invoicePng({ number: "INV-9" })] }, limits) },
    });
    const boss = await getBoss();
    const [taken] = await boss.fetch(extractDocumentJob.id);
    expect(taken?.id).toBe(created.jobId);
    await db.update(documents).set({ status: "processing" }).where(eq(documents.id, created.documentId));
    // The "worker" dies here. The job is active in the queue and nobody will finish it.
    await stopBackground({ timeoutMs: 1000 });
    if (kind === "postgres") {
      // Another process would notice through the job's expiry; here we fail it as expiry would.
      await startBackground({ env, workers: 1, pollingIntervalSeconds: 0.5 });
      await (await getBoss()).fail(extractDocumentJob.id, created.jobId, { message: "expired" });
    } else {
      // PGlite: the restarted process fails the orphan at once (pg-boss retries it).
      await startBackground({ env, workers: 1, pollingIntervalSeconds: 0.5 });
    }
    await waitFor(async () => (await statusOf(created.documentId)) === "done", 120_000, 500);
    expect(await extractionCount(created.documentId)).toBe(1);
    // The handler marks the document done before it returns; pg-boss completes the job after that return.
    const jobOf = async () => (await getBoss()).getJobById(extractDocumentJob.id, created.jobId, { includeArchive: true });
    await waitFor(async () => (await jobOf())?.state !== "active", 30_000, 200);
    const job = await jobOf();
    expect(job?.state).toBe("completed");
    expect(job?.retryCount).toBe(1);
  });
});

describe.skipIf(!testDatabaseKinds().includes("postgres"))("npm run worker on PostgreSQL", () => {
  it("a separate worker process takes the jobs the web process enqueues", async () => {
    const tdb = await createTestDatabase("postgres", { migrated: true });
    const dataDir = tempDataDir("vouch-worker");
    const env = parseEnv({ NODE_ENV: "test", ...tdb.env(dataDir) });
    const db = await prepareDatabase(env);
    const worker = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/worker.ts"], {
      env: { ...process.env, ...tdb.env(dataDir), VOUCH_WORKERS: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    worker.stdout?.on("data", (d) => {
      out += d;
    });
    worker.stderr?.on("data", (d) => {
      out += d;
    });
    try {
      const userId = (await createUser({ db, input: { email: "w@example.com", password: "longenough" } })).id;
      const spaceId = (await createSpace({ db, userId, input: { name: "W", templateId: "invoice" } })).id;
      // This process only enqueues: every job must be done by the worker process.
      await startBackground({ env, workers: 0 });
      await waitFor(async () => out.includes("processing extract-document jobs"), 120_000);
      const upload = await prepareUpload({ fileName: "w.png", pages: [await invoicePng({ number: "INV-55" })] }, limits);
      const created = await createDocument({ db, queue: extractionQueue, storage: getStorage(env), userId, input: { spaceId, upload } });
      await waitFor(async () => {
        const [d] = await db.select({ s: documents.status }).from(documents).where(eq(documents.id, created.documentId));
        return d?.s === "done";
      });
      const n = (await db.select({ n: count() }).from(extractions).where(eq(extractions.documentId, created.documentId)))[0]?.n;
      expect(n).toBe(1);
      worker.kill("SIGTERM");
      await new Promise((r) => worker.once("exit", r));
      expect(out).toMatch(/SIGTERM: finishing the current job/);
    } finally {
      if (worker.exitCode === null) worker.kill("SIGKILL");
      await stopBackground();
      await closeDriver(env);
      await tdb.cleanup();
    }
  }, 300_000); // two cold processes (a tsx worker and this one's queue) and a real OCR: minutes on a loaded box
});

describe("a cold process on PGlite", () => {
  it("starts the queue before the upload transaction (no PGlite deadlock)", () => {
    const r = spawnSync(path.resolve("node_modules/.bin/tsx"), ["lib/jobs/test-support/cold-upload.ts"], {
      env: { ...process.env, DATA_DIR: tempDataDir("vouch-cold"), DATABASE_URL: "" },
      encoding: "utf8",
      // A hang guard (a deadlock never ends), not a speed check: a cold tsx start takes ~60 s on a loaded 2-core box.
      timeout: 200_000,
    });
    expect(r.stdout).toMatch(/created queued/);
  }, 240_000);
});

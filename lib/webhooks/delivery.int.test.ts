/**
 * Webhook events and delivery on PGlite and PostgreSQL, without a server: `ocr.failed`
 * for a failed job (and once only), signed delivery to a loopback receiver, a failing
 * receiver retried with backoff and given up after the max age, resend, and the SSRF
 * guard refusing a private receiver without sending anything.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { tempDataDir } from "@/e2e/support/server";
import { closeDriver, type Db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { documents, jobs, webhookAttempts, webhookDeliveries } from "@/lib/db/schema";
import { type Env, parseEnv } from "@/lib/env";
import { markFailed } from "@/lib/jobs/extract-document";
import { createSpace } from "@/lib/services/spaces/create";
import { createUser } from "@/lib/services/users/create";
import { resendWebhookDelivery } from "@/lib/services/webhooks/resend";
import { updateWebhook } from "@/lib/services/webhooks/update";
import { type DispatchConfig, dispatchDue } from "./dispatcher";
import { recordOutcomeEvents } from "./job-events";
import { type Receiver, startReceiver } from "./test-support/receiver";

describe.each(testDatabaseKinds())("webhook delivery on %s", (kind) => {
  let tdb: TestDatabase;
  let env: Env;
  let db: Db;
  let rx: Receiver;
  let userId: string;
  let spaceId: string;
  const cfg: DispatchConfig = { retryBaseMs: 10, retryMaxMs: 40, maxAgeMs: 60_000, pollMs: 50, timeoutMs: 2000, allowPrivate: true };
  const deliveries = () => db.select().from(webhookDeliveries).where(eq(webhookDeliveries.spaceId, spaceId));

  beforeAll(async () => {
    rx = await startReceiver();
    tdb = await createTestDatabase(kind, { migrated: true });
    env = parseEnv({ NODE_ENV: "test", ...tdb.env(tempDataDir("vouch-hooks")) });
    db = await prepareDatabase(env);
    userId = (await createUser({ db, input: { email: "d@example.com", password: "delivery-pass" } })).id;
    spaceId = (await createSpace({ db, userId, input: { name: "S", templateId: "receipt" } })).id;
    rx.secret = (await updateWebhook({ db, userId, input: { spaceId, url: rx.url, allowPrivate: true } })).secret ?? "";
  });
  afterAll(async () => {
    await closeDriver(env);
    await tdb?.cleanup();
    await rx?.close();
  });

  it("records ocr.failed once for a failed job and delivers it signed", async () => {
    const [doc] = await db.insert(documents).values({ spaceId, fileName: "x.png", mimeType: "image/png", sha256: "x", pageCount: 1 }).returning();
    if (!doc) throw new Error("no doc");
    const jobId = crypto.randomUUID();
    await db.insert(jobs).values({ id: jobId, documentId: doc.id, spaceId, uniqueKey: "k1" });
    expect(await recordOutcomeEvents(db, doc.id)).toBe(0); // still pending: nothing to say
    await markFailed(db, { v: 1, jobId, documentId: doc.id, pageCount: 1 }, "the page is blank");
    expect(await recordOutcomeEvents(db, doc.id)).toBe(1);
    expect(await recordOutcomeEvents(db, doc.id)).toBe(1); // idempotent: same event id
    const rows = await deliveries();
    expect(rows.map((r) => r.eventType).sort()).toEqual(["item.created", "ocr.failed", "upload.received"]);
    expect(await dispatchDue(db, cfg)).toBe(3);
    const failed = rx.received.find((r) => r.type === "ocr.failed");
    expect(failed?.signatureOk).toBe(true);
    expect(failed?.payload.data).toMatchObject({ jobId, uniqueKey: "k1", error: { code: "engine_error", message: "the page is blank" } });
    expect((await deliveries()).every((d) => d.status === "delivered")).toBe(true);
  });

  it("retries a failing receiver with backoff, gives up after the max age, and resends on request", async () => {
    const [d] = await deliveries();
    if (!d) throw new Error("no delivery");
    await db.update(webhookDeliveries).set({ status: "pending", nextAttemptAt: new Date() }).where(eq(webhookDeliveries.id, d.id));
    rx.failNext(2);
    expect(await dispatchDue(db, cfg)).toBe(1);
    let row = (await deliveries()).find((x) => x.id === d.id);
    expect(row?.status).toBe("pending");
    expect(row?.nextAttemptAt?.getTime()).toBeGreaterThan(Date.now() - 1000);
    await new Promise((r) => setTimeout(r, 60));
    expect(await dispatchDue(db, cfg)).toBe(1);
    await new Promise((r) => setTimeout(r, 60));
    expect(await dispatchDue(db, cfg)).toBe(1);
    row = (await deliveries()).find((x) => x.id === d.id);
    expect(row?.status).toBe("delivered");
    const attempts = await db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, d.id));
    const codes = attempts.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 500)).toHaveLength(2);
    expect(attempts.find((a) => a.statusCode === 500)?.responseExcerpt).toBe("receiver says no");
    expect(attempts.every((a) => typeof a.latencyMs === "number")).toBe(true);

    // Older than the max age: one failure ends it; resend queues it again.
    await db
      .update(webhookDeliveries)
      .set({ status: "pending", nextAttemptAt: new Date(), createdAt: new Date(Date.now() - 120_000) })
      .where(eq(webhookDeliveries.id, d.id));
    rx.failNext(1);
    await dispatchDue(db, cfg);
    expect((await deliveries()).find((x) => x.id === d.id)?.status).toBe("failed");
    await resendWebhookDelivery({ db, userId, input: { deliveryId: d.id } });
    await dispatchDue(db, cfg);
    expect((await deliveries()).find((x) => x.id === d.id)?.status).toBe("delivered");
  });

  it("refuses to send to a private address unless the test override is on (nothing is sent)", async () => {
    const before = rx.received.length;
    const [d] = await deliveries();
    if (!d) throw new Error("no delivery");
    await db.update(webhookDeliveries).set({ status: "pending", nextAttemptAt: new Date() }).where(eq(webhookDeliveries.id, d.id));
    await dispatchDue(db, { ...cfg, allowPrivate: false });
    expect(rx.received.length).toBe(before);
    const all = await db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, d.id));
    expect(all.some((a) => /refused: .*private/.test(a.error ?? ""))).toBe(true);
  });
});

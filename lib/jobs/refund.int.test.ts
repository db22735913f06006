/**
 * Failed pages are not charged: a document of an API upload that fails for good gives its
 * charged pages back once (a second markFailed — the dead-letter path after the worker's
 * own — refunds nothing more), on both databases.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { tempDataDir } from "@/e2e/support/server";
import { closeDriver, type Db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { getUsageTotals } from "@/lib/db/queries/usage";
import { usageEvents } from "@/lib/db/schema";
import { type Env, parseEnv } from "@/lib/env";
import { createDocument } from "@/lib/services/documents/create";
import { prepareUpload } from "@/lib/services/documents/prepare";
import { createSpace } from "@/lib/services/spaces/create";
import { recordUsage } from "@/lib/services/usage/record";
import { createUser } from "@/lib/services/users/create";
import { getStorage } from "@/lib/storage";
import { markFailed } from "./extract-document";
import { extractionQueue, startBackground, stopBackground } from "./runtime";
import { invoicePng } from "./test-helpers";

describe.each(testDatabaseKinds())("refunds on %s", (kind) => {
  let tdb: TestDatabase;
  let env: Env;
  let db: Db;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { migrated: true });
    env = parseEnv({ NODE_ENV: "test", ...tdb.env(tempDataDir("vouch-refund")) });
    db = await prepareDatabase(env);
    await startBackground({ env, workers: 0 });
  });
  afterAll(async () => {
    await stopBackground();
    await closeDriver(env);
    await tdb.cleanup();
  });

  it("refunds a failed API upload's pages exactly once and leaves web uploads alone", async () => {
    const userId = (await createUser({ db, input: { email: "refund@example.com", password: "longenough" } })).id;
    const spaceId = (await createSpace({ db, userId, input: { name: "R", templateId: "invoice" } })).id;
    const limits = { maxImageBytes: 20e6, maxImagePixels: 40e6, maxPdfBytes: 30e6 };
    const upload = await prepareUpload({ fileName: "two.png", pages: [await invoicePng({ number: "A-1" }), await invoicePng({ number: "A-2" })] }, limits);
    const api = await createDocument({ db, queue: extractionQueue, storage: getStorage(env), userId, input: { spaceId, upload, source: "api" } });
    await recordUsage({ db, input: { userId, apiKeyId: null, kind: "upload", pages: 2 } }); // what POST /upload charges
    const web = await createDocument({
      db,
      queue: extractionQueue,
      storage: getStorage(env),
      userId,
      input: { spaceId, upload: await prepareUpload({ fileName: "w.png", pages: [await invoicePng({ number: "W-1" })] }, limits) },
    });
    const payload = (d: { jobId: string; documentId: string }, pageCount: number) => ({ v: 1 as const, jobId: d.jobId, documentId: d.documentId, pageCount });
    await markFailed(db, payload(api, 2), "the engine gave up");
    await markFailed(db, payload(api, 2), "gave up: no attempt finished");
    await markFailed(db, payload(web, 1), "the engine gave up");
    const refunds = await db
      .select()
      .from(usageEvents)
      .where(and(eq(usageEvents.userId, userId), eq(usageEvents.kind, "refund")));
    expect(refunds.map((r) => r.pages)).toEqual([-2]);
    const month = await getUsageTotals(db, userId, new Date(Date.now() - 86_400_000), new Date(Date.now() + 86_400_000));
    expect(month).toEqual({ pages: 0, calls: 1 });
  });
});

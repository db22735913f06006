/**
 * The fixed-window counters on both databases: the upsert is atomic under concurrency
 * (every hit gets its own count), the per-user limit spans a user's keys, and a new
 * window starts from zero.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { tempDataDir } from "@/e2e/support/server";
import { closeDriver, type Db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { type Env, parseEnv } from "@/lib/env";
import { ApiError } from "@/lib/contract/errors";
import { enforceRateLimits, hit, WINDOW_MS } from "./rate-limit";

describe.each(testDatabaseKinds())("rate limits on %s", (kind) => {
  let tdb: TestDatabase;
  let env: Env;
  let db: Db;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { migrated: true });
    env = parseEnv({ ...tdb.env(tempDataDir("vouch-rl")) });
    db = await prepareDatabase(env);
  });
  afterAll(async () => {
    await closeDriver(env);
    await tdb.cleanup();
  });

  it("counts concurrent hits atomically: 50 parallel hits get the counts 1…50", async () => {
    const now = Date.now();
    const counts = await Promise.all(Array.from({ length: 50 }, () => hit(db, "key:parallel", now)));
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it("limits per key, per user across keys, and resets with the next window", async () => {
    const t0 = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS + 1000;
    const limits = { perKey: 3, perUser: 5 };
    const a = { keyId: "a", userId: "u1" };
    const b = { keyId: "b", userId: "u1" };
    for (let i = 0; i < 3; i++) await enforceRateLimits(db, a, limits, t0);
    const perKey = await enforceRateLimits(db, a, limits, t0).catch((e: unknown) => e);
    expect(perKey).toBeInstanceOf(ApiError);
    expect((perKey as ApiError).details).toMatchObject({ scope: "key", retryAfterSec: 59 });
    expect((perKey as ApiError).headers).toEqual({ "retry-after": "59" });
    // user u1 has used 4 of 5; key b's first call is the 5th, its second the 6th
    await enforceRateLimits(db, b, limits, t0);
    const perUser = await enforceRateLimits(db, b, limits, t0).catch((e: unknown) => e);
    expect((perUser as ApiError).details).toMatchObject({ scope: "user" });
    await expect(enforceRateLimits(db, a, limits, t0 + WINDOW_MS)).resolves.toBeUndefined();
  });
});

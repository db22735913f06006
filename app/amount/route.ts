import { authenticate } from "@/lib/http/auth";
import { apiRoute, json, preflight } from "@/lib/http/route";
import { enforceRateLimits } from "@/lib/http/rate-limit";
import { getDb } from "@/lib/db/client";
import { getUsageTotals } from "@/lib/db/queries/usage";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

/** GET /amount: pages charged to the caller's user this calendar month (UTC). Free. */
export const GET = apiRoute(async (req) => {
  const db = await getDb();
  const caller = await authenticate(db, req);
  await enforceRateLimits(db, caller, { perKey: env.RATE_LIMIT_PER_KEY, perUser: env.RATE_LIMIT_PER_USER });
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const { pages, calls } = await getUsageTotals(db, caller.userId, start, end);
  // No quota setting exists yet (lib/env.ts has none): self-hosted installs are unmetered.
  return json({ period: { start: start.toISOString(), end: end.toISOString() }, pages, calls, quota: null, remaining: null });
});

export const OPTIONS = preflight;

import type { Db } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { type ApiCaller, authenticate } from "./auth";
import { noteApiKey } from "@/lib/services/audit/context";
import { enforceRateLimits } from "./rate-limit";

/** The database, the authenticated caller, and the rate limits counted: every keyed route's first step. */
export async function apiCaller(req: Request): Promise<{ db: Db; caller: ApiCaller }> {
  const db = await getDb();
  const caller = await authenticate(db, req);
  noteApiKey(caller.keyId);
  await enforceRateLimits(db, caller, { perKey: env.RATE_LIMIT_PER_KEY, perUser: env.RATE_LIMIT_PER_USER });
  return { db, caller };
}

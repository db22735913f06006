import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { usageEvents } from "@/lib/db/schema";

/** Pages and calls a user was charged for in [start, end). */
export async function getUsageTotals(db: DbOrTx, userId: string, start: Date, end: Date) {
  const [row] = await db
    .select({
      pages: sql<number>`coalesce(sum(${usageEvents.pages}), 0)::int`,
      // a refund (negative pages) gives pages back; it is not a call
      calls: sql<number>`(count(*) filter (where ${usageEvents.pages} >= 0))::int`,
    })
    .from(usageEvents)
    .where(and(eq(usageEvents.userId, userId), gte(usageEvents.createdAt, start), lt(usageEvents.createdAt, end)));
  return { pages: row?.pages ?? 0, calls: row?.calls ?? 0 };
}

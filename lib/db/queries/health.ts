import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";

/** Round trip to the database (the readiness probe): ok with the latency, or the driver's message. */
export async function getDatabaseHealth(db: DbOrTx): Promise<{ status: "ok"; latencyMs: number } | { status: "error"; message: string }> {
  const t0 = performance.now();
  try {
    await db.execute(sql`select 1`);
    return { status: "ok", latencyMs: Math.round(performance.now() - t0) };
  } catch (err) {
    return { status: "error", message: (err as Error).message };
  }
}

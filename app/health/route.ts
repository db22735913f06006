import { sql } from "drizzle-orm";
import { engineStatus } from "@/lib/api/engine";
import { errorEnvelope } from "@/lib/api/errors";
import { apiRoute, json, preflight } from "@/lib/api/http";
import { getDb } from "@/lib/db/client";
import { ENGINE_VERSION } from "@/lib/engine/version";

export const dynamic = "force-dynamic";

async function databaseCheck() {
  const t0 = performance.now();
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return { status: "ok" as const, latencyMs: Math.round(performance.now() - t0) };
  } catch (err) {
    return { status: "error" as const, message: (err as Error).message };
  }
}

/** GET /health (no auth): 200 when the database answers and the OCR engine is loaded, else 503. */
export const GET = apiRoute(async (_req, ctx) => {
  const database = await databaseCheck();
  const engine = engineStatus();
  const ready = database.status === "ok" && engine.status === "ok";
  const body = { status: ready ? "ok" : "unavailable", live: true, ready, version: ENGINE_VERSION, checks: { database, engine } };
  if (ready) return json(body);
  const why = database.status !== "ok" ? "the database is unreachable" : `the OCR engine is ${engine.status}`;
  return json({ ...body, ...errorEnvelope("internal_error", `Not ready: ${why}.`, ctx.requestId) }, 503, { "retry-after": "5" });
});

export const OPTIONS = preflight;

import { engineStatus } from "@/lib/services/ocr/engine";
import { ocrGateLoad } from "@/lib/services/ocr/gate";
import { errorEnvelope } from "@/lib/contract/errors";
import { apiRoute, json, preflight } from "@/lib/http/route";
import { getDb } from "@/lib/db/client";
import { getDatabaseHealth } from "@/lib/db/queries/health";
import { ENGINE_VERSION } from "@/lib/engine/version";

export const dynamic = "force-dynamic";

async function databaseCheck() {
  try {
    return await getDatabaseHealth(await getDb());
  } catch (err) {
    // opening the database (first request) failed
    return { status: "error" as const, message: (err as Error).message };
  }
}

/** GET /health (no auth): 200 when the database answers and the OCR engine is loaded, else 503. */
export const GET = apiRoute(async (_req, ctx) => {
  const database = await databaseCheck();
  const engine = engineStatus();
  const ready = database.status === "ok" && engine.status === "ok";
  const body = { status: ready ? "ok" : "unavailable", live: true, ready, version: ENGINE_VERSION, checks: { database, engine, ocr: ocrGateLoad() } };
  if (ready) return json(body);
  const why = database.status !== "ok" ? "the database is unreachable" : `the OCR engine is ${engine.status}`;
  return json({ ...body, ...errorEnvelope("internal_error", `Not ready: ${why}.`, ctx.requestId) }, 503, { "retry-after": "5" });
});

export const OPTIONS = preflight;

import { apiRoute, json, preflight } from "@/lib/http/route";
import { requireSessionUser } from "@/lib/session/require-user";
import { extractionQueue } from "@/lib/jobs/runtime";
import { getDb } from "@/lib/db/client";
import { retryDocument } from "@/lib/services/documents/retry";

export const dynamic = "force-dynamic";

/** Extract a failed document again (`?force=1`: a finished one too) → 202 { documentId, jobId, status }. */
export const POST = apiRoute<{ documentId: string }>(async (req, _ctx, { documentId }) => {
  const user = await requireSessionUser();
  const force = ["1", "true", "yes"].includes(new URL(req.url).searchParams.get("force") ?? "");
  return json(await retryDocument({ db: await getDb(), queue: extractionQueue, userId: user.id, input: { documentId, force } }), 202);
});

export const OPTIONS = preflight;

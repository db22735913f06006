import { apiCaller } from "@/lib/api/caller";
import { ApiError } from "@/lib/api/errors";
import { apiRoute, json, preflight } from "@/lib/api/http";
import { loadJobViews } from "@/lib/api/jobs";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /jobs/{jobId}: pending | processing | completed (with `result`) | failed (with `error`). Free. */
export const GET = apiRoute<{ jobId: string }>(async (req, _ctx, { jobId }) => {
  const { db, caller } = await apiCaller(req);
  const [view] = /^[0-9a-f-]{36}$/i.test(jobId) ? await loadJobViews(db, { userId: caller.userId, jobIds: [jobId] }) : [];
  if (!view) throw new ApiError("not_found", `No job ${jobId} for this key's user.`);
  return json(view);
});

export const OPTIONS = preflight;

import { apiCaller } from "@/lib/http/caller";
import { ApiError } from "@/lib/contract/errors";
import { apiRoute, json, preflight } from "@/lib/http/route";
import { getJobViews } from "@/lib/db/queries/jobs";
import { refusal } from "@/lib/services/teams/refusal";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /jobs/{jobId}: pending | processing | completed (with `result`) | failed (with `error`). Free. */
export const GET = apiRoute<{ jobId: string }>(async (req, _ctx, { jobId }) => {
  const { db, caller } = await apiCaller(req);
  const [view] = /^[0-9a-f-]{36}$/i.test(jobId) ? await getJobViews(db, { userId: caller, jobIds: [jobId] }) : [];
  if (!view) {
    const why = /^[0-9a-f-]{36}$/i.test(jobId) ? await refusal(db, { jobId }, "job") : null;
    throw why?.code === "forbidden" ? why : new ApiError("not_found", `No job ${jobId} for this key.`);
  }
  return json(view);
});

export const OPTIONS = preflight;

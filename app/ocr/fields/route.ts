import { authenticate } from "@/lib/http/auth";
import { ApiError } from "@/lib/contract/errors";
import { apiRoute, json, preflight } from "@/lib/http/route";
import { runOcrFields } from "@/lib/services/ocr/extract-fields";
import { parseOcrRequest } from "@/lib/http/ocr-request";
import { enforceRateLimits } from "@/lib/http/rate-limit";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** POST /ocr/fields: one image in, every requested field with its place on the page out. */
export const POST = apiRoute(async (req, ctx) => {
  const db = await getDb();
  const caller = await authenticate(db, req);
  await enforceRateLimits(db, caller, { perKey: env.RATE_LIMIT_PER_KEY, perUser: env.RATE_LIMIT_PER_USER });
  const parsed = await parseOcrRequest(req, {
    maxBodyBytes: env.MAX_BODY_BYTES,
    maxImageBytes: env.MAX_IMAGE_BYTES,
    onDeprecated: () => {
      ctx.deprecated = true;
    },
  });
  const body = await runOcrFields({
    db,
    caller,
    parsed,
    cfg: {
      maxImageBytes: env.MAX_IMAGE_BYTES,
      allowPrivateUrls: env.VOUCH_UNSAFE_ALLOW_PRIVATE_URLS,
      gate: { concurrency: env.OCR_CONCURRENCY, queue: env.OCR_QUEUE },
    },
    requestId: ctx.requestId,
  });
  return json(body);
});

export const OPTIONS = preflight;

/** Other methods on this path answer in the envelope too. */
export const GET = apiRoute(async () => {
  throw new ApiError("not_found", "Use POST /ocr/fields (see GET /openapi.json).");
});

import { WebhookRequest } from "@/lib/contract/batch-schemas";
import { apiCaller } from "@/lib/http/caller";
import { ApiError } from "@/lib/contract/errors";
import { apiRoute, json, preflight, readBody, validationError } from "@/lib/http/route";
import { getSpaceById } from "@/lib/db/queries/spaces";
import { env } from "@/lib/env";
import { updateWebhook } from "@/lib/services/webhooks/update";
import { refusal } from "@/lib/services/teams/refusal";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Params = { spaceId: string };
// Next has decoded the segment once already; a second decoding of a literal '%' must not throw (found by the hostile suite).
const idOf = (s: string) => {
  let id = s;
  try {
    id = decodeURIComponent(s);
  } catch {
    id = s;
  }
  return id.replace(/^spaces\//, "");
};

/** GET /space/{id}/webhook: the URL and the signing secret (owner only). */
export const GET = apiRoute<Params>(async (req, _ctx, { spaceId }) => {
  const { db, caller } = await apiCaller(req);
  const space = await getSpaceById(db, { userId: caller, action: "webhooks", spaceId: idOf(spaceId) });
  if (!space) throw await refusal(db, { spaceId: idOf(spaceId) }, "space");
  return json({ spaceId: space.id, url: space.webhookUrl, secret: space.webhookSecret });
});

/** PUT /space/{id}/webhook `{ url, rotateSecret? }`: set, replace or (url: null) remove the webhook. */
export const PUT = apiRoute<Params>(async (req, _ctx, { spaceId }) => {
  const { db, caller } = await apiCaller(req);
  let body: unknown;
  try {
    body = JSON.parse((await readBody(req, 64 * 1024)).toString("utf8") || "{}");
  } catch {
    throw new ApiError("invalid_request", 'The body must be JSON: { "url": "https://…", "rotateSecret": false }.');
  }
  const r = WebhookRequest.safeParse(body);
  if (!r.success) throw validationError(r.error);
  const out = await updateWebhook({
    db,
    userId: caller,
    input: {
      spaceId: idOf(spaceId),
      ...(r.data.url !== undefined ? { url: r.data.url } : {}),
      rotateSecret: r.data.rotateSecret ?? false,
      allowPrivate: env.VOUCH_UNSAFE_ALLOW_PRIVATE_URLS,
    },
  });
  return json(out);
});

export const OPTIONS = preflight;

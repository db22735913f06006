import { CreateSpaceRequest } from "@/lib/contract/batch-schemas";
import { apiCaller } from "@/lib/http/caller";
import { ApiError } from "@/lib/contract/errors";
import { apiRoute, json, preflight, readBody, validationError } from "@/lib/http/route";
import { idempotencyKeyOf, requestHash, withIdempotency } from "@/lib/http/idempotency";
import { spacePath } from "@/lib/contract/jobs";
import { getTemplate } from "@/lib/engine/templates";
import { env } from "@/lib/env";
import { createSpace } from "@/lib/services/spaces/create";
import { updateWebhook } from "@/lib/services/webhooks/update";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * POST /create: a space from `templateId` or `fields` (`template_id` accepted, answered
 * with `Deprecation: true`), optionally with its `webhookUrl`. Idempotency-Key supported.
 */
export const POST = apiRoute(async (req, ctx) => {
  const { db, caller } = await apiCaller(req);
  const key = idempotencyKeyOf(req);
  const raw = await readBody(req, 1024 * 1024);
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = raw.length === 0 ? {} : JSON.parse(raw.toString("utf8"));
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
    body = parsed as Record<string, unknown>;
  } catch {
    throw new ApiError("invalid_request", "The body must be a JSON object.");
  }
  if ("template_id" in body && !("templateId" in body)) {
    body.templateId = body.template_id;
    ctx.deprecated = true;
  }
  if ("webhook_url" in body && !("webhookUrl" in body)) {
    body.webhookUrl = body.webhook_url;
    ctx.deprecated = true;
  }
  delete body.template_id;
  delete body.webhook_url;
  const r = CreateSpaceRequest.safeParse(body);
  if (!r.success) throw validationError(r.error);
  const input = r.data;
  if (!input.fields && !input.templateId) {
    throw new ApiError("invalid_request", "Send templateId (invoice, delivery, receipt) or fields.", { path: "templateId" });
  }

  const out = await withIdempotency(db, { ownerId: caller.userId, key, method: "POST", path: "/create", hash: requestHash(input) }, async () => {
    const name = input.name ?? (input.fields ? "API space" : (getTemplate(input.templateId ?? "")?.label ?? "API space"));
    // One transaction: a space whose webhook URL is refused is not created either.
    const space = await db.transaction(async (tx) => {
      const s = await createSpace({ db: tx, userId: caller, input: { name, templateId: input.templateId, fields: input.fields } });
      const hook = input.webhookUrl
        ? await updateWebhook({
            db: tx,
            userId: caller,
            input: { spaceId: s.id, url: input.webhookUrl, allowPrivate: env.VOUCH_UNSAFE_ALLOW_PRIVATE_URLS },
          })
        : null;
      return { ...s, webhookUrl: hook?.url ?? null, webhookSecret: hook?.secret ?? null };
    });
    const res = {
      id: space.id,
      path: spacePath(space.id),
      name: space.name,
      templateId: space.templateId,
      fields: space.fields,
      documentCount: 0,
      createdAt: space.createdAt.toISOString(),
      webhookUrl: space.webhookUrl,
      ...(space.webhookSecret ? { webhookSecret: space.webhookSecret } : {}),
    };
    return { status: 201, body: res };
  });
  if (out.replay) ctx.headers.set("x-idempotent-replay", "true");
  return json(out.body, out.status);
});

export const OPTIONS = preflight;

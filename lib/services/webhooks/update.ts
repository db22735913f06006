import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { spaces } from "@/lib/db/schema";
import { type Actor, inTeamOf } from "@/lib/db/queries/owner";
import { ServiceError } from "@/lib/services/errors";
import { checkWebhookUrl } from "@/lib/webhooks/send";
import { newWebhookSecret } from "@/lib/webhooks/sign";
import { recordAudit } from "@/lib/services/audit/record";
import { refusal } from "@/lib/services/teams/refusal";

/** A space's webhook as its owner sees it. */
export interface WebhookSettings {
  spaceId: string;
  url: string | null;
  secret: string | null;
}

/**
 * Set (or clear, with null) a space's webhook URL; a secret is created with the first URL
 * and kept afterwards. `rotateSecret` replaces the secret. The URL must pass the SSRF guard.
 */
export async function updateWebhook({
  db,
  userId,
  input,
}: {
  db: DbOrTx;
  userId: Actor;
  input: { spaceId: string; url?: string | null; rotateSecret?: boolean; allowPrivate: boolean };
}): Promise<WebhookSettings> {
  const [space] = await db
    .select({ id: spaces.id, url: spaces.webhookUrl, secret: spaces.webhookSecret })
    .from(spaces)
    .where(and(eq(spaces.id, input.spaceId), inTeamOf(userId, "webhooks")));
  if (!space) throw await refusal(db, { spaceId: input.spaceId }, "space");
  let url = space.url;
  if (input.url !== undefined) {
    const next = input.url?.trim() || null;
    if (next) {
      if (next.length > 2000) throw new ServiceError("invalid", "The webhook URL is too long.", { path: "url" });
      const vetted = await checkWebhookUrl(next, input.allowPrivate);
      if ("error" in vetted) throw new ServiceError("invalid", `The webhook URL is refused: ${vetted.error}.`, { path: "url" });
    }
    url = next;
  }
  const secret = input.rotateSecret || (url && !space.secret) ? newWebhookSecret() : space.secret;
  await db.update(spaces).set({ webhookUrl: url, webhookSecret: secret, updatedAt: new Date() }).where(eq(spaces.id, space.id));
  // The secret itself never goes into the log; only that it changed.
  const details = { url, secretRotated: secret !== space.secret };
  await recordAudit(db, { actor: userId, action: "webhook.changed", spaceId: space.id, details });
  return { spaceId: space.id, url, secret };
}

import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { spaces, webhookDeliveries } from "@/lib/db/schema";
import { type Actor, inTeamOf } from "@/lib/db/queries/owner";
import { recordAudit } from "@/lib/services/audit/record";
import { refusal } from "@/lib/services/teams/refusal";

/**
 * Queue a delivery again now (same event id, same payload), whatever its state: the
 * receiver de-duplicates on the id. Retries continue with backoff while the event is
 * younger than the max age; an older one gets this one attempt.
 */
export async function resendWebhookDelivery({ db, userId, input }: { db: DbOrTx; userId: Actor; input: { deliveryId: string } }) {
  const [row] = await db
    .select({ id: webhookDeliveries.id, spaceId: webhookDeliveries.spaceId })
    .from(webhookDeliveries)
    .innerJoin(spaces, eq(spaces.id, webhookDeliveries.spaceId))
    .where(and(eq(webhookDeliveries.id, input.deliveryId), inTeamOf(userId, "webhooks")));
  if (!row) throw await refusal(db, { deliveryId: input.deliveryId }, "delivery");
  await db.update(webhookDeliveries).set({ status: "pending", nextAttemptAt: sql`now()` }).where(eq(webhookDeliveries.id, row.id));
  await recordAudit(db, { actor: userId, action: "webhook.resent", spaceId: row.spaceId, target: `delivery:${row.id}` });
  return { deliveryId: row.id };
}

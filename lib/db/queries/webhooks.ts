import { and, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import type { TeamAction } from "@/lib/teams/roles";
import { spaces, webhookAttempts, webhookDeliveries } from "@/lib/db/schema";
import { type Actor, inTeamOf } from "@/lib/db/queries/owner";

/** A space's latest deliveries (owner checked first) with every attempt, newest first. */
export async function listWebhookDeliveries(db: DbOrTx, params: { userId: Actor; action?: TeamAction; spaceId: string; limit?: number }) {
  const deliveries = await db
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      createdAt: webhookDeliveries.createdAt,
      url: webhookDeliveries.url,
    })
    .from(webhookDeliveries)
    .innerJoin(spaces, eq(spaces.id, webhookDeliveries.spaceId))
    .where(and(inTeamOf(params.userId, params.action), eq(webhookDeliveries.spaceId, params.spaceId)))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(params.limit ?? 50);
  if (deliveries.length === 0) return [];
  const attempts = await db
    .select()
    .from(webhookAttempts)
    .where(
      inArray(
        webhookAttempts.deliveryId,
        deliveries.map((d) => d.id),
      ),
    )
    .orderBy(desc(webhookAttempts.createdAt));
  return deliveries.map((d) => ({ ...d, attemptLog: attempts.filter((a) => a.deliveryId === d.id) }));
}

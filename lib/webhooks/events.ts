/**
 * Webhook events as rows of webhook_deliveries. The event id is derived from (document,
 * event type), so recording the same event twice (a job re-run after a crash, a retried
 * request) inserts it once: receivers see at-least-once delivery of one stable id.
 */
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { spaces, webhookDeliveries } from "@/lib/db/schema";

/** The events a space's webhook receives. */
export const webhookEventTypes = ["upload.received", "item.created", "ocr.completed", "ocr.failed"] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** The body every delivery carries (signed as sent). */
export interface WebhookPayload {
  id: string;
  type: WebhookEventType | "ping";
  createdAt: string;
  spaceId: string;
  data: Record<string, unknown>;
}

/** The stable id of one event about one document: `evt_` + 24 hex chars. */
export function eventIdFor(documentId: string, type: string): string {
  return `evt_${createHash("sha256").update(`${documentId}\u0000${type}`).digest("hex").slice(0, 24)}`;
}

/**
 * Record an event for delivery when the space has a webhook URL (no URL: nothing to do).
 * Returns the event id, or null when no webhook is configured.
 */
export async function recordWebhookEvent(
  db: DbOrTx,
  input: { spaceId: string; documentId: string; type: WebhookEventType; data: Record<string, unknown> },
): Promise<string | null> {
  const [space] = await db.select({ url: spaces.webhookUrl }).from(spaces).where(eq(spaces.id, input.spaceId));
  if (!space?.url) return null;
  const id = eventIdFor(input.documentId, input.type);
  const payload: WebhookPayload = {
    id,
    type: input.type,
    createdAt: new Date().toISOString(),
    spaceId: input.spaceId,
    data: { documentId: input.documentId, ...input.data },
  };
  await db
    .insert(webhookDeliveries)
    .values({ spaceId: input.spaceId, eventId: id, eventType: input.type, url: space.url, payload, nextAttemptAt: sql`now()` })
    .onConflictDoNothing({ target: webhookDeliveries.eventId });
  return id;
}

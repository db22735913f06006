/**
 * Delivers webhook_deliveries rows. Every process that runs the background runtime polls
 * the table; a batch is claimed with `for update skip locked` and leased (next_attempt_at
 * pushed past the call's timeout), so two processes never send one delivery at once and a
 * process killed mid-call leaves a lease that simply expires into a retry.
 * Failures retry with exponential backoff until the event is older than the max age.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { webhookAttempts, webhookDeliveries } from "@/lib/db/schema";
import type { Env } from "@/lib/env";
import { postWebhook } from "./send";
import { SIGNATURE_HEADER, signatureHeader } from "./sign";

/** Retry policy and timing (from env; tests shorten everything). */
export interface DispatchConfig {
  retryBaseMs: number;
  retryMaxMs: number;
  maxAgeMs: number;
  pollMs: number;
  timeoutMs: number;
  allowPrivate: boolean;
}

/** The dispatch configuration of an environment. */
export function dispatchConfig(env: Env): DispatchConfig {
  return {
    retryBaseMs: env.VOUCH_WEBHOOK_RETRY_BASE_MS,
    retryMaxMs: env.VOUCH_WEBHOOK_RETRY_MAX_MS,
    maxAgeMs: env.VOUCH_WEBHOOK_MAX_AGE_MS,
    pollMs: env.VOUCH_WEBHOOK_POLL_MS,
    timeoutMs: env.VOUCH_WEBHOOK_TIMEOUT_MS,
    allowPrivate: env.VOUCH_UNSAFE_ALLOW_PRIVATE_URLS,
  };
}

/** Delay before retry number `attempts` (1 = after the first failure). */
export function backoffMs(attempts: number, cfg: Pick<DispatchConfig, "retryBaseMs" | "retryMaxMs">): number {
  return Math.min(cfg.retryMaxMs, cfg.retryBaseMs * 2 ** Math.max(0, attempts - 1));
}

interface Claimed {
  id: string;
  event_id: string;
  event_type: string;
  payload: unknown;
  attempts: number;
  created_at: string | Date;
  url: string | null;
  secret: string | null;
}

const BATCH = 16;

/** Claim due deliveries (leased), send them, record each attempt. Returns how many were sent. */
export async function dispatchDue(db: Db, cfg: DispatchConfig): Promise<number> {
  // Long enough for the call to finish; short enough that a crashed claimer's rows come back soon.
  const leaseMs = cfg.timeoutMs + 5_000;
  const res = await db.execute(sql`
    with due as (
      select id from webhook_deliveries
      where status = 'pending' and (next_attempt_at is null or next_attempt_at <= now())
      order by next_attempt_at nulls first, created_at
      limit ${BATCH}
      for update skip locked)
    update webhook_deliveries d
      set next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000}), attempts = d.attempts + 1
    from due, spaces s
    where d.id = due.id and s.id = d.space_id
    returning d.id, d.event_id, d.event_type, d.payload, d.attempts, d.created_at, s.webhook_url as url, s.webhook_secret as secret`);
  const rows = ((res as unknown as { rows?: Claimed[] }).rows ?? (res as unknown as Claimed[])) as Claimed[];
  await Promise.all(rows.map((r) => deliverOne(db, r, cfg)));
  return rows.length;
}

async function deliverOne(db: Db, row: Claimed, cfg: DispatchConfig): Promise<void> {
  const createdAt = new Date(row.created_at).getTime();
  if (!row.url || !row.secret) {
    // The space's webhook was removed since the event was recorded: nothing to send to.
    await db.update(webhookDeliveries).set({ status: "failed", nextAttemptAt: null }).where(eq(webhookDeliveries.id, row.id));
    await db.insert(webhookAttempts).values({ deliveryId: row.id, error: "the space has no webhook URL any more" });
    return;
  }
  // The body is serialized once per attempt and signed exactly as sent.
  const body = JSON.stringify(row.payload);
  const outcome = await postWebhook(
    row.url,
    body,
    {
      "content-type": "application/json; charset=utf-8",
      "user-agent": "Vouch-Webhooks/1",
      "x-vouch-event": row.event_type,
      "x-vouch-event-id": row.event_id,
      "x-vouch-attempt": String(row.attempts),
      [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(row.secret, body),
    },
    { timeoutMs: cfg.timeoutMs, allowPrivate: cfg.allowPrivate },
  );
  await db.insert(webhookAttempts).values({
    deliveryId: row.id,
    statusCode: outcome.statusCode,
    latencyMs: outcome.latencyMs,
    responseExcerpt: outcome.responseExcerpt,
    error: outcome.error,
  });
  if (outcome.ok) {
    await db.update(webhookDeliveries).set({ status: "delivered", url: row.url, nextAttemptAt: null }).where(eq(webhookDeliveries.id, row.id));
    return;
  }
  const next = Date.now() + backoffMs(row.attempts, cfg);
  const expired = next - createdAt > cfg.maxAgeMs;
  await db
    .update(webhookDeliveries)
    .set(expired ? { status: "failed", url: row.url, nextAttemptAt: null } : { url: row.url, nextAttemptAt: new Date(next) })
    .where(eq(webhookDeliveries.id, row.id));
}

interface DispatcherState {
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  stopped: boolean;
  wake: () => void;
}

const g = globalThis as typeof globalThis & { __vouchWebhooks?: DispatcherState };

/** Start this process's delivery loop (idempotent). */
export function startWebhookDispatcher(db: Db, cfg: DispatchConfig): void {
  if (g.__vouchWebhooks && !g.__vouchWebhooks.stopped) return;
  const state: DispatcherState = { timer: null, running: null, stopped: false, wake: () => {} };
  const tick = async () => {
    state.timer = null;
    if (state.stopped) return;
    let sent = 0;
    try {
      sent = await dispatchDue(db, cfg);
    } catch (err) {
      console.error("[webhooks] dispatch failed:", (err as Error).message);
    }
    if (!state.stopped) state.timer = setTimeout(run, sent >= BATCH ? 0 : cfg.pollMs);
  };
  const run = () => {
    state.running = tick();
  };
  state.wake = () => {
    if (state.timer && !state.stopped) {
      clearTimeout(state.timer);
      state.timer = setTimeout(run, 0);
    }
  };
  g.__vouchWebhooks = state;
  state.timer = setTimeout(run, 0);
}

/** Look for due deliveries now instead of at the next poll (after recording events). */
export function wakeWebhookDispatcher(): void {
  g.__vouchWebhooks?.wake();
}

/** Stop the loop and wait for the batch in flight. */
export async function stopWebhookDispatcher(): Promise<void> {
  const state = g.__vouchWebhooks;
  if (!state) return;
  state.stopped = true;
  if (state.timer) clearTimeout(state.timer);
  await state.running?.catch(() => {});
}

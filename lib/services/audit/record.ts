import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { type Actor, actorUserId } from "@/lib/db/queries/owner";
import { auditEvents } from "@/lib/db/schema";
import { wellFormedJson } from "@/lib/text/well-formed";
import type { AuditAction } from "./actions";
import { requestOrigin } from "./context";

/** What happened; who, from where and when are filled in here. */
export interface AuditEntry {
  /** who acted: a user id or an API key (its creator is the actor); null for the system. */
  actor: Actor | null;
  action: AuditAction;
  /** the team it happened in; found from `spaceId` when not given (give it when the space is already gone). */
  teamId?: string | null;
  spaceId?: string | null;
  documentId?: string | null;
  /** "kind:id" of what else the action touched (api_key:…, delivery:…, user:…). */
  target?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Record one audited action: the one function every audited write calls, with the transaction the
 * write runs in when it has one (so a rolled-back write leaves no event, and an event cannot be lost
 * after a committed write). Client address, request id and API key come from the request's origin
 * (./context.ts); the actor's e-mail and the space's team are copied in the same statement.
 */
export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  const origin = requestOrigin();
  const key = entry.actor && typeof entry.actor !== "string" ? entry.actor : null;
  const actorId = entry.actor ? actorUserId(entry.actor) || null : null;
  const teamId = entry.teamId ?? key?.teamId ?? null;
  await db.insert(auditEvents).values({
    actorId,
    actorEmail: actorId ? sql`(select u.email from users u where u.id = ${actorId})` : null,
    apiKeyId: key?.keyId || origin.apiKeyId || null,
    teamId: teamId ?? (entry.spaceId ? sql`(select s.team_id from spaces s where s.id = ${entry.spaceId})` : null),
    action: entry.action,
    spaceId: entry.spaceId ?? null,
    documentId: entry.documentId ?? null,
    target: entry.target ?? null,
    details: wellFormedJson(entry.details ?? {}),
    ip: origin.ip,
    requestId: origin.requestId,
  });
}

import { and, desc, eq, gte, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { auditEvents } from "@/lib/db/schema";

/** What the audit page filters on; every field optional. Dates are whole UTC days (YYYY-MM-DD), both ends included. */
export interface AuditFilter {
  actorId?: string;
  action?: string;
  spaceId?: string;
  from?: string;
  to?: string;
}

/**
 * Whose log: one team's events (its admins read it, permission `audit`), plus the instance-wide ones (users
 * created by the instance admin, the CLI's key revocations: no team) for an instance admin.
 */
export interface AuditScope {
  teamId: string;
  instance: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The tenant condition of the audit log (first in every where). */
function inScope(scope: AuditScope): SQL {
  const team = eq(auditEvents.teamId, scope.teamId);
  return scope.instance ? (or(team, isNull(auditEvents.teamId)) as SQL) : team;
}

function conditions(scope: AuditScope, f: AuditFilter): SQL[] {
  const out: SQL[] = [inScope(scope)];
  if (f.actorId) out.push(eq(auditEvents.actorId, f.actorId));
  if (f.action) out.push(eq(auditEvents.action, f.action));
  if (f.spaceId) out.push(eq(auditEvents.spaceId, f.spaceId));
  if (f.from && DAY.test(f.from)) out.push(gte(auditEvents.at, new Date(`${f.from}T00:00:00Z`)));
  if (f.to && DAY.test(f.to)) out.push(lt(auditEvents.at, new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000)));
  return out;
}

/**
 * Audit events, newest first, for an admin (the page and its CSV export). `limit` rows from
 * `offset`; `total` counts every match. The space's current name is joined in (null once deleted).
 */
export async function listAuditEvents(db: DbOrTx, params: { scope: AuditScope; filter: AuditFilter; limit: number; offset?: number }) {
  const where = and(...conditions(params.scope, params.filter));
  const rows = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorId: auditEvents.actorId,
      actorEmail: auditEvents.actorEmail,
      apiKeyId: auditEvents.apiKeyId,
      action: auditEvents.action,
      spaceId: auditEvents.spaceId,
      spaceName: sql<string | null>`(select s.name from spaces s where s.id = ${auditEvents.spaceId})`,
      documentId: auditEvents.documentId,
      target: auditEvents.target,
      details: auditEvents.details,
      ip: auditEvents.ip,
      requestId: auditEvents.requestId,
    })
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(params.limit)
    .offset(params.offset ?? 0);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(where);
  return { rows, total: count?.n ?? 0 };
}

export type AuditRow = Awaited<ReturnType<typeof listAuditEvents>>["rows"][number];

/** The actors and spaces that appear in the scope's log, for the page's filter menus. */
export async function auditFilterChoices(db: DbOrTx, params: { scope: AuditScope }) {
  const actors = await db
    .selectDistinct({ id: auditEvents.actorId, email: auditEvents.actorEmail })
    .from(auditEvents)
    .where(and(inScope(params.scope), sql`${auditEvents.actorId} is not null`))
    .orderBy(auditEvents.actorEmail);
  const spaceRes = await db.execute(
    sql`select distinct a.space_id as id, coalesce(s.name, a.space_id) as name from audit_events a left join spaces s on s.id = a.space_id where a.space_id is not null and a.team_id = ${params.scope.teamId} order by 2`,
  );
  const spaces = ((spaceRes as { rows?: Array<{ id: string; name: string }> }).rows ?? []).map((r) => ({ id: r.id, name: r.name }));
  return { actors: actors.flatMap((a) => (a.id ? [{ id: a.id, email: a.email ?? a.id }] : [])), spaces };
}

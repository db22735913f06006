import { ApiError } from "@/lib/contract/errors";
import { getDb } from "@/lib/db/client";
import { type AuditFilter, listAuditEvents } from "@/lib/db/queries/audit";
import { csvTable } from "@/lib/export/csv";
import { apiRoute } from "@/lib/http/route";
import { isAuditAction } from "@/lib/services/audit/actions";
import { recordAudit } from "@/lib/services/audit/record";
import { requireSessionUser } from "@/lib/session/require-user";
import { activeTeam } from "@/lib/session/team";
import { can } from "@/lib/teams/roles";

export const dynamic = "force-dynamic";

/** At most this many entries in one file: an export of a long-running install is cut by date instead. */
const MAX_ROWS = 100_000;

const HEADER = ["at", "actor_email", "actor_id", "api_key_id", "action", "space_id", "space_name", "document_id", "target", "details", "ip", "request_id"];

/**
 * GET /api/audit?actor=&action=&space=&from=YYYY-MM-DD&to=YYYY-MM-DD — the active team's audit log as CSV (its owners and
 * admins, session cookie),
 * with the same filters as the page. Every cell goes through the export's formula neutralisation: actors' names,
 * file names and corrected values are user text. The export itself is audited.
 */
export const GET = apiRoute(async (req) => {
  const user = await requireSessionUser();
  const team = await activeTeam(user.id);
  if (!team || !can(team.role, "audit")) throw new ApiError("forbidden", "Only the team's owners and admins read its audit log.");
  const scope = { teamId: team.id, instance: user.role === "admin" };
  const q = new URL(req.url).searchParams;
  const action = q.get("action") ?? "";
  const filter: AuditFilter = {
    ...(q.get("actor") ? { actorId: q.get("actor") as string } : {}),
    ...(action ? { action: isAuditAction(action) ? action : "-" } : {}),
    ...(q.get("space") ? { spaceId: q.get("space") as string } : {}),
    ...(q.get("from") ? { from: q.get("from") as string } : {}),
    ...(q.get("to") ? { to: q.get("to") as string } : {}),
  };
  const db = await getDb();
  const { rows, total } = await listAuditEvents(db, { scope, filter, limit: MAX_ROWS });
  await recordAudit(db, { actor: user.id, teamId: team.id, action: "audit.exported", details: { ...filter, entries: rows.length } });
  const csv = csvTable(
    HEADER,
    rows.map((r) => [
      r.at.toISOString(),
      r.actorEmail ?? "",
      r.actorId ?? "",
      r.apiKeyId ?? "",
      r.action,
      r.spaceId ?? "",
      r.spaceName ?? "",
      r.documentId ?? "",
      r.target ?? "",
      JSON.stringify(r.details),
      r.ip ?? "",
      r.requestId ?? "",
    ]),
  );
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="vouch-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
      "x-total-count": String(total),
    },
  });
});

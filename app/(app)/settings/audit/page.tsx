import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { type AuditFilter, auditFilterChoices, listAuditEvents } from "@/lib/db/queries/audit";
import { AUDIT_ACTIONS, auditActionNames, isAuditAction } from "@/lib/services/audit/actions";
import { activeTeam } from "@/lib/session/team";
import { can } from "@/lib/teams/roles";
import { displayName } from "@/lib/text/bidi";

export const dynamic = "force-dynamic";

const PER_PAGE = 100;

type Search = Partial<Record<"actor" | "action" | "space" | "from" | "to" | "page", string>>;

/** The search parameters as a filter (unknown values dropped). */
function filterOf(q: Search): AuditFilter {
  return {
    ...(q.actor ? { actorId: q.actor } : {}),
    ...(q.action && isAuditAction(q.action) ? { action: q.action } : {}),
    ...(q.space ? { spaceId: q.space } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
  };
}

/** The filter as a query string (for the CSV link and the pages). */
function queryOf(q: Search, page?: number): string {
  const p = new URLSearchParams();
  for (const k of ["actor", "action", "space", "from", "to"] as const) if (q[k]) p.set(k, q[k] as string);
  if (page && page > 1) p.set("page", String(page));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** Details in a line: key=value pairs, long values cut. */
function detailsLine(d: Record<string, unknown>): string {
  return Object.entries(d)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ")
    .slice(0, 240);
}

/** Admins: who did what, when, from where — filtered by actor, action, space and date; exportable as CSV. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  const team = await activeTeam(user.id);
  if (!team || !can(team.role, "audit")) redirect("/");
  // the team's log; an instance admin also sees what happened outside any team
  const scope = { teamId: team.id, instance: user.role === "admin" };
  const q = await searchParams;
  const page = Math.max(1, Number.parseInt(q.page ?? "1", 10) || 1);
  const db = await getDb();
  const filter = filterOf(q);
  const [{ rows, total }, choices] = await Promise.all([
    listAuditEvents(db, { scope, filter, limit: PER_PAGE, offset: (page - 1) * PER_PAGE }),
    auditFilterChoices(db, { scope }),
  ]);
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  return (
    <div className="stack" style={{ maxWidth: 1300 }}>
      <h1>Audit log · {displayName(team.name)}</h1>
      <p className="muted">
        Every upload, correction, review, export and deletion, and every change to users, API keys and webhooks, with who did it, when (UTC), from which address
        and under which request id. Entries are never changed or removed.
      </p>
      <form method="get" className="row" style={{ flexWrap: "wrap", gap: 8, alignItems: "end" }} data-testid="audit-filter">
        <label>
          Who
          <select name="actor" defaultValue={q.actor ?? ""}>
            <option value="">anyone</option>
            {choices.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.email}
              </option>
            ))}
          </select>
        </label>
        <label>
          Action
          <select name="action" defaultValue={q.action ?? ""}>
            <option value="">any</option>
            {auditActionNames.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          Space
          <select name="space" defaultValue={q.space ?? ""}>
            <option value="">any</option>
            {choices.spaces.map((s) => (
              <option key={s.id} value={s.id}>
                {displayName(s.name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" name="from" defaultValue={q.from ?? ""} />
        </label>
        <label>
          To
          <input type="date" name="to" defaultValue={q.to ?? ""} />
        </label>
        <button type="submit">Filter</button>
        <a className="button" href={`/api/audit${queryOf(q)}`} data-testid="audit-csv" download>
          Export CSV
        </a>
      </form>
      <p className="muted" data-testid="audit-count">
        {total} {total === 1 ? "entry" : "entries"}
        {pages > 1 ? ` · page ${page} of ${pages}` : ""}
      </p>
      <table className="list" data-testid="audit-table">
        <thead>
          <tr>
            <th>When (UTC)</th>
            <th>Who</th>
            <th>Action</th>
            <th>Space</th>
            <th>Details</th>
            <th>From</th>
            <th>Request</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="audit-row" data-action={r.action}>
              <td style={{ whiteSpace: "nowrap" }}>{r.at.toISOString().slice(0, 19).replace("T", " ")}</td>
              <td>
                {r.actorEmail ?? (r.actorId ? r.actorId : <span className="muted">system</span>)}
                {r.apiKeyId ? <span className="muted"> (API key)</span> : null}
              </td>
              <td title={r.action}>{isAuditAction(r.action) ? AUDIT_ACTIONS[r.action] : r.action}</td>
              <td>
                {r.spaceId ? (
                  r.spaceName !== null ? (
                    <Link href={`/spaces/${r.spaceId}`}>{displayName(r.spaceName)}</Link>
                  ) : (
                    <span className="muted">deleted</span>
                  )
                ) : null}
              </td>
              <td>
                {r.documentId && r.spaceName !== null && r.spaceId ? <Link href={`/spaces/${r.spaceId}/documents/${r.documentId}`}>document</Link> : null}{" "}
                <span className="muted">{detailsLine(r.details)}</span>
              </td>
              <td>{r.ip}</td>
              <td>
                <code>{r.requestId}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row" style={{ gap: 12 }}>
        {page > 1 ? <Link href={`/settings/audit${queryOf(q, page - 1)}`}>Newer</Link> : null}
        {page < pages ? <Link href={`/settings/audit${queryOf(q, page + 1)}`}>Older</Link> : null}
      </div>
    </div>
  );
}

import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { type AuditFilter, auditFilterChoices, listAuditEvents } from "@/lib/db/queries/audit";
import { WHEN_UTC } from "@/lib/i18n/format";
import { auditActionNames, isAuditAction } from "@/lib/services/audit/actions";
import { requireTeamPage } from "@/lib/session/team";
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
  const { user, team } = await requireTeamPage("audit");
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
  const t = await getTranslations("audit");
  const format = await getFormatter();
  const actionText = (a: string) => (isAuditAction(a) ? t(`actions.${a}`) : a);
  return (
    <div className="stack" style={{ maxWidth: 1300 }}>
      <h1>{t("title", { team: displayName(team.name) })}</h1>
      <p className="muted">{t("intro")}</p>
      <form method="get" className="row" style={{ flexWrap: "wrap", gap: 8, alignItems: "end" }} data-testid="audit-filter">
        <label>
          {t("who")}
          <select name="actor" defaultValue={q.actor ?? ""}>
            <option value="">{t("anyone")}</option>
            {choices.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.email}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("action")}
          <select name="action" defaultValue={q.action ?? ""}>
            <option value="">{t("any")}</option>
            {auditActionNames.map((a) => (
              <option key={a} value={a}>
                {actionText(a)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("space")}
          <select name="space" defaultValue={q.space ?? ""}>
            <option value="">{t("any")}</option>
            {choices.spaces.map((s) => (
              <option key={s.id} value={s.id}>
                {displayName(s.name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("from")}
          <input type="date" name="from" defaultValue={q.from ?? ""} />
        </label>
        <label>
          {t("to")}
          <input type="date" name="to" defaultValue={q.to ?? ""} />
        </label>
        <button type="submit">{t("filter")}</button>
        <a className="button" href={`/api/audit${queryOf(q)}`} data-testid="audit-csv" download>
          {t("exportCsv")}
        </a>
      </form>
      <p className="muted" data-testid="audit-count">
        {t("count", { count: total })}
        {pages > 1 ? ` · ${t("page", { page, pages })}` : ""}
      </p>
      <table className="list" data-testid="audit-table">
        <thead>
          <tr>
            <th>{t("when")}</th>
            <th>{t("who")}</th>
            <th>{t("action")}</th>
            <th>{t("space")}</th>
            <th>{t("details")}</th>
            <th>{t("address")}</th>
            <th>{t("request")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="audit-row" data-action={r.action}>
              <td style={{ whiteSpace: "nowrap" }} title={r.at.toISOString()}>
                {format.dateTime(r.at, { ...WHEN_UTC, timeStyle: "medium" })}
              </td>
              <td>
                {r.actorEmail ?? (r.actorId ? r.actorId : <span className="muted">{t("system")}</span>)}
                {r.apiKeyId ? <span className="muted"> {t("viaKey")}</span> : null}
              </td>
              <td title={r.action}>{actionText(r.action)}</td>
              <td>
                {r.spaceId ? (
                  r.spaceName !== null ? (
                    <Link href={`/spaces/${r.spaceId}`}>{displayName(r.spaceName)}</Link>
                  ) : (
                    <span className="muted">{t("deleted")}</span>
                  )
                ) : null}
              </td>
              <td>
                {r.documentId && r.spaceName !== null && r.spaceId ? (
                  <Link href={`/spaces/${r.spaceId}/documents/${r.documentId}`}>{t("document")}</Link>
                ) : null}{" "}
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
        {page > 1 ? <Link href={`/settings/audit${queryOf(q, page - 1)}`}>{t("newer")}</Link> : null}
        {page < pages ? <Link href={`/settings/audit${queryOf(q, page + 1)}`}>{t("older")}</Link> : null}
      </div>
    </div>
  );
}

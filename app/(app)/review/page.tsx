import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { getReviewQueue } from "@/lib/db/queries/review";
import { listTeamMembers } from "@/lib/db/queries/teams";
import { activeTeam } from "@/lib/session/team";
import { can } from "@/lib/teams/roles";
import { displayName } from "@/lib/text/bidi";
import { assignAction, startReviewAction } from "./actions";

export const dynamic = "force-dynamic";

/**
 * The review queue across the spaces the user can see (filter by space): what is left per space, and the
 * documents to review, riskiest first, each with who holds it. "Review next" serves a document nobody holds;
 * admins assign documents to reviewers. An empty queue says so instead of showing empty tables.
 */
export default async function ReviewPage({ searchParams }: { searchParams: Promise<{ space?: string; empty?: string }> }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  const q = await searchParams;
  const db = await getDb();
  const team = await activeTeam(user.id);
  const all = team ? await getReviewQueue(db, { userId: user.id, teamId: team.id }) : { documents: [], spaces: [] };
  const spaceId = q.space && all.spaces.some((s) => s.id === q.space) ? q.space : undefined;
  const documents = spaceId ? all.documents.filter((d) => d.spaceId === spaceId) : all.documents;
  const stats = [...all.spaces].sort((a, b) => b.failedChecks - a.failedChecks || b.open - a.open);
  const total = stats.filter((s) => !spaceId || s.id === spaceId).reduce((n, s) => n + s.open, 0);
  // admins hand documents to the team's active members who may review
  const reviewers =
    team && can(team.role, "assign")
      ? (await listTeamMembers(db, { userId: user.id, teamId: team.id }))
          .filter((m) => !m.deactivatedAt && can(m.role, "review"))
          .map((m) => ({ id: m.userId, email: m.email }))
      : [];
  const mayReview = can(team?.role, "review");
  const free = documents.filter((d) => !d.holder || d.holder.userId === user.id).length;
  const t = await getTranslations("reviewPage");
  const format = await getFormatter();
  const n = (x: number) => format.number(x);
  const spaceName = spaceId ? displayName(all.spaces.find((s) => s.id === spaceId)?.name ?? "") : null;
  return (
    <div className="stack" style={{ maxWidth: 1100 }}>
      <h1>{team ? t("titleOf", { team: displayName(team.name) }) : t("title")}</h1>
      {total > 0 ? <p className="muted">{t(mayReview ? "summary" : "summaryReadOnly", { count: total })}</p> : null}
      {all.spaces.length > 0 ? (
        <form action={startReviewAction} className="row" style={{ gap: 8, alignItems: "end" }} data-testid="review-next-form">
          <label>
            {t("space")}
            <select name="space" defaultValue={spaceId ?? ""} data-testid="review-space-filter">
              <option value="">{t("allSpaces")}</option>
              {all.spaces.map((s) => (
                <option key={s.id} value={s.id}>
                  {displayName(s.name)}
                </option>
              ))}
            </select>
          </label>
          {mayReview ? (
            <button type="submit" className="primary" disabled={free === 0} data-testid="review-next">
              {t("reviewNext")}
            </button>
          ) : null}
          <span className="muted">{mayReview && free === 0 && documents.length > 0 ? t("allHeld") : null}</span>
          {q.empty ? (
            <span role="status" data-testid="review-next-empty">
              {q.empty === "error" ? t("error") : t("nothingFree")}
            </span>
          ) : null}
        </form>
      ) : null}
      {stats.length > 0 ? (
        <table className="list" data-testid="review-spaces">
          <thead>
            <tr>
              <th>{t("space")}</th>
              <th>{t("values")}</th>
              <th>{t("failedChecks")}</th>
              <th>{t("documents")}</th>
              <th>{t("reviewable")}</th>
              <th>{t("reviewed")}</th>
            </tr>
          </thead>
          <tbody>
            {stats.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link href={`/spaces/${s.id}?view=review`}>{displayName(s.name)}</Link>{" "}
                  <Link href={`/review?space=${encodeURIComponent(s.id)}`} className="muted">
                    {t("filter")}
                  </Link>
                </td>
                <td>{n(s.open)}</td>
                <td>{n(s.failedChecks)}</td>
                <td>{n(s.documents)}</td>
                <td>{n(s.reviewable)}</td>
                <td>{n(s.reviewed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {documents.length === 0 ? (
        <div className="card stack" data-testid="review-empty" role="status">
          <strong>{spaceName ? t("emptyIn", { space: spaceName }) : t("empty")}</strong>
          <span className="muted">{all.spaces.length === 0 ? t("emptyNoSpaces") : t("emptyHint")}</span>
          <div>
            <Link href="/">{t("toSpaces")}</Link>
          </div>
        </div>
      ) : (
        <>
          <h2>{spaceName ? t("documentsIn", { space: spaceName }) : t("documentsTitle")}</h2>
          <table className="list" data-testid="review-documents">
            <thead>
              <tr>
                <th>{t("document")}</th>
                <th>{t("space")}</th>
                <th>{t("values")}</th>
                <th>{t("failedChecks")}</th>
                <th>{t("heldBy")}</th>
                {reviewers.length > 0 ? <th>{t("assign")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.documentId} data-testid="review-document" data-document-id={d.documentId} data-holder={d.holder?.email ?? ""}>
                  <td>
                    <Link href={`/spaces/${d.spaceId}/documents/${d.documentId}?walk=queue`}>{displayName(d.fileName)}</Link>
                  </td>
                  <td>{displayName(d.spaceName)}</td>
                  <td>{n(d.open)}</td>
                  <td>{n(d.failedChecks)}</td>
                  <td data-testid="review-holder">
                    {d.holder
                      ? d.holder.kind === "assignment"
                        ? t("assigned", { email: d.holder.email })
                        : d.holder.expiresAt
                          ? t("claimedUntil", { email: d.holder.email, time: format.dateTime(d.holder.expiresAt, { timeStyle: "short", timeZone: "UTC" }) })
                          : d.holder.email
                      : null}
                  </td>
                  {reviewers.length > 0 ? (
                    <td>
                      <form action={assignAction} className="row" style={{ gap: 4 }}>
                        <input type="hidden" name="documentId" value={d.documentId} />
                        <select
                          name="assignee"
                          defaultValue={d.holder?.kind === "assignment" ? d.holder.userId : ""}
                          aria-label={t("assignLabel", { file: d.fileName })}
                        >
                          <option value="">{t("nobody")}</option>
                          {reviewers.map((r) => (
                            <option key={r.id} value={r.id}>
                              {r.email}
                            </option>
                          ))}
                        </select>
                        <button type="submit">{t("assign")}</button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

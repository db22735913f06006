import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { getReviewQueue } from "@/lib/db/queries/review";
import { listTeamMembers } from "@/lib/db/queries/teams";
import { activeTeam } from "@/lib/session/team";
import { can } from "@/lib/teams/roles";
import { displayName } from "@/lib/text/bidi";
import { assignAction, startReviewAction } from "./actions";

export const dynamic = "force-dynamic";

const time = (d: Date) => d.toISOString().slice(11, 16);

/**
 * The review queue across the spaces the user can see (filter by space): what is left per space, and the
 * documents to review, riskiest first, each with who holds it. "Review next" serves a document nobody holds;
 * admins assign documents to reviewers.
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
  const free = documents.filter((d) => !d.holder || d.holder.userId === user.id).length;
  return (
    <div className="stack" style={{ maxWidth: 1100 }}>
      <h1>Review queue{team ? ` · ${displayName(team.name)}` : ""}</h1>
      <p className="muted">
        {total === 0 ? "Nothing to review." : `${total} values need a look. Open a space's queue: Enter accepts, typing edits, Tab moves on.`}
      </p>
      <form action={startReviewAction} className="row" style={{ gap: 8, alignItems: "end" }} data-testid="review-next-form">
        <label>
          Space
          <select name="space" defaultValue={spaceId ?? ""} data-testid="review-space-filter">
            <option value="">all spaces</option>
            {all.spaces.map((s) => (
              <option key={s.id} value={s.id}>
                {displayName(s.name)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={free === 0} data-testid="review-next">
          Review next
        </button>
        <span className="muted">{free === 0 && documents.length > 0 ? "Every document left is held by someone else." : null}</span>
        {q.empty ? (
          <span role="status" data-testid="review-next-empty">
            {q.empty === "error" ? "That did not work; see the server log." : "Nothing left that nobody else holds."}
          </span>
        ) : null}
      </form>
      <table className="list" data-testid="review-spaces">
        <thead>
          <tr>
            <th>Space</th>
            <th>Values to review</th>
            <th>Failed checks</th>
            <th>Documents to review</th>
            <th>Ready to mark reviewed</th>
            <th>Reviewed</th>
          </tr>
        </thead>
        <tbody>
          {stats.map((s) => (
            <tr key={s.id}>
              <td>
                <Link href={`/spaces/${s.id}?view=review`}>{displayName(s.name)}</Link>{" "}
                <Link href={`/review?space=${encodeURIComponent(s.id)}`} className="muted">
                  (filter)
                </Link>
              </td>
              <td>{s.open}</td>
              <td>{s.failedChecks}</td>
              <td>{s.documents}</td>
              <td>{s.reviewable}</td>
              <td>{s.reviewed}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Documents to review{spaceId ? ` in ${displayName(all.spaces.find((s) => s.id === spaceId)?.name ?? "")}` : ""}</h2>
      <table className="list" data-testid="review-documents">
        <thead>
          <tr>
            <th>Document</th>
            <th>Space</th>
            <th>Values</th>
            <th>Failed checks</th>
            <th>Held by</th>
            {reviewers.length > 0 ? <th>Assign</th> : null}
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <tr key={d.documentId} data-testid="review-document" data-document-id={d.documentId} data-holder={d.holder?.email ?? ""}>
              <td>
                <Link href={`/spaces/${d.spaceId}/documents/${d.documentId}?walk=queue`}>{displayName(d.fileName)}</Link>
              </td>
              <td>{displayName(d.spaceName)}</td>
              <td>{d.open}</td>
              <td>{d.failedChecks}</td>
              <td data-testid="review-holder">
                {d.holder
                  ? d.holder.kind === "assignment"
                    ? `${d.holder.email} (assigned)`
                    : `${d.holder.email} until ${d.holder.expiresAt ? time(d.holder.expiresAt) : "?"} UTC`
                  : null}
              </td>
              {reviewers.length > 0 ? (
                <td>
                  <form action={assignAction} className="row" style={{ gap: 4 }}>
                    <input type="hidden" name="documentId" value={d.documentId} />
                    <select name="assignee" defaultValue={d.holder?.kind === "assignment" ? d.holder.userId : ""} aria-label={`Assign ${d.fileName}`}>
                      <option value="">nobody</option>
                      {reviewers.map((r) => (
                        <option key={r.id} value={r.id}>
                          {r.email}
                        </option>
                      ))}
                    </select>
                    <button type="submit">Assign</button>
                  </form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

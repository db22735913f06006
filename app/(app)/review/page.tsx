import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { listSpaces } from "@/lib/db/queries/spaces";
import { getSheetRows } from "@/lib/db/queries/sheet";
import { buildReviewQueue, reviewableDocuments } from "@/lib/sheet/queue";
import { displayName } from "@/lib/text/bidi";
import { activeTeam } from "@/lib/session/team";

export const dynamic = "force-dynamic";

/** The review queue across the user's spaces: what is left, riskiest space first. */
export default async function ReviewPage() {
  const user = await currentUser();
  if (!user) redirect("/login");
  const db = await getDb();
  const team = await activeTeam(user.id);
  const spaces = team ? await listSpaces(db, { userId: user.id, teamId: team.id }) : [];
  const stats = await Promise.all(
    spaces.map(async (s) => {
      const sheet = await getSheetRows(db, { userId: user.id, spaceId: s.id });
      const rows = sheet?.rows ?? [];
      const queue = buildReviewQueue(rows);
      return {
        id: s.id,
        name: s.name,
        open: queue.length,
        documents: new Set(queue.map((q) => q.documentId)).size,
        failedChecks: queue.filter((q) => q.state === "failed_check").length,
        reviewable: reviewableDocuments(rows).length,
        reviewed: rows.filter((r) => r.status === "reviewed").length,
      };
    }),
  );
  stats.sort((a, b) => b.failedChecks - a.failedChecks || b.open - a.open);
  const total = stats.reduce((n, s) => n + s.open, 0);
  return (
    <div className="stack" style={{ maxWidth: 1000 }}>
      <h1>Review queue</h1>
      <p className="muted">
        {total === 0 ? "Nothing to review." : `${total} values need a look. Open a space's queue: Enter accepts, typing edits, Tab moves on.`}
      </p>
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
                <Link href={`/spaces/${s.id}?view=review`}>{displayName(s.name)}</Link>
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
    </div>
  );
}

import Link from "next/link";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { getSpaceById, listSpaces } from "@/lib/db/queries/spaces";
import { listWebhookDeliveries } from "@/lib/db/queries/webhooks";
import { resendAction } from "./actions";
import { WebhookForm } from "./forms";
import { displayName } from "@/lib/text/bidi";
import { activeTeam } from "@/lib/session/team";

export const dynamic = "force-dynamic";

/** Webhook settings per space: URL, secret rotation, and every delivery attempt with a resend button. */
export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ space?: string }> }) {
  const user = await currentUser();
  if (!user) return null;
  const db = await getDb();
  const team = await activeTeam(user.id);
  // webhook URLs and secrets are the admins' (lib/teams/roles.ts `webhooks`): other roles see no space here
  const spaces = team ? await listSpaces(db, { userId: user.id, action: "webhooks", teamId: team.id }) : [];
  const { space: wanted } = await searchParams;
  const current = await getSpaceById(db, { userId: user.id, action: "webhooks", spaceId: wanted ?? spaces[0]?.id ?? "" });
  const deliveries = current ? await listWebhookDeliveries(db, { userId: user.id, action: "webhooks", spaceId: current.id, limit: 100 }) : [];
  return (
    <div className="stack" style={{ maxWidth: 1100 }}>
      <h1>Webhooks</h1>
      <p className="muted">
        One receiver per space. Events: upload.received, item.created, ocr.completed, ocr.failed — signed with the space's secret (see docs/webhooks.md). Failed
        deliveries are retried with exponential backoff for up to 24 hours.
      </p>
      {spaces.length === 0 ? (
        <p>No spaces yet.</p>
      ) : (
        <nav className="row" aria-label="Spaces">
          {spaces.map((s) => (
            <Link key={s.id} href={`/settings/webhooks?space=${s.id}`} aria-current={s.id === current?.id ? "page" : undefined}>
              {displayName(s.name)}
            </Link>
          ))}
        </nav>
      )}
      {current && (
        <>
          <h2>{displayName(current.name)}</h2>
          <WebhookForm key={current.id} spaceId={current.id} url={current.webhookUrl} secret={current.webhookSecret} />
          <h3>Deliveries</h3>
          <table className="list" data-testid="webhook-deliveries">
            <thead>
              <tr>
                <th>Event</th>
                <th>Status</th>
                <th>Attempts (status · latency · response)</th>
                <th>Next try</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id}>
                  <td>
                    {d.eventType}
                    <br />
                    <code className="muted">{d.eventId}</code>
                  </td>
                  <td>{d.status}</td>
                  <td>
                    <ul style={{ margin: 0, paddingLeft: "1rem" }}>
                      {d.attemptLog.slice(0, 5).map((a) => (
                        <li key={a.id}>
                          {a.createdAt.toISOString().slice(11, 19)} · {a.statusCode ?? "—"} · {a.latencyMs ?? "—"} ms
                          {a.error ? ` · ${a.error}` : ""}
                          {a.responseExcerpt ? <code className="muted"> {a.responseExcerpt.slice(0, 120)}</code> : null}
                        </li>
                      ))}
                      {d.attemptLog.length > 5 && <li className="muted">…{d.attemptLog.length - 5} earlier</li>}
                    </ul>
                  </td>
                  <td className="muted">{d.nextAttemptAt && d.status === "pending" ? d.nextAttemptAt.toISOString().slice(11, 19) : ""}</td>
                  <td>
                    <form action={resendAction}>
                      <input type="hidden" name="deliveryId" value={d.id} />
                      <button type="submit">Resend</button>
                    </form>
                  </td>
                </tr>
              ))}
              {deliveries.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    No deliveries yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

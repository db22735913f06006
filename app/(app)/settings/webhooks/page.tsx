import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { getSpaceById, listSpaces } from "@/lib/db/queries/spaces";
import { listWebhookDeliveries } from "@/lib/db/queries/webhooks";
import { resendAction } from "./actions";
import { WebhookForm } from "./forms";
import { displayName } from "@/lib/text/bidi";
import { TIME_UTC } from "@/lib/i18n/format";
import { requireTeamPage } from "@/lib/session/team";
import { SpacePicker } from "../space-picker";

export const dynamic = "force-dynamic";

/** Webhook settings per space: URL, secret rotation, and every delivery attempt with a resend button. */
export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ space?: string }> }) {
  const { user, team } = await requireTeamPage("webhooks");
  const db = await getDb();
  // webhook URLs and secrets are the admins' (lib/teams/roles.ts `webhooks`): other roles see no space here
  const spaces = await listSpaces(db, { userId: user.id, action: "webhooks", teamId: team.id });
  const { space: wanted } = await searchParams;
  const current = await getSpaceById(db, { userId: user.id, action: "webhooks", spaceId: wanted ?? spaces[0]?.id ?? "" });
  const deliveries = current ? await listWebhookDeliveries(db, { userId: user.id, action: "webhooks", spaceId: current.id, limit: 100 }) : [];
  const t = await getTranslations("webhooks");
  const format = await getFormatter();
  const time = (d: Date) => format.dateTime(d, TIME_UTC);
  return (
    <div className="stack" style={{ maxWidth: 1100 }}>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <SpacePicker spaces={spaces} currentId={current?.id} path="/settings/webhooks" label={t("spaces")} empty={t("noSpaces")} />
      {current && (
        <>
          <h2>{displayName(current.name)}</h2>
          <WebhookForm key={current.id} spaceId={current.id} url={current.webhookUrl} secret={current.webhookSecret} />
          <h3>{t("deliveries")}</h3>
          <table className="list" data-testid="webhook-deliveries">
            <thead>
              <tr>
                <th>{t("event")}</th>
                <th>{t("status")}</th>
                <th>{t("attempts")}</th>
                <th>{t("nextTry")}</th>
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
                  <td>{t.has(`state.${d.status}`) ? t(`state.${d.status}`) : d.status}</td>
                  <td>
                    <ul style={{ margin: 0, paddingLeft: "1rem" }}>
                      {d.attemptLog.slice(0, 5).map((a) => (
                        <li key={a.id}>
                          {time(a.createdAt)} · {a.statusCode ?? "—"} · {a.latencyMs ?? "—"} ms
                          {a.error ? ` · ${a.error}` : ""}
                          {a.responseExcerpt ? <code className="muted"> {a.responseExcerpt.slice(0, 120)}</code> : null}
                        </li>
                      ))}
                      {d.attemptLog.length > 5 && <li className="muted">{t("earlier", { count: d.attemptLog.length - 5 })}</li>}
                    </ul>
                  </td>
                  <td className="muted">{d.nextAttemptAt && d.status === "pending" ? time(d.nextAttemptAt) : ""}</td>
                  <td>
                    <form action={resendAction}>
                      <input type="hidden" name="deliveryId" value={d.id} />
                      <button type="submit">{t("resend")}</button>
                    </form>
                  </td>
                </tr>
              ))}
              {deliveries.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    {t("noDeliveries")}
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

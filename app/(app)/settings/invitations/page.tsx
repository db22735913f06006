import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { listInvitations } from "@/lib/db/queries/invitations";
import { WHEN_UTC } from "@/lib/i18n/format";
import { requireTeamPage } from "@/lib/session/team";
import { grantableRoles } from "@/lib/teams/roles";
import { displayName } from "@/lib/text/bidi";
import { revokeInvitationAction } from "../members/actions";
import { InviteForm } from "../members/invite-form";

export const dynamic = "force-dynamic";

/** Invite links of the active team: create one for a role, see which are open, used, expired or withdrawn. */
export default async function InvitationsPage() {
  const { user, team } = await requireTeamPage("members");
  const invites = await listInvitations(await getDb(), { userId: user.id, teamId: team.id });
  const grantable = grantableRoles(team.role);
  const t = await getTranslations("members");
  const tr = await getTranslations("roles");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, WHEN_UTC);
  const now = Date.now();
  return (
    <div className="stack" style={{ maxWidth: 1000 }}>
      <h1>{t("invitationsTitle", { team: displayName(team.name) })}</h1>
      <p className="muted">{t("inviteIntro")}</p>
      <InviteForm roles={grantable.map((r) => ({ value: r, label: tr(r) }))} />
      {invites.length > 0 ? (
        <table className="list" data-testid="invitations">
          <thead>
            <tr>
              <th>{t("role")}</th>
              <th>{t("created")}</th>
              <th>{t("state")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {invites.map((i) => {
              const state = i.usedAt
                ? t("usedBy", { who: i.usedBy ?? "?", when: when(i.usedAt) })
                : i.revokedAt
                  ? t("withdrawn")
                  : i.expiresAt.getTime() <= now
                    ? t("expired")
                    : t("openUntil", { when: when(i.expiresAt) });
              return (
                <tr key={i.id}>
                  <td>{tr(i.role)}</td>
                  <td>{when(i.createdAt)}</td>
                  <td>{state}</td>
                  <td>
                    {!i.usedAt && !i.revokedAt && i.expiresAt.getTime() > now ? (
                      <form action={revokeInvitationAction}>
                        <input type="hidden" name="invitationId" value={i.id} />
                        <button type="submit">{t("withdraw")}</button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t("noInvitations")}</p>
      )}
    </div>
  );
}

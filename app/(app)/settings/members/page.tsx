import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { listTeamMembers } from "@/lib/db/queries/teams";
import { WHEN_UTC } from "@/lib/i18n/format";
import { requireTeamPage } from "@/lib/session/team";
import { can, grantableRoles } from "@/lib/teams/roles";
import { displayName } from "@/lib/text/bidi";
import { changeRoleAction, deactivateAction } from "./actions";

export const dynamic = "force-dynamic";

/** The active team's members for its admins: roles and deactivation (invite links: /settings/invitations). */
export default async function MembersPage() {
  const { user, team } = await requireTeamPage("members");
  const members = await listTeamMembers(await getDb(), { userId: user.id, teamId: team.id });
  const grantable = grantableRoles(team.role);
  const t = await getTranslations("members");
  const tr = await getTranslations("roles");
  const format = await getFormatter();
  return (
    <div className="stack" style={{ maxWidth: 1000 }}>
      <h1>{t("title", { team: displayName(team.name) })}</h1>
      <p className="muted">{t("intro")}</p>
      <table className="list" data-testid="members-table">
        <thead>
          <tr>
            <th>{t("email")}</th>
            <th>{t("name")}</th>
            <th>{t("role")}</th>
            <th>{t("status")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {members.map((m) => {
            const editable = m.userId !== user.id && (m.role !== "owner" || can(team.role, "owners"));
            return (
              <tr key={m.userId} data-testid="member" data-email={m.email} data-role={m.role} data-active={m.deactivatedAt ? "no" : "yes"}>
                <td>{m.email}</td>
                <td>{displayName(m.name)}</td>
                <td>
                  {editable ? (
                    <form action={changeRoleAction} className="row" style={{ gap: 4 }}>
                      <input type="hidden" name="memberId" value={m.userId} />
                      <select name="role" defaultValue={m.role} aria-label={t("roleOf", { email: m.email })}>
                        {grantable.map((r) => (
                          <option key={r} value={r}>
                            {tr(r)}
                          </option>
                        ))}
                      </select>
                      <button type="submit">{m.deactivatedAt ? t("reactivate") : t("change")}</button>
                    </form>
                  ) : (
                    tr(m.role)
                  )}
                </td>
                <td>{m.deactivatedAt ? t("deactivatedAt", { when: format.dateTime(m.deactivatedAt, WHEN_UTC) }) : t("active")}</td>
                <td>
                  {editable && !m.deactivatedAt ? (
                    <form action={deactivateAction}>
                      <input type="hidden" name="memberId" value={m.userId} />
                      <button type="submit" className="danger" aria-label={t("deactivateLabel", { email: m.email })}>
                        {t("deactivate")}
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

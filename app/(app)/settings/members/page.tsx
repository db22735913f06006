import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { listInvitations } from "@/lib/db/queries/invitations";
import { listTeamMembers } from "@/lib/db/queries/teams";
import { activeTeam } from "@/lib/session/team";
import { can, TEAM_ROLES } from "@/lib/teams/roles";
import { displayName } from "@/lib/text/bidi";
import { changeRoleAction, deactivateAction, revokeInvitationAction } from "./actions";
import { InviteForm } from "./invite-form";

export const dynamic = "force-dynamic";

const day = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

/** The active team's members for its admins: roles, deactivation, and invite links. */
export default async function MembersPage() {
  const user = await currentUser();
  if (!user) redirect("/login");
  const team = await activeTeam(user.id);
  if (!team || !can(team.role, "members")) redirect("/");
  const db = await getDb();
  const [members, invites] = await Promise.all([
    listTeamMembers(db, { userId: user.id, teamId: team.id }),
    listInvitations(db, { userId: user.id, teamId: team.id }),
  ]);
  const grantable = TEAM_ROLES.filter((r) => r !== "owner" || can(team.role, "owners"));
  const now = Date.now();
  return (
    <div className="stack" style={{ maxWidth: 1000 }}>
      <h1>Members · {displayName(team.name)}</h1>
      <table className="list" data-testid="members-table">
        <thead>
          <tr>
            <th>Email</th>
            <th>Name</th>
            <th>Role</th>
            <th>Status</th>
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
                      <select name="role" defaultValue={m.role} aria-label={`Role of ${m.email}`}>
                        {grantable.map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </select>
                      <button type="submit">{m.deactivatedAt ? "Reactivate" : "Change"}</button>
                    </form>
                  ) : (
                    m.role
                  )}
                </td>
                <td>{m.deactivatedAt ? `deactivated ${day(m.deactivatedAt)}` : "active"}</td>
                <td>
                  {editable && !m.deactivatedAt ? (
                    <form action={deactivateAction}>
                      <input type="hidden" name="memberId" value={m.userId} />
                      <button type="submit" className="danger" aria-label={`Deactivate ${m.email}`}>
                        Deactivate
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>Invite someone</h2>
      <p className="muted">
        No e-mail is sent: create a link and give it to the person. It works once, for the role you choose, until it expires. Deactivating a member ends their
        sessions at once.
      </p>
      <InviteForm roles={grantable} />
      {invites.length > 0 ? (
        <table className="list" data-testid="invitations">
          <thead>
            <tr>
              <th>Role</th>
              <th>Created</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {invites.map((i) => {
              const state = i.usedAt
                ? `used by ${i.usedBy ?? "?"} ${day(i.usedAt)}`
                : i.revokedAt
                  ? "withdrawn"
                  : i.expiresAt.getTime() <= now
                    ? "expired"
                    : `open until ${day(i.expiresAt)}`;
              return (
                <tr key={i.id}>
                  <td>{i.role}</td>
                  <td>{day(i.createdAt)}</td>
                  <td>{state}</td>
                  <td>
                    {!i.usedAt && !i.revokedAt && i.expiresAt.getTime() > now ? (
                      <form action={revokeInvitationAction}>
                        <input type="hidden" name="invitationId" value={i.id} />
                        <button type="submit">Withdraw</button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

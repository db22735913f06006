import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { getTeamRole } from "@/lib/db/queries/teams";
import { invitations } from "@/lib/db/schema";
import { recordAudit } from "@/lib/services/audit/record";
import { ServiceError } from "@/lib/services/errors";
import { can } from "@/lib/teams/roles";

/** An admin withdraws an unused invite link of their team. */
export async function revokeInvitation({ db, userId, input }: { db: DbOrTx; userId: string; input: { invitationId: string } }) {
  const [inv] = await db.select({ id: invitations.id, teamId: invitations.teamId }).from(invitations).where(eq(invitations.id, input.invitationId));
  const mine = inv ? await getTeamRole(db, { userId, teamId: inv.teamId }) : null;
  if (!inv || !mine) throw new ServiceError("not_found", "No such invitation.");
  if (!can(mine, "members")) throw new ServiceError("forbidden", "Only the team's admins withdraw invitations.");
  const [row] = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, inv.id), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  if (row) await recordAudit(db, { actor: userId, teamId: inv.teamId, action: "member.invitation_revoked", target: `invitation:${inv.id}` });
  return { revoked: Boolean(row) };
}

import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { countActiveOwners, getTeamRole } from "@/lib/db/queries/teams";
import { teamMembers } from "@/lib/db/schema";
import { recordAudit } from "@/lib/services/audit/record";
import { ServiceError } from "@/lib/services/errors";
import { can, TEAM_ROLES } from "@/lib/teams/roles";

export const addMemberInput = z.object({
  teamId: z.string().min(1),
  memberId: z.string().min(1),
  role: z.enum(TEAM_ROLES),
});

/**
 * Put a user into a team with a role, or change the role of a member (reactivating a deactivated one).
 * `userId` is who asks: an admin or owner of the team; only owners grant or take the owner role.
 * Pass `userId: null` for the system itself (first-run setup, SSO provisioning, accepted invitations).
 */
export async function addMember({ db, userId, input }: { db: DbOrTx; userId: string | null; input: z.input<typeof addMemberInput> }) {
  const parsed = addMemberInput.safeParse(input);
  if (!parsed.success) throw new ServiceError("invalid", parsed.error.issues[0]?.message ?? "Invalid member.");
  const { teamId, memberId, role } = parsed.data;
  if (userId !== null) {
    const mine = await getTeamRole(db, { userId, teamId });
    if (!mine) throw new ServiceError("not_found", "No such team.");
    if (!can(mine, "members")) throw new ServiceError("forbidden", "Only the team's admins manage members.");
    const current = await getTeamRole(db, { userId: memberId, teamId });
    if ((role === "owner" || current === "owner") && !can(mine, "owners")) {
      throw new ServiceError("forbidden", "Only an owner grants or takes the owner role.");
    }
  }
  const before = await getTeamRole(db, { userId: memberId, teamId });
  if (role !== "owner" && before === "owner" && (await countActiveOwners(db, { teamId })) <= 1) {
    throw new ServiceError("wrong_state", "A team keeps at least one owner: make someone else owner first.");
  }
  const [row] = await db
    .insert(teamMembers)
    .values({ teamId, userId: memberId, role })
    .onConflictDoUpdate({ target: [teamMembers.teamId, teamMembers.userId], set: { role, deactivatedAt: null } })
    .returning();
  if (!row) throw new Error("upsert returned nothing");
  // an admin's change (the system's joins — invitation, SSO — record member.joined themselves)
  if (userId !== null) {
    await recordAudit(db, { actor: userId, teamId, action: "member.role_changed", target: `user:${memberId}`, details: { role, previous: before } });
  }
  return row;
}

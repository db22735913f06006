import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { countActiveOwners, getTeamRole } from "@/lib/db/queries/teams";
import { teamMembers } from "@/lib/db/schema";
import { recordAudit } from "@/lib/services/audit/record";
import { ServiceError } from "@/lib/services/errors";
import { can } from "@/lib/teams/roles";

/**
 * An admin deactivates a member of their team: the row stays (history, audit) but passes no check from now
 * on, and every session of that user ends at once (`endSessions`, lib/auth/sessions.ts `closeAllSessions`,
 * passed in because sessions belong to lib/auth). Owners are deactivated only by owners; the last owner never.
 */
export async function deactivateMember({
  db,
  userId,
  input,
  endSessions,
}: {
  db: DbOrTx;
  userId: string;
  input: { teamId: string; memberId: string };
  endSessions: (db: DbOrTx, userId: string) => Promise<void>;
}): Promise<{ deactivated: boolean }> {
  const mine = await getTeamRole(db, { userId, teamId: input.teamId });
  if (!mine) throw new ServiceError("not_found", "No such team.");
  if (!can(mine, "members")) throw new ServiceError("forbidden", "Only the team's admins deactivate members.");
  if (input.memberId === userId) throw new ServiceError("invalid", "You cannot deactivate yourself.");
  const theirs = await getTeamRole(db, { userId: input.memberId, teamId: input.teamId });
  if (!theirs) throw new ServiceError("not_found", "No such member.");
  if (theirs === "owner") {
    if (!can(mine, "owners")) throw new ServiceError("forbidden", "Only an owner deactivates an owner.");
    if ((await countActiveOwners(db, { teamId: input.teamId })) <= 1) throw new ServiceError("wrong_state", "A team keeps at least one owner.");
  }
  const [row] = await db
    .update(teamMembers)
    .set({ deactivatedAt: new Date() })
    .where(and(eq(teamMembers.teamId, input.teamId), eq(teamMembers.userId, input.memberId), isNull(teamMembers.deactivatedAt)))
    .returning({ userId: teamMembers.userId });
  if (!row) return { deactivated: false };
  await endSessions(db, input.memberId);
  await recordAudit(db, { actor: userId, teamId: input.teamId, action: "member.deactivated", target: `user:${input.memberId}`, details: { role: theirs } });
  return { deactivated: true };
}

import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { getTeamRole } from "@/lib/db/queries/teams";
import { invitations } from "@/lib/db/schema";
import { recordAudit } from "@/lib/services/audit/record";
import { ServiceError } from "@/lib/services/errors";
import { can, TEAM_ROLES } from "@/lib/teams/roles";
import { hashInvitationToken, newInvitationToken } from "./token";

export const createInvitationInput = z.object({
  teamId: z.string().min(1),
  role: z.enum(TEAM_ROLES),
  /** how long the link works: 1 hour to 30 days, 7 days by default. */
  hours: z.number().int().min(1).max(720).default(168),
});

/**
 * An admin creates an invite link for their team: one person, one role, single use, expiring. The token is
 * returned once (the link the admin copies); only its hash is kept. Only owners invite owners.
 */
export async function createInvitation({
  db,
  userId,
  input,
  now = new Date(),
}: {
  db: DbOrTx;
  userId: string;
  input: z.input<typeof createInvitationInput>;
  now?: Date;
}) {
  const parsed = createInvitationInput.safeParse(input);
  if (!parsed.success)
    throw new ServiceError("invalid", parsed.error.issues[0]?.message ?? "Invalid invitation.", { path: parsed.error.issues[0]?.path.join(".") });
  const { teamId, role, hours } = parsed.data;
  const mine = await getTeamRole(db, { userId, teamId });
  if (!mine) throw new ServiceError("not_found", "No such team.");
  if (!can(mine, "members")) throw new ServiceError("forbidden", "Only the team's admins invite members.");
  if (role === "owner" && !can(mine, "owners")) throw new ServiceError("forbidden", "Only an owner invites an owner.");
  const token = newInvitationToken();
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  const [row] = await db
    .insert(invitations)
    .values({ teamId, role, tokenHash: hashInvitationToken(token), createdBy: userId, expiresAt })
    .returning({ id: invitations.id, role: invitations.role, expiresAt: invitations.expiresAt });
  if (!row) throw new Error("insert returned nothing");
  await recordAudit(db, {
    actor: userId,
    teamId,
    action: "member.invited",
    target: `invitation:${row.id}`,
    details: { role, expiresAt: expiresAt.toISOString() },
  });
  return { ...row, token };
}

import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/client";
import { invitations } from "@/lib/db/schema";
import { recordAudit } from "@/lib/services/audit/record";
import { ServiceError } from "@/lib/services/errors";
import { addMember } from "@/lib/services/teams/add-member";
import { type CreateUserInput, createUser } from "@/lib/services/users/create";
import { hashInvitationToken, INVITATION_TOKEN } from "./token";

/** One sentence for every unusable link: unknown, used, expired and revoked are not told apart. */
const UNUSABLE = "This invitation link cannot be used: it is unknown, expired, revoked or already used. Ask for a new one.";

/**
 * Use an invitation: the person joins the invitation's team with its role, once. Either as a new user (`account`:
 * e-mail, password, name — the invitee sets their own password) or as a user who is already signed in (`userId`:
 * an existing account, or one just provisioned by single sign-on — helper sso calls this with the user it signed
 * in). The link is spent in the same transaction that adds the member: two uses at once cannot both succeed.
 */
export async function acceptInvitation({
  db,
  input,
  now = new Date(),
}: {
  db: Db;
  input: { token: string } & ({ userId: string } | { account: Omit<CreateUserInput, "team" | "teamName" | "role"> });
  now?: Date;
}): Promise<{ userId: string; teamId: string; role: string; email: string | null }> {
  if (!INVITATION_TOKEN.test(input.token)) throw new ServiceError("not_found", UNUSABLE);
  return db.transaction(async (tx) => {
    const [inv] = await tx
      .update(invitations)
      .set({ usedAt: now })
      .where(
        and(
          eq(invitations.tokenHash, hashInvitationToken(input.token)),
          isNull(invitations.usedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      )
      .returning({ id: invitations.id, teamId: invitations.teamId, role: invitations.role });
    if (!inv) throw new ServiceError("not_found", UNUSABLE);
    let userId: string;
    let email: string | null = null;
    if ("userId" in input) {
      userId = input.userId;
      await addMember({ db: tx, userId: null, input: { teamId: inv.teamId, memberId: userId, role: inv.role } });
    } else {
      const created = await createUser({ db: tx, input: { ...input.account, team: { id: inv.teamId, role: inv.role } } });
      userId = created.id;
      email = created.email;
    }
    await tx.update(invitations).set({ usedBy: userId }).where(eq(invitations.id, inv.id));
    await recordAudit(tx, { actor: userId, teamId: inv.teamId, action: "member.joined", target: `invitation:${inv.id}`, details: { role: inv.role } });
    return { userId, teamId: inv.teamId, role: inv.role, email };
  });
}

/**
 * Spend an invitation for a user single sign-on just created in its team (lib/services/sso/lookups.ts, inside the
 * sign-in's transaction): false when the link was used, revoked or expired meanwhile — the caller rolls back.
 */
export async function consumeInvitation(tx: DbOrTx, input: { invitationId: string; userId: string; now?: Date }): Promise<boolean> {
  const now = input.now ?? new Date();
  const [inv] = await tx
    .update(invitations)
    .set({ usedAt: now, usedBy: input.userId })
    .where(and(eq(invitations.id, input.invitationId), isNull(invitations.usedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .returning({ id: invitations.id });
  if (!inv) return false;
  // audited by the sign-in itself (user.joined_by_sso, with the invite id)
  return true;
}

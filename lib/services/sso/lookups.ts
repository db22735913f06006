/**
 * Where a new SSO member's team comes from — the teams' domain rules and invitations — and
 * the write that makes them a member. The invitation hook: `inviteByToken` / `inviteByEmail`
 * return a pending (unused, unexpired) invite and `consumeInvite` marks it used; until
 * invitations exist they find nothing and the sign-in provisions by domain only.
 */
import type { DbOrTx } from "@/lib/db/client";
import { getDomainRule } from "@/lib/db/queries/sso-domains";
import { users } from "@/lib/db/schema";
import { recordAudit } from "@/lib/services/audit/record";
import { getUsableInvitation } from "@/lib/db/queries/invitations";
import { consumeInvitation } from "@/lib/services/invitations/accept";
import { hashInvitationToken, INVITATION_TOKEN } from "@/lib/services/invitations/token";
import { addMember } from "@/lib/services/teams/add-member";
import { isTeamRole } from "@/lib/teams/roles";
import { stripBidiControls } from "@/lib/text/bidi";
import type { DomainRuleFact, InviteFact, SsoDecision } from "./decide";

export interface NewMember {
  email: string;
  name: string | null;
  verified: boolean;
  decision: Extract<SsoDecision, { kind: "provision" }>;
}

export const ssoLookups = {
  async inviteByToken(db: DbOrTx, token: string): Promise<InviteFact | null> {
    if (!INVITATION_TOKEN.test(token)) return null;
    const inv = await getUsableInvitation(db, { tokenHash: hashInvitationToken(token) });
    // invite links are not made out to an address: whoever followed the link may use it
    return inv ? { id: inv.id, teamId: inv.teamId, role: inv.role, email: null } : null;
  },
  async inviteByEmail(_db: DbOrTx, _email: string): Promise<InviteFact | null> {
    return null;
  },
  /** Mark the invite used by `userId`, in the transaction that made them a member (invitations: helper "teamflow"). */
  async consumeInvite(tx: DbOrTx, inviteId: string, userId: string): Promise<void> {
    // a link works once: spent meanwhile (a second sign-in racing), the whole sign-in rolls back
    if (!(await consumeInvitation(tx, { invitationId: inviteId, userId }))) throw new Error(`the invitation ${inviteId} was used meanwhile`);
  },
  async domainRule(db: DbOrTx, email: string): Promise<DomainRuleFact | null> {
    return getDomainRule(db, { domain: email.slice(email.lastIndexOf("@") + 1) });
  },
  /**
   * Create the user (no password: they sign in through the provider) and their membership, in the caller's
   * transaction; false when the address was taken meanwhile (a second sign-in of the same person racing).
   */
  async createMember(tx: DbOrTx, m: NewMember): Promise<boolean> {
    const { teamId, role } = m.decision;
    if (!isTeamRole(role)) throw new Error(`not a team role: ${role}`);
    const [user] = await tx
      .insert(users)
      .values({ email: m.email, name: cleanName(m.name), emailVerified: m.verified ? new Date() : null })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) return false;
    await addMember({ db: tx, userId: null, input: { teamId, memberId: user.id, role } });
    if (m.decision.inviteId) await ssoLookups.consumeInvite(tx, m.decision.inviteId, user.id);
    await recordAudit(tx, {
      actor: user.id,
      action: "user.joined_by_sso",
      teamId,
      target: `user:${user.id}`,
      details: { email: m.email, role, via: m.decision.via, ...(m.decision.inviteId ? { inviteId: m.decision.inviteId } : {}) },
    });
    return true;
  },
};

/** The provider's display name as a user name: the same rules as a typed one (no bidi controls, ≤ 200 characters). */
function cleanName(name: string | null): string | null {
  const n = stripBidiControls(name ?? "")
    .trim()
    .slice(0, 200);
  return n || null;
}

/**
 * Where a new SSO member's team comes from — the teams' domain rules and invitations — and
 * the write that makes them a member. Invitations answer nothing until they exist (helper
 * "teamflow"); the sign-in then provisions by domain only.
 */
import type { DbOrTx } from "@/lib/db/client";
import { getDomainRule } from "@/lib/db/queries/sso-domains";
import { users } from "@/lib/db/schema";
import { addMember } from "@/lib/services/teams/add-member";
import { isTeamRole } from "@/lib/teams/roles";
import type { DomainRuleFact, InviteFact, SsoDecision } from "./decide";

export interface NewMember {
  email: string;
  name: string | null;
  verified: boolean;
  decision: Extract<SsoDecision, { kind: "provision" }>;
}

export const ssoLookups = {
  async inviteByToken(_db: DbOrTx, _token: string): Promise<InviteFact | null> {
    return null;
  },
  async inviteByEmail(_db: DbOrTx, _email: string): Promise<InviteFact | null> {
    return null;
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
      .values({ email: m.email, name: m.name, emailVerified: m.verified ? new Date() : null })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) return false;
    await addMember({ db: tx, userId: null, input: { teamId, memberId: user.id, role } });
    return true;
  },
};

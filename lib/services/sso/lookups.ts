/**
 * Where a new SSO member's team comes from: invitations and the teams' domain rules. Until
 * teams exist every lookup finds nothing, so SSO signs in existing users only and refuses
 * new addresses.
 */
import type { DbOrTx } from "@/lib/db/client";
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
  async domainRule(_db: DbOrTx, _email: string): Promise<DomainRuleFact | null> {
    return null;
  },
  /** Create the user and their membership; false when the address was taken meanwhile. */
  async createMember(_tx: DbOrTx, _m: NewMember): Promise<boolean> {
    throw new Error("no team to provision into");
  },
};

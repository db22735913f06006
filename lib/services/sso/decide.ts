/**
 * Who may come in through single sign-on, decided on facts gathered beforehand (pure, so
 * every branch is unit-tested). The rule: an identity the provider has already linked to a
 * user signs that user in; an address that belongs to an existing user joins that user only
 * when the provider verified it; a new address gets an account only together with a team —
 * from an invite (the link the invitee followed, or one made out to this address, verified),
 * else from a domain rule of a team (verified address only). Anything else is refused with a
 * reason the refusal page puts in words; no user is ever created in no team.
 */

export interface ExistingUser {
  id: string;
  /** the account is disabled, or deactivated in every team it belongs to. */
  disabled: boolean;
}

/** A pending invitation the sign-in may accept. */
export interface InviteFact {
  id: string;
  teamId: string;
  role: string;
  /** the address it was made out to, when the admin named one (lower case). */
  email: string | null;
}

/** A team's rule "users from <domain> join as <role>". */
export interface DomainRuleFact {
  teamId: string;
  role: string;
}

export interface SsoFacts {
  /** the address from the provider, normalised; null when it sent none. */
  email: string | null;
  /** the provider vouches for the address (email_verified, or Entra's xms_edov). */
  verified: boolean;
  /** the user this provider identity is already linked to. */
  linkedUser: ExistingUser | null;
  /** the user who already has this address (local password or an earlier SSO). */
  userByEmail: ExistingUser | null;
  /** the invite whose link this browser followed before signing in. */
  invitedByLink: InviteFact | null;
  /** a pending invite made out to this address. */
  invitedByEmail: InviteFact | null;
  /** the rule of the team that claimed the address's domain. */
  domainRule: DomainRuleFact | null;
}

export type RefusalReason = "no_email" | "disabled" | "unverified" | "no_access";

export type SsoDecision =
  | { kind: "sign_in"; userId: string }
  | { kind: "provision"; teamId: string; role: string; inviteId: string | null; via: "invite" | "domain" }
  | { kind: "refuse"; reason: RefusalReason };

export function decideSsoSignIn(f: SsoFacts): SsoDecision {
  if (f.linkedUser) return f.linkedUser.disabled ? refuse("disabled") : { kind: "sign_in", userId: f.linkedUser.id };
  if (!f.email) return refuse("no_email");
  if (f.userByEmail) {
    if (f.userByEmail.disabled) return refuse("disabled");
    // linking an identity to an account on an unverified address would hand the account to whoever typed it
    return f.verified ? { kind: "sign_in", userId: f.userByEmail.id } : refuse("unverified");
  }
  // an invite link addressed to someone else is not this person's to use
  const link = f.invitedByLink && (f.invitedByLink.email === null || (f.verified && f.invitedByLink.email === f.email)) ? f.invitedByLink : null;
  const invite = link ?? (f.verified ? f.invitedByEmail : null);
  if (invite) return { kind: "provision", teamId: invite.teamId, role: invite.role, inviteId: invite.id, via: "invite" };
  if (f.domainRule)
    return f.verified ? { kind: "provision", teamId: f.domainRule.teamId, role: f.domainRule.role, inviteId: null, via: "domain" } : refuse("unverified");
  return refuse(f.invitedByEmail || f.invitedByLink ? "unverified" : "no_access");
}

const refuse = (reason: RefusalReason): SsoDecision => ({ kind: "refuse", reason });

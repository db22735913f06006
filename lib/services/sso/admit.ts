/**
 * Admit (or refuse) a single sign-on: gather the facts about the identity the provider
 * vouched for, decide (decide.ts), and for a new member create the user together with their
 * team membership in one transaction — so nobody ever has an account in no team. Called from
 * Auth.js's signIn callback, before Auth.js links the identity to the user of that address.
 */
import type { Db, DbOrTx } from "@/lib/db/client";
import { isActiveMemberAnywhere } from "@/lib/db/queries/sso-domains";
import { getUserByAccount, getUserByEmail } from "@/lib/db/queries/users";
import { decideSsoSignIn, type ExistingUser, type SsoDecision, type SsoFacts } from "./decide";
import { ssoLookups } from "./lookups";

export interface SsoSignIn {
  /** Auth.js provider id and the provider's subject (`sub`). */
  provider: string;
  subject: string;
  /** normalised address, or null when the provider sent none. */
  email: string | null;
  verified: boolean;
  name: string | null;
  /** the token of the invite link this browser followed before signing in, if any. */
  inviteToken: string | null;
}

export async function admitSsoSignIn({ db, input }: { db: Db; input: SsoSignIn }): Promise<SsoDecision> {
  const facts = await gatherFacts(db, input);
  const decision = decideSsoSignIn(facts);
  if (decision.kind !== "provision" || !input.email) return decision;
  const { email } = input;
  return db.transaction(async (tx) => {
    // two first sign-ins of one person at once: the second finds the first's user and signs in
    const created = await ssoLookups.createMember(tx, { email, name: input.name, verified: input.verified, decision });
    return created ? decision : decideSsoSignIn({ ...facts, userByEmail: await existing(tx, await getUserByEmail(tx, email)) });
  });
}

async function gatherFacts(db: Db, input: SsoSignIn): Promise<SsoFacts> {
  const [linkedUser, userByEmail] = await Promise.all([
    getUserByAccount(db, input.provider, input.subject),
    input.email ? getUserByEmail(db, input.email) : null,
  ]);
  const needTeam = !linkedUser && !userByEmail && input.email;
  const [invitedByLink, invitedByEmail, domainRule] = needTeam
    ? await Promise.all([
        input.inviteToken ? ssoLookups.inviteByToken(db, input.inviteToken) : null,
        ssoLookups.inviteByEmail(db, input.email ?? ""),
        ssoLookups.domainRule(db, input.email ?? ""),
      ])
    : [null, null, null];
  return {
    email: input.email,
    verified: input.verified,
    linkedUser: await existing(db, linkedUser),
    userByEmail: await existing(db, userByEmail),
    invitedByLink,
    invitedByEmail,
    domainRule,
  };
}

/** A user as the decision sees them: deactivated in every team counts as disabled. */
async function existing(db: DbOrTx, u: { id: string; disabled: boolean } | null): Promise<ExistingUser | null> {
  if (!u) return null;
  return { id: u.id, disabled: u.disabled || !(await isActiveMemberAnywhere(db, { userId: u.id })) };
}

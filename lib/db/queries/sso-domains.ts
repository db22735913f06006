import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { teamMembers, teamSsoDomains } from "@/lib/db/schema";
import { can, type TeamRole } from "@/lib/teams/roles";
import { getTeamRole } from "./teams";

/** The team that claimed `domain` for single sign-on, with the role new members get (the sign-in itself asks: no user yet). */
export async function getDomainRule(db: DbOrTx, params: { domain: string }): Promise<{ teamId: string; role: TeamRole } | null> {
  const [row] = await db
    .select({ teamId: teamSsoDomains.teamId, role: teamSsoDomains.role })
    .from(teamSsoDomains)
    .where(eq(teamSsoDomains.domain, params.domain.toLowerCase()));
  return row ?? null;
}

/** A team's domain rules, for a member allowed to manage members (others get []). */
export async function listDomainRules(db: DbOrTx, params: { userId: string; teamId: string }) {
  if (!can(await getTeamRole(db, params), "members")) return [];
  return db
    .select({ domain: teamSsoDomains.domain, role: teamSsoDomains.role, createdAt: teamSsoDomains.createdAt })
    .from(teamSsoDomains)
    .where(eq(teamSsoDomains.teamId, params.teamId))
    .orderBy(asc(teamSsoDomains.domain));
}

/** True when the user is an active member of at least one team (deactivated everywhere = no way in, SSO included). */
export async function isActiveMemberAnywhere(db: DbOrTx, params: { userId: string }): Promise<boolean> {
  const [row] = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.userId, params.userId), isNull(teamMembers.deactivatedAt)))
    .limit(1);
  return Boolean(row);
}

import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { spaces, teamMembers, teams, users } from "@/lib/db/schema";
import type { TeamRole } from "@/lib/teams/roles";

/** The teams a user is an active member of, with their role, oldest membership first (the default active team). */
export async function listTeamsOf(db: DbOrTx, params: { userId: string }): Promise<Array<{ id: string; name: string; role: TeamRole }>> {
  return db
    .select({ id: teams.id, name: teams.name, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teamMembers.userId, params.userId), isNull(teamMembers.deactivatedAt)))
    .orderBy(asc(teamMembers.createdAt), asc(teams.name));
}

/** The user's role in the team while their membership is active; null when not (or no longer) a member. */
export async function getTeamRole(db: DbOrTx, params: { userId: string; teamId: string }): Promise<TeamRole | null> {
  const [row] = await db
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.userId, params.userId), eq(teamMembers.teamId, params.teamId), isNull(teamMembers.deactivatedAt)));
  return row?.role ?? null;
}

/**
 * The team the user works in: `preferred` (the switcher's cookie) when they are still an active member of it, else
 * their first team; null when they belong to none.
 */
export async function resolveActiveTeam(db: DbOrTx, params: { userId: string; preferred?: string | null }) {
  const mine = await listTeamsOf(db, { userId: params.userId });
  return mine.find((t) => t.id === params.preferred) ?? mine[0] ?? null;
}

/** A team's members (active and deactivated), for a member of that team; [] for anyone else. */
export async function listTeamMembers(db: DbOrTx, params: { userId: string; teamId: string }) {
  const [self] = await db
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, params.teamId), eq(teamMembers.userId, params.userId), isNull(teamMembers.deactivatedAt)));
  if (!self) return [];
  return db
    .select({
      userId: teamMembers.userId,
      email: users.email,
      name: users.name,
      role: teamMembers.role,
      deactivatedAt: teamMembers.deactivatedAt,
      createdAt: teamMembers.createdAt,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.teamId, params.teamId))
    .orderBy(asc(teamMembers.createdAt));
}

/** The team a space belongs to and whether the space exists at all (for 403-versus-404; see docs/api.md). */
export async function getSpaceTeam(db: DbOrTx, params: { spaceId: string }): Promise<string | null> {
  const [row] = await db.select({ teamId: spaces.teamId }).from(spaces).where(eq(spaces.id, params.spaceId));
  return row?.teamId ?? null;
}

/** Number of active owners of a team (a team keeps at least one). */
export async function countActiveOwners(db: DbOrTx, params: { teamId: string }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, params.teamId), eq(teamMembers.role, "owner"), isNull(teamMembers.deactivatedAt)));
  return row?.n ?? 0;
}

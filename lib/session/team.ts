/**
 * The active team of a signed-in user: the team switcher keeps its choice in a cookie; a choice the user can no
 * longer make (removed, deactivated) falls back to their first team. The cookie only picks among the user's own
 * memberships — every check still asks the database (lib/db/queries/owner.ts).
 */
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { type AppUser, currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { resolveActiveTeam } from "@/lib/db/queries/teams";
import { can, type TeamAction, type TeamRole } from "@/lib/teams/roles";

export const TEAM_COOKIE = "vouch-team";

export type ActiveTeam = { id: string; name: string; role: TeamRole };

/** The user's active team this request (null when they belong to none). */
export const activeTeam = cache(async (userId: string): Promise<ActiveTeam | null> => {
  const preferred = (await cookies()).get(TEAM_COOKIE)?.value ?? null;
  return resolveActiveTeam(await getDb(), { userId, preferred });
});

/**
 * The guard of a team settings page: the signed-in user (else the sign-in page) and their active team, whose role
 * must allow `action` (else 403, app/forbidden.tsx).
 */
export async function requireTeamPage(action: TeamAction): Promise<{ user: AppUser; team: ActiveTeam }> {
  const user = await currentUser();
  if (!user) redirect("/login");
  const team = await activeTeam(user.id);
  if (!team || !can(team.role, action)) forbidden();
  return { user, team };
}

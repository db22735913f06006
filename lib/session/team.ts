/**
 * The active team of a signed-in user: the team switcher keeps its choice in a cookie; a choice the user can no
 * longer make (removed, deactivated) falls back to their first team. The cookie only picks among the user's own
 * memberships — every check still asks the database (lib/db/queries/owner.ts).
 */
import { cookies } from "next/headers";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { resolveActiveTeam } from "@/lib/db/queries/teams";
import type { TeamRole } from "@/lib/teams/roles";

export const TEAM_COOKIE = "vouch-team";

export type ActiveTeam = { id: string; name: string; role: TeamRole };

/** The user's active team this request (null when they belong to none). */
export const activeTeam = cache(async (userId: string): Promise<ActiveTeam | null> => {
  const preferred = (await cookies()).get(TEAM_COOKIE)?.value ?? null;
  return resolveActiveTeam(await getDb(), { userId, preferred });
});

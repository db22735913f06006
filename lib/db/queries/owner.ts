import { type SQL, sql } from "drizzle-orm";
import { spaces, teamMembers } from "@/lib/db/schema";
import { keyCan, rolesWith, type TeamAction } from "@/lib/teams/roles";

/**
 * Who asks: a signed-in user (their id) or an API key, which belongs to one team and may be restricted to one
 * space and to reading. Services and queries take either and pass it to `inTeamOf`.
 */
export type Actor = string | KeyActor;
export interface KeyActor {
  /** the key's creator: usage, rate limits and corrections are recorded under them. */
  userId: string;
  keyId: string;
  teamId: string;
  spaceId: string | null;
  readOnly: boolean;
}

/** The user behind an actor (the key's creator for a key). */
export function actorUserId(actor: Actor): string {
  return typeof actor === "string" ? actor : actor.userId;
}

/**
 * The tenant condition, written once: a row is reachable when it sits in a space of a team where the actor may do
 * `action` — an active membership whose role allows it (lib/teams/roles.ts), or a key of that team (its space and
 * read-only restrictions applied). Every read (lib/db/queries) and every write (lib/services) puts this first in
 * its `where`, joining `spaces` when the table sits below a space (documents, pages, jobs, corrections, deliveries).
 */
export function inTeamOf(actor: Actor, action: TeamAction = "read"): SQL {
  if (typeof actor !== "string") {
    if (!keyCan(actor.readOnly, action)) return sql`false`;
    return actor.spaceId ? sql`(${spaces.teamId} = ${actor.teamId} and ${spaces.id} = ${actor.spaceId})` : sql`${spaces.teamId} = ${actor.teamId}`;
  }
  return sql`${spaces.teamId} in (${memberTeams(actor, action)})`;
}

/** The ids of the teams where `userId` is an active member whose role allows `action` (a sub-select). */
export function memberTeams(userId: string, action: TeamAction = "read"): SQL {
  const roles = rolesWith(action);
  return sql`select ${teamMembers.teamId} from ${teamMembers} where ${teamMembers.userId} = ${userId} and ${teamMembers.deactivatedAt} is null and ${teamMembers.role} in (${sql.join(
    roles.map((r) => sql`${r}`),
    sql`, `,
  )})`;
}

/** The system reading inside one team on nobody's behalf (workers building a webhook payload): read-only. */
export function systemActor(teamId: string): KeyActor {
  return { userId: "", keyId: "", teamId, spaceId: null, readOnly: true };
}

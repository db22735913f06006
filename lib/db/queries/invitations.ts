import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { invitations, teams, users } from "@/lib/db/schema";
import { memberTeams } from "./owner";

/**
 * What an invite link offers, for the invitation page: knowing the token is the capability, so no tenant
 * condition; null for an unknown, used, expired or revoked link (not told apart).
 */
export async function getUsableInvitation(db: DbOrTx, params: { tokenHash: string; now?: Date }) {
  const [row] = await db
    .select({ id: invitations.id, teamId: invitations.teamId, teamName: teams.name, role: invitations.role, expiresAt: invitations.expiresAt })
    .from(invitations)
    .innerJoin(teams, eq(teams.id, invitations.teamId))
    .where(
      and(
        eq(invitations.tokenHash, params.tokenHash),
        isNull(invitations.usedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, params.now ?? new Date()),
      ),
    );
  return row ?? null;
}

/** A team's invitations, newest first, for its admins (permission `members`); [] for anyone else. */
export async function listInvitations(db: DbOrTx, params: { userId: string; teamId: string }) {
  return db
    .select({
      id: invitations.id,
      role: invitations.role,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      usedAt: invitations.usedAt,
      usedBy: users.email,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.usedBy))
    .where(and(eq(invitations.teamId, params.teamId), sql`${invitations.teamId} in (${memberTeams(params.userId, "members")})`))
    .orderBy(desc(invitations.createdAt))
    .limit(50);
}

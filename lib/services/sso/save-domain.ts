import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { getTeamRole } from "@/lib/db/queries/teams";
import { teamSsoDomains } from "@/lib/db/schema";
import { recordAudit } from "@/lib/services/audit/record";
import { isUniqueViolation, ServiceError } from "@/lib/services/errors";
import { can } from "@/lib/teams/roles";

/** Roles a domain may hand out: anything but owner (an owner is made by another owner, by name). */
export const DOMAIN_ROLES = ["admin", "reviewer", "uploader", "viewer"] as const;

export const saveDomainInput = z.object({
  teamId: z.string().min(1),
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .transform((d) => d.replace(/^@/, ""))
    .pipe(z.string().regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/, "Enter a domain such as example.com.")),
  role: z.enum(DOMAIN_ROLES),
});

/**
 * "Users from <domain> join as <role>" for a team (or change the role of its rule). Team admins only; a domain
 * another team claimed is `already_exists` — a new person can go to one team only.
 */
export async function saveDomainRule({ db, userId, input }: { db: DbOrTx; userId: string; input: z.input<typeof saveDomainInput> }) {
  const parsed = saveDomainInput.safeParse(input);
  if (!parsed.success) throw new ServiceError("invalid", parsed.error.issues[0]?.message ?? "Invalid domain rule.", { path: "domain" });
  const { teamId, domain, role } = parsed.data;
  const mine = await getTeamRole(db, { userId, teamId });
  if (!mine) throw new ServiceError("not_found", "No such team.");
  if (!can(mine, "members")) throw new ServiceError("forbidden", "Only the team's admins decide who may join.");
  try {
    const [row] = await db
      .insert(teamSsoDomains)
      .values({ domain, teamId, role, createdBy: userId })
      .onConflictDoUpdate({ target: teamSsoDomains.domain, set: { role }, setWhere: sqlTeamIs(teamId) })
      .returning({ domain: teamSsoDomains.domain, role: teamSsoDomains.role });
    if (!row) throw new ServiceError("already_exists", `Another team has already claimed ${domain}.`);
    await recordAudit(db, { actor: userId, action: "sso.domain_saved", teamId, target: `domain:${domain}`, details: { role } });
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw new ServiceError("already_exists", `Another team has already claimed ${domain}.`);
    throw err;
  }
}

// a conflicting row of another team is left alone: the upsert then returns nothing
const sqlTeamIs = (teamId: string) => eq(teamSsoDomains.teamId, teamId);

import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { getTeamRole } from "@/lib/db/queries/teams";
import { teamSsoDomains } from "@/lib/db/schema";
import { recordAudit } from "@/lib/services/audit/record";
import { ServiceError } from "@/lib/services/errors";
import { can } from "@/lib/teams/roles";

/** Stop provisioning new people from a domain (members who joined by it stay). Team admins only. */
export async function removeDomainRule({ db, userId, input }: { db: DbOrTx; userId: string; input: { teamId: string; domain: string } }) {
  const mine = await getTeamRole(db, { userId, teamId: input.teamId });
  if (!mine) throw new ServiceError("not_found", "No such team.");
  if (!can(mine, "members")) throw new ServiceError("forbidden", "Only the team's admins decide who may join.");
  const gone = await db
    .delete(teamSsoDomains)
    .where(and(eq(teamSsoDomains.teamId, input.teamId), eq(teamSsoDomains.domain, input.domain.trim().toLowerCase())))
    .returning({ domain: teamSsoDomains.domain });
  if (gone.length === 0) throw new ServiceError("not_found", "This team has no rule for that domain.");
  await recordAudit(db, { actor: userId, action: "sso.domain_removed", teamId: input.teamId, target: `domain:${gone[0]?.domain}` });
}

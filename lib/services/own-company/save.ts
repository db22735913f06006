import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { ownCompanies } from "@/lib/db/schema";
import type { OwnCompany } from "@/lib/engine/own";
import { getTeamRole } from "@/lib/db/queries/teams";
import { ServiceError } from "@/lib/services/errors";
import { can } from "@/lib/teams/roles";
import { recordAudit } from "@/lib/services/audit/record";

const list = (max: number) =>
  z
    .array(z.string().trim().max(300))
    .max(max)
    .transform((xs) => [...new Set(xs.filter((x) => x !== ""))]);

/** What "my company" accepts: up to 20 names, tax ids, IBANs and addresses. */
export const OwnCompanyInput = z.object({ names: list(20), taxIds: list(20), ibans: list(20), addresses: list(20) });

/** Save the team's own names, VAT/tax ids, IBANs and addresses (replacing the previous ones); admins of the team only. */
export async function saveOwnCompany({ db, userId, teamId, input }: { db: DbOrTx; userId: string; teamId: string; input: unknown }): Promise<OwnCompany> {
  const role = await getTeamRole(db, { userId, teamId });
  if (!role) throw new ServiceError("not_found", "No such team.");
  if (!can(role, "settings")) throw new ServiceError("forbidden", "Only the team's admins change My company.");
  const parsed = OwnCompanyInput.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ServiceError("invalid", `${first?.path.join(".") || "body"}: ${first?.message ?? "invalid"}`, { path: first?.path.join(".") ?? "" });
  }
  const v = { ...parsed.data, ibans: parsed.data.ibans.map((i) => i.replace(/\s+/g, " ").toUpperCase()) };
  await db
    .insert(ownCompanies)
    .values({ teamId, ...v, updatedAt: new Date() })
    .onConflictDoUpdate({ target: ownCompanies.teamId, set: { ...v, updatedAt: new Date() } });
  await recordAudit(db, { actor: userId, teamId, action: "company.changed" });
  return v;
}

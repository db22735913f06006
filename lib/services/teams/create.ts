import { stripBidiControls } from "@/lib/text/bidi";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { teamMembers, teams } from "@/lib/db/schema";
import { recordAudit } from "@/lib/services/audit/record";
import { ServiceError } from "@/lib/services/errors";

export const createTeamInput = z.object({
  name: z.string().trim().min(1, { message: "Give the team a name." }).max(120).transform(stripBidiControls),
});

/** Create a team with `userId` as its owner (any signed-in user may start a team). */
export async function createTeam({ db, userId, input }: { db: DbOrTx; userId: string; input: z.input<typeof createTeamInput> }) {
  const parsed = createTeamInput.safeParse(input);
  if (!parsed.success) throw new ServiceError("invalid", parsed.error.issues[0]?.message ?? "Invalid team.", { path: "name" });
  return db.transaction(async (tx) => {
    const [team] = await tx.insert(teams).values({ name: parsed.data.name }).returning();
    if (!team) throw new Error("insert returned nothing");
    await tx.insert(teamMembers).values({ teamId: team.id, userId, role: "owner" });
    await recordAudit(tx, { actor: userId, teamId: team.id, action: "team.created", details: { name: team.name } });
    return team;
  });
}

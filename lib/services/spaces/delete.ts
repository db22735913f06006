import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { spaces } from "@/lib/db/schema";
import { type Actor, inTeamOf } from "@/lib/db/queries/owner";
import { recordAudit } from "@/lib/services/audit/record";
import { refusal } from "@/lib/services/teams/refusal";

/** Delete a space the user owns, with its documents (cascade). */
export async function deleteSpace({ db, userId, input }: { db: DbOrTx; userId: Actor; input: { spaceId: string } }) {
  const [row] = await db
    .delete(spaces)
    .where(and(inTeamOf(userId, "delete"), eq(spaces.id, input.spaceId)))
    .returning({ id: spaces.id, name: spaces.name, teamId: spaces.teamId });
  if (!row) throw await refusal(db, { spaceId: input.spaceId }, "space");
  await recordAudit(db, { actor: userId, teamId: row.teamId, action: "space.deleted", spaceId: row.id, details: { name: row.name } });
  return row;
}

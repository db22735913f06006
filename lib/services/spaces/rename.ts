import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { spaces } from "@/lib/db/schema";
import { type Actor, inTeamOf } from "@/lib/db/queries/owner";
import { ServiceError } from "@/lib/services/errors";
import { spaceNameSchema } from "./schema";
import { recordAudit } from "@/lib/services/audit/record";
import { refusal } from "@/lib/services/teams/refusal";

/** Rename a space the user owns. */
export async function renameSpace({ db, userId, input }: { db: DbOrTx; userId: Actor; input: { spaceId: string; name: string } }) {
  const name = spaceNameSchema.safeParse(input.name);
  if (!name.success) throw new ServiceError("invalid", name.error.issues[0]?.message ?? "Invalid name.", { path: "name" });
  const [row] = await db
    .update(spaces)
    .set({ name: name.data, updatedAt: new Date() })
    .where(and(inTeamOf(userId, "settings"), eq(spaces.id, input.spaceId)))
    .returning();
  if (!row) throw await refusal(db, { spaceId: input.spaceId }, "space");
  await recordAudit(db, { actor: userId, action: "space.renamed", spaceId: row.id, details: { name: row.name } });
  return row;
}

import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import type { TeamAction } from "@/lib/teams/roles";
import { spaces } from "@/lib/db/schema";
import { type Actor, inTeamOf } from "@/lib/db/queries/owner";
import { EMPTY_SETTINGS, type ExportSettings, exportSettingsSchema } from "@/lib/export/presets/settings";

/** The spaces the actor reaches (optionally one team's: the web app's active team), newest first, with document counts. */
export async function listSpaces(db: DbOrTx, params: { userId: Actor; action?: TeamAction; teamId?: string }) {
  return db
    .select({
      id: spaces.id,
      name: spaces.name,
      teamId: spaces.teamId,
      templateId: spaces.templateId,
      fields: spaces.fields,
      createdAt: spaces.createdAt,
      // Qualified by hand: drizzle renders bare column names in a sub-select, and "id" would bind to documents.
      documentCount: sql<number>`(select count(*)::int from documents d where d.space_id = ${spaces}.id)`,
    })
    .from(spaces)
    .where(and(inTeamOf(params.userId, params.action), params.teamId ? eq(spaces.teamId, params.teamId) : undefined))
    .orderBy(desc(spaces.createdAt));
}

/** One space, only if the user owns it. */
export async function getSpaceById(db: DbOrTx, params: { userId: Actor; action?: TeamAction; spaceId: string }) {
  const [row] = await db
    .select()
    .from(spaces)
    .where(and(inTeamOf(params.userId, params.action), eq(spaces.id, params.spaceId)));
  return row ?? null;
}

/** A space's accounting export settings (empty defaults when never set); null when the space is not the user's. */
export async function getExportSettings(db: DbOrTx, params: { userId: Actor; action?: TeamAction; spaceId: string }): Promise<ExportSettings | null> {
  const [row] = await db
    .select({ settings: spaces.exportSettings })
    .from(spaces)
    .where(and(inTeamOf(params.userId, params.action), eq(spaces.id, params.spaceId)));
  if (!row) return null;
  // Stored by the service after validation; parsed again so a hand-edited row cannot break an export.
  const parsed = exportSettingsSchema.safeParse(row.settings ?? {});
  return parsed.success ? parsed.data : { ...EMPTY_SETTINGS };
}

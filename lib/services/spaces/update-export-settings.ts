import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { type Actor, inTeamOf } from "@/lib/db/queries/owner";
import { spaces } from "@/lib/db/schema";
import { type ExportSettings, exportSettingsSchema } from "@/lib/export/presets/settings";
import { ServiceError } from "@/lib/services/errors";
import { recordAudit } from "@/lib/services/audit/record";
import { refusal } from "@/lib/services/teams/refusal";

/** Replace a space's accounting export settings (account, tax code, cost centre per space and supplier; DATEV numbers). */
export async function updateExportSettings({
  db,
  userId,
  input,
}: {
  db: DbOrTx;
  userId: Actor;
  input: { spaceId: string; settings: unknown };
}): Promise<ExportSettings> {
  const parsed = exportSettingsSchema.safeParse(input.settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ServiceError("invalid", issue?.message ?? "Invalid settings.", { path: issue?.path.join(".") || "settings" });
  }
  const [row] = await db
    .update(spaces)
    .set({ exportSettings: parsed.data, updatedAt: new Date() })
    .where(and(inTeamOf(userId, "settings"), eq(spaces.id, input.spaceId)))
    .returning({ id: spaces.id });
  if (!row) throw await refusal(db, { spaceId: input.spaceId }, "space");
  await recordAudit(db, { actor: userId, action: "space.export_settings_changed", spaceId: row.id });
  return parsed.data;
}

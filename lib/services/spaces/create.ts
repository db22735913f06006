import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { spaces } from "@/lib/db/schema";
import { getTemplate } from "@/lib/engine/templates";
import type { FieldSpec } from "@/lib/engine/types";
import { type Actor, actorUserId } from "@/lib/db/queries/owner";
import { listTeamsOf } from "@/lib/db/queries/teams";
import { ServiceError } from "@/lib/services/errors";
import { can, keyCan } from "@/lib/teams/roles";
import { fieldListSchema, spaceNameSchema } from "./schema";
import { recordAudit } from "@/lib/services/audit/record";

export const createSpaceInput = z.object({
  name: spaceNameSchema,
  /** the team it goes to (the web app's active team); default: the actor's first team where they may. */
  teamId: z.string().min(1).optional(),
  templateId: z.string().trim().optional(),
  fields: fieldListSchema.optional(),
});
/** What callers send: fields are checked against the contract's FieldSpec list here, so any FieldSpec[] may come in. */
export type CreateSpaceInput = Omit<z.input<typeof createSpaceInput>, "fields"> & { fields?: FieldSpec[] };

/** Create a space from a built-in template or from custom fields (fields win), in a team where the actor has `settings`. */
export async function createSpace({ db, userId, input }: { db: DbOrTx; userId: Actor; input: CreateSpaceInput }) {
  const parsed = createSpaceInput.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ServiceError("invalid", first?.message ?? "Invalid space.", { path: first?.path.join(".") });
  }
  const { name, templateId, fields } = parsed.data;
  const teamId = await teamForNewSpace(db, userId, parsed.data.teamId);
  let schemaFields: FieldSpec[] | undefined = fields;
  let fromTemplate: string | null = null;
  if (!schemaFields) {
    if (!templateId) throw new ServiceError("invalid", "Choose a template or define fields.", { path: "templateId" });
    const template = getTemplate(templateId);
    if (!template) throw new ServiceError("invalid", `Unknown template "${templateId}".`, { path: "templateId" });
    schemaFields = template.fields;
    fromTemplate = template.id;
  }
  const [row] = await db
    .insert(spaces)
    .values({ teamId, ownerId: actorUserId(userId), name, templateId: fromTemplate, fields: schemaFields })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  await recordAudit(db, { actor: userId, action: "space.created", spaceId: row.id, details: { name, templateId: fromTemplate } });
  return row;
}

/** The team a new space goes to: the one asked for when the actor may configure it there. */
async function teamForNewSpace(db: DbOrTx, actor: Actor, wanted: string | undefined): Promise<string> {
  if (typeof actor !== "string") {
    // a key creates in its own team, and a key restricted to one space creates none
    if (actor.spaceId || !keyCan(actor.readOnly, "settings") || (wanted && wanted !== actor.teamId)) {
      throw new ServiceError("forbidden", "This API key may not create spaces.");
    }
    return actor.teamId;
  }
  const mine = await listTeamsOf(db, { userId: actor });
  const team = wanted ? mine.find((t) => t.id === wanted) : mine.find((t) => can(t.role, "settings"));
  if (wanted && !team) throw new ServiceError("not_found", "No such team.");
  if (!team || !can(team.role, "settings")) throw new ServiceError("forbidden", "Only the team's admins create spaces.");
  return team.id;
}

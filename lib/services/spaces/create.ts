import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { spaces } from "@/lib/db/schema";
import { getTemplate } from "@/lib/engine/templates";
import type { FieldSpec } from "@/lib/engine/types";
import { ServiceError } from "@/lib/services/errors";
import { fieldListSchema, spaceNameSchema } from "./schema";

export const createSpaceInput = z.object({
  name: spaceNameSchema,
  templateId: z.string().trim().optional(),
  fields: fieldListSchema.optional(),
});
/** What callers send: fields are checked against the contract's FieldSpec list here, so any FieldSpec[] may come in. */
export type CreateSpaceInput = Omit<z.input<typeof createSpaceInput>, "fields"> & { fields?: FieldSpec[] };

/** Create a space from a built-in template or from custom fields (fields win). */
export async function createSpace({ db, userId, input }: { db: DbOrTx; userId: string; input: CreateSpaceInput }) {
  const parsed = createSpaceInput.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ServiceError("invalid", first?.message ?? "Invalid space.", { path: first?.path.join(".") });
  }
  const { name, templateId, fields } = parsed.data;
  let schemaFields: FieldSpec[] | undefined = fields;
  let fromTemplate: string | null = null;
  if (!schemaFields) {
    if (!templateId) throw new ServiceError("invalid", "Choose a template or define fields.", { path: "templateId" });
    const template = getTemplate(templateId);
    if (!template) throw new ServiceError("invalid", `Unknown template "${templateId}".`, { path: "templateId" });
    schemaFields = template.fields;
    fromTemplate = template.id;
  }
  const [row] = await db.insert(spaces).values({ ownerId: userId, name, templateId: fromTemplate, fields: schemaFields }).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

import { stripBidiControls } from "@/lib/text/bidi";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema";
import { getSpaceTeam, listTeamsOf } from "@/lib/db/queries/teams";
import { ServiceError } from "@/lib/services/errors";
import { can } from "@/lib/teams/roles";
import { displayPrefix, generateApiKey, hashApiKey } from "./key";
import { recordAudit } from "@/lib/services/audit/record";

/** Input of `createApiKey`: an optional label, the team (default: the creator's first team they hold keys for), restrictions. */
export const createApiKeyInput = z.object({
  name: z.string().trim().max(100, { message: "Keep the name under 100 characters." }).transform(stripBidiControls).optional(),
  teamId: z.string().min(1).optional(),
  /** restrict the key to one space of the team. */
  spaceId: z.string().trim().min(1).optional(),
  /** a read-only key reads and exports, nothing else. */
  readOnly: z.boolean().optional(),
});
/** What callers pass to `createApiKey`. */
export type CreateApiKeyInput = z.input<typeof createApiKeyInput>;

/** Create a team's key (admins and owners); the plain key is returned once and only its hash is stored. */
export async function createApiKey({ db, userId, input }: { db: DbOrTx; userId: string; input: CreateApiKeyInput }) {
  const parsed = createApiKeyInput.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ServiceError("invalid", first?.message ?? "Invalid key name.", { path: first?.path.join(".") });
  }
  const { teamId, spaceId, readOnly } = parsed.data;
  const mine = await listTeamsOf(db, { userId });
  const team = teamId ? mine.find((t) => t.id === teamId) : mine.find((t) => can(t.role, "keys"));
  if (teamId && !team) throw new ServiceError("not_found", "No such team.");
  if (!team || !can(team.role, "keys")) throw new ServiceError("forbidden", "Only the team's admins create API keys.");
  if (spaceId && (await getSpaceTeam(db, { spaceId })) !== team.id) throw new ServiceError("not_found", "No such space in this team.", { path: "spaceId" });
  const key = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({
      userId,
      teamId: team.id,
      spaceId: spaceId ?? null,
      readOnly: readOnly ?? false,
      name: parsed.data.name || "API key",
      prefix: displayPrefix(key),
      hash: hashApiKey(key),
    })
    .returning({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      teamId: apiKeys.teamId,
      spaceId: apiKeys.spaceId,
      readOnly: apiKeys.readOnly,
      createdAt: apiKeys.createdAt,
    });
  if (!row) throw new Error("insert returned nothing");
  await recordAudit(db, {
    actor: userId,
    teamId: row.teamId,
    action: "api_key.created",
    target: `api_key:${row.id}`,
    details: { name: row.name, prefix: row.prefix },
  });
  return { ...row, key };
}

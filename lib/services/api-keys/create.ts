import { stripBidiControls } from "@/lib/text/bidi";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { apiKeys } from "@/lib/db/schema";
import { ServiceError } from "@/lib/services/errors";
import { displayPrefix, generateApiKey, hashApiKey } from "./key";

/** Input of `createApiKey`: an optional label. */
export const createApiKeyInput = z.object({
  name: z.string().trim().max(100, { message: "Keep the name under 100 characters." }).transform(stripBidiControls).optional(),
});
/** What callers pass to `createApiKey`. */
export type CreateApiKeyInput = z.input<typeof createApiKeyInput>;

/** Create a key for a user; the plain key is returned once and only its hash is stored. */
export async function createApiKey({ db, userId, input }: { db: DbOrTx; userId: string; input: CreateApiKeyInput }) {
  const parsed = createApiKeyInput.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ServiceError("invalid", first?.message ?? "Invalid key name.", { path: first?.path.join(".") });
  }
  const key = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ userId, name: parsed.data.name || "API key", prefix: displayPrefix(key), hash: hashApiKey(key) })
    .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt });
  if (!row) throw new Error("insert returned nothing");
  return { ...row, key };
}

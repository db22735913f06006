import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { ServiceError } from "@/lib/services/errors";
import { type CreateUserInput, createUser } from "./create";

/**
 * First run: create the admin only while no user exists; they own the first team (named `teamName`). The count and the insert share a
 * transaction with a table lock, so two racing set-up forms cannot both succeed.
 */
export async function createFirstAdmin({ db, input }: { db: Db; input: Omit<CreateUserInput, "role" | "team"> }) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table ${users} in share row exclusive mode`);
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
    if (n > 0) throw new ServiceError("already_exists", "Vouch is already set up: sign in instead.");
    return createUser({ db: tx, input: { ...input, teamName: input.teamName || "My team", role: "admin" } });
  });
}

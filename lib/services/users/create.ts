import { stripBidiControls } from "@/lib/text/bidi";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { teamMembers, teams, users } from "@/lib/db/schema";
import { TEAM_ROLES } from "@/lib/teams/roles";
import { hashPassword, PASSWORD_MIN } from "./password";
import { isUniqueViolation, ServiceError } from "@/lib/services/errors";
import { recordAudit } from "@/lib/services/audit/record";

export const createUserInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: "Enter a valid email address." })),
  password: z.string().min(PASSWORD_MIN, { message: `Use at least ${PASSWORD_MIN} characters.` }),
  name: z.string().trim().max(200).transform(stripBidiControls).optional(),
  role: z.enum(["admin", "reviewer"]).default("reviewer"),
  /** the team the user joins, with their role; without it the user starts as owner of a team of their own. */
  team: z.object({ id: z.string().min(1), role: z.enum(TEAM_ROLES) }).optional(),
  /** the name of the team of their own (default: their name or email). */
  teamName: z.string().trim().max(120).transform(stripBidiControls).optional(),
});
export type CreateUserInput = z.input<typeof createUserInput>;

/**
 * Create a user with a hashed password; a taken email is a `conflict`. The user joins `input.team`, or owns a new
 * team of their own (every user can then work at once, as before teams existed). The caller checks that whoever
 * asks may add members to `input.team`. `actorId`: the admin who did (none: setup, an invitation, SSO, the CLI, tests).
 */
export async function createUser({ db, actorId = null, input }: { db: DbOrTx; actorId?: string | null; input: CreateUserInput }) {
  const parsed = createUserInput.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ServiceError("invalid", first?.message ?? "Invalid user.", { path: first?.path.join(".") });
  }
  const { email, password, name, role, team, teamName } = parsed.data;
  const passwordHash = await hashPassword(password);
  try {
    // the user and their membership together: no user is left without a team
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({ email, passwordHash, name: name || null, role })
        .returning({ id: users.id, email: users.email, role: users.role });
      if (!row) throw new Error("insert returned nothing");
      let teamId = team?.id;
      if (!teamId) {
        const [own] = await tx
          .insert(teams)
          .values({ name: teamName || name || email })
          .returning({ id: teams.id });
        if (!own) throw new Error("insert returned nothing");
        teamId = own.id;
      }
      await tx.insert(teamMembers).values({ teamId, userId: row.id, role: team?.role ?? "owner" });
      await recordAudit(tx, {
        actor: actorId,
        teamId,
        action: "user.created",
        target: `user:${row.id}`,
        details: { email: row.email, role: team?.role ?? "owner" },
      });
      return { ...row, teamId };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ServiceError("already_exists", `A user with the email ${email} already exists.`);
    throw err;
  }
}

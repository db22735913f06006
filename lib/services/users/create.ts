import { stripBidiControls } from "@/lib/text/bidi";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { hashPassword, PASSWORD_MIN } from "./password";
import { isUniqueViolation, ServiceError } from "@/lib/services/errors";

export const createUserInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: "Enter a valid email address." })),
  password: z.string().min(PASSWORD_MIN, { message: `Use at least ${PASSWORD_MIN} characters.` }),
  name: z.string().trim().max(200).transform(stripBidiControls).optional(),
  role: z.enum(["admin", "reviewer"]).default("reviewer"),
});
export type CreateUserInput = z.input<typeof createUserInput>;

/** Create a user with a hashed password; a taken email is a `conflict`. */
export async function createUser({ db, input }: { db: DbOrTx; input: CreateUserInput }) {
  const parsed = createUserInput.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ServiceError("invalid", first?.message ?? "Invalid user.", { path: first?.path.join(".") });
  }
  const { email, password, name, role } = parsed.data;
  const passwordHash = await hashPassword(password);
  try {
    const [row] = await db
      .insert(users)
      .values({ email, passwordHash, name: name || null, role })
      .returning({ id: users.id, email: users.email, role: users.role });
    if (!row) throw new Error("insert returned nothing");
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw new ServiceError("already_exists", `A user with the email ${email} already exists.`);
    throw err;
  }
}

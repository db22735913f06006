import bcrypt from "bcryptjs";

// bcrypt cost 11: ~150 ms on a small CPU, slow enough for offline guessing to hurt.
const COST = 11;

/** Hash a password for storage. */
export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

/** Constant-time check of a password against its stored hash. */
export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

/** Our password rule, shared by the setup form, the user form and ADMIN_PASSWORD. */
export const PASSWORD_MIN = 8;

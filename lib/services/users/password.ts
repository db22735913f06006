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

// An unknown e-mail pays for one comparison at the same cost (a hash of a random string made
// once at COST), so the answer's timing does not tell which accounts exist.
const TIMING_HASH = "$2b$11$tT3RX30BF3Q3F3POsDdfcuww7y851wod/bqE0ZkysxRGNe1/aJlZm";

/** The hash a sign-in compares against: the account's, or for no usable account one of the same cost. */
export function hashToCompare(account: { passwordHash: string | null; disabled: boolean } | null | undefined): { hash: string; usable: boolean } {
  if (account?.passwordHash && !account.disabled) return { hash: account.passwordHash, usable: true };
  return { hash: TIMING_HASH, usable: false };
}

/** Check a sign-in: always exactly one bcrypt comparison, true only for a usable account's right password. */
export async function checkSignIn(
  account: { passwordHash: string | null; disabled: boolean } | null | undefined,
  plain: string,
  compare: (plain: string, hash: string) => Promise<boolean> = verifyPassword,
): Promise<boolean> {
  const { hash, usable } = hashToCompare(account);
  const ok = await compare(plain, hash);
  return usable && ok;
}

/** Our password rule, shared by the setup form, the user form and ADMIN_PASSWORD. */
export const PASSWORD_MIN = 8;

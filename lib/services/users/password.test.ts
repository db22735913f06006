import { describe, expect, it } from "vitest";
import { checkSignIn, hashPassword, hashToCompare, verifyPassword } from "./password";

// Enumeration by timing is closed by doing the same work for every sign-in: exactly one bcrypt
// comparison at the stored hashes' cost. Asserted on the mechanism, not on a stopwatch.
describe("checkSignIn", () => {
  const counting = (answer: boolean) => {
    const hashes: string[] = [];
    const compare = async (_plain: string, hash: string) => {
      hashes.push(hash);
      return answer;
    };
    return { hashes, compare };
  };
  const cost = (hash: string) => hash.split("$")[2];

  it("compares once against a hash of the stored cost when the account does not exist or is disabled", async () => {
    const stored = await hashPassword("correct horse");
    for (const account of [null, undefined, { passwordHash: null, disabled: false }, { passwordHash: stored, disabled: true }]) {
      const c = counting(true);
      // even a comparison that says yes does not let an unusable account in
      expect(await checkSignIn(account, "correct horse", c.compare)).toBe(false);
      expect(c.hashes).toHaveLength(1);
      expect(cost(c.hashes[0]!)).toBe(cost(stored));
    }
  });

  it("compares once against the account's own hash and answers what bcrypt answers", async () => {
    const stored = await hashPassword("correct horse");
    const yes = counting(true);
    expect(await checkSignIn({ passwordHash: stored, disabled: false }, "x", yes.compare)).toBe(true);
    expect(yes.hashes).toEqual([stored]);
    expect(await checkSignIn({ passwordHash: stored, disabled: false }, "correct horse")).toBe(true);
    expect(await checkSignIn({ passwordHash: stored, disabled: false }, "wrong")).toBe(false);
  });

  it("the stand-in hash is a real bcrypt hash (a comparison runs, it does not throw)", async () => {
    const { hash, usable } = hashToCompare(null);
    expect(usable).toBe(false);
    expect(await verifyPassword("anything", hash)).toBe(false);
  });
});

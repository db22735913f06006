import { type AppUser, currentUser } from "@/lib/auth";
import { ApiError } from "@/lib/contract/errors";

/** The signed-in web-app user of this request; throws the contract's 401 otherwise. */
export async function requireSessionUser(): Promise<AppUser> {
  const user = await currentUser();
  if (!user) throw new ApiError("unauthorized", "Sign in first.");
  return user;
}

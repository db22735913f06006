import { eq, type SQL } from "drizzle-orm";
import { spaces } from "@/lib/db/schema";

/**
 * The tenant condition, written once: a row is the user's when it is reached through a space they own.
 * Every owned read (lib/db/queries) and every owned write (lib/services) puts this first in its `where`,
 * joining `spaces` when the table sits below a space (documents, pages, jobs, corrections, deliveries).
 */
export function ownedBy(userId: string): SQL {
  return eq(spaces.ownerId, userId);
}

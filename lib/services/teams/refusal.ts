import type { DbOrTx } from "@/lib/db/client";
import { existsAnywhere, type Ref } from "@/lib/db/queries/access";
import { ServiceError } from "@/lib/services/errors";

/**
 * The error for a thing the actor's scoped read did not reach: `forbidden` when it exists (another team's, or the
 * actor's role or key does not allow this), `not_found` when there is no such id (the contract of docs/api.md).
 */
export async function refusal(db: DbOrTx, ref: Ref, what: string): Promise<ServiceError> {
  return (await existsAnywhere(db, ref))
    ? new ServiceError("forbidden", `Your role or key does not allow this on that ${what}.`)
    : new ServiceError("not_found", `No such ${what}.`);
}

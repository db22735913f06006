import { forbidden, notFound } from "next/navigation";
import type { DbOrTx } from "@/lib/db/client";
import { existsAnywhere, type Ref } from "@/lib/db/queries/access";

/**
 * A page's answer when the user's scoped read found nothing — the page twin of lib/services/teams/refusal.ts:
 * 403 (app/forbidden.tsx) when the thing exists in another team or beyond the role, 404 when there is no such id.
 */
export async function refusePage(db: DbOrTx, ref: Ref): Promise<never> {
  if (await existsAnywhere(db, ref)) forbidden();
  notFound();
}

import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import type { TeamAction } from "@/lib/teams/roles";
import { corrections, documents, spaces, users } from "@/lib/db/schema";
import type { CorrectionRecord } from "@/lib/sheet/types";
import { type Actor, inTeamOf } from "./owner";

/** A stored correction row as the view model's record. */
export function toCorrectionRecord(c: typeof corrections.$inferSelect, email?: string | null): CorrectionRecord {
  return {
    id: c.id,
    documentId: c.documentId,
    path: c.path,
    kind: c.kind,
    oldValue: c.oldValue,
    newValue: c.newValue,
    ...(c.normalized !== null && c.normalized !== undefined ? { normalized: c.normalized } : {}),
    box: c.box ?? null,
    page: c.page,
    userId: c.userId,
    ...(email ? { userEmail: email } : {}),
    createdAt: c.createdAt.toISOString(),
  };
}

/** A document's corrections (optionally one cell's), oldest first, with their authors' emails; [] when not the user's. */
export async function listCorrections(db: DbOrTx, params: { userId: Actor; action?: TeamAction; documentId: string; path?: string | null }) {
  const rows = await db
    .select({ c: corrections, email: users.email })
    .from(corrections)
    .innerJoin(documents, eq(documents.id, corrections.documentId))
    .innerJoin(spaces, eq(spaces.id, documents.spaceId))
    .leftJoin(users, eq(users.id, corrections.userId))
    .where(
      and(inTeamOf(params.userId, params.action), eq(corrections.documentId, params.documentId), params.path ? eq(corrections.path, params.path) : undefined),
    )
    .orderBy(asc(corrections.createdAt));
  return rows.map(({ c, email }) => toCorrectionRecord(c, email));
}

/** One correction by id as a record (with its author's email); null when absent. */
export async function getCorrectionById(db: DbOrTx, params: { correctionId: string }) {
  const [row] = await db
    .select({ c: corrections, email: users.email })
    .from(corrections)
    .leftJoin(users, eq(users.id, corrections.userId))
    .where(eq(corrections.id, params.correctionId));
  return row ? toCorrectionRecord(row.c, row.email) : null;
}

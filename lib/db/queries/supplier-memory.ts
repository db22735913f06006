import { and, arrayOverlaps, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import type { TeamAction } from "@/lib/teams/roles";
import { documents, pages, spaces, supplierMemories } from "@/lib/db/schema";
import { findSupplier, type SupplierMemory } from "@/lib/engine/memory/types";
import type { OcrPage } from "@/lib/engine/types";
import { type Actor, inTeamOf } from "./owner";

/**
 * The memory of the supplier known by these keys or this letterhead, in one space (worker side: the
 * job has the document's space, not a user; the space is the tenant boundary, and a space belongs to
 * one team). A shared VAT id or IBAN decides; else the letterhead and the name read (findSupplier).
 * Null when none.
 */
export async function findSupplierMemory(db: DbOrTx, params: { spaceId: string; keys: string[]; letterhead?: string[] }) {
  const head = params.letterhead ?? [];
  if (params.keys.length === 0 && head.length === 0) return null;
  const ids = params.keys.filter((k) => !k.startsWith("name:"));
  if (ids.length > 0) {
    const [row] = await db
      .select()
      .from(supplierMemories)
      .where(and(eq(supplierMemories.spaceId, params.spaceId), arrayOverlaps(supplierMemories.keys, ids)))
      .orderBy(asc(supplierMemories.createdAt))
      .limit(1);
    if (row) return row;
  }
  const all = await db
    .select({ id: supplierMemories.id, keys: supplierMemories.keys, letterheads: sql<string[][] | null>`${supplierMemories.memory}->'letterheads'` })
    .from(supplierMemories)
    .where(eq(supplierMemories.spaceId, params.spaceId))
    .orderBy(asc(supplierMemories.createdAt));
  const near = findSupplier(all, params.keys, head);
  if (!near) return null;
  const [found] = await db
    .select()
    .from(supplierMemories)
    .where(and(eq(supplierMemories.spaceId, params.spaceId), eq(supplierMemories.id, near.id)));
  return found ?? null;
}

/** The memory a reviewed document already taught (found by the document, whatever its supplier was read as then). */
export async function findMemoryOfDocument(db: DbOrTx, params: { spaceId: string; documentId: string }) {
  const [row] = await db
    .select()
    .from(supplierMemories)
    .where(and(eq(supplierMemories.spaceId, params.spaceId), sql`${supplierMemories.memory}::text like ${`%"${params.documentId}"%`}`))
    .limit(1);
  return row ?? null;
}

/** A document's stored page models (OCR or text layer), in page order; memory learns where values sit on them. */
export async function getDocumentOcrPages(db: DbOrTx, params: { documentId: string }): Promise<OcrPage[]> {
  const rows = await db.select({ ocr: pages.ocr }).from(pages).where(eq(pages.documentId, params.documentId)).orderBy(asc(pages.index));
  return rows.flatMap((r) => (r.ocr ? [r.ocr] : []));
}

/** One supplier's memory as the settings page shows it. */
export interface SupplierMemoryView {
  id: string;
  spaceId: string;
  spaceName: string;
  name: string;
  keys: string[];
  memory: SupplierMemory;
  updatedAt: string;
  /** file names of the documents the entries came from (absent: deleted since). */
  documents: Record<string, string>;
}

/** Every supplier memory of the spaces the actor reaches (optionally one team's), with the file names of the documents behind it. */
export async function listSupplierMemories(db: DbOrTx, params: { userId: Actor; action?: TeamAction; teamId?: string }): Promise<SupplierMemoryView[]> {
  const rows = await db
    .select({ m: supplierMemories, spaceName: spaces.name })
    .from(supplierMemories)
    .innerJoin(spaces, eq(spaces.id, supplierMemories.spaceId))
    .where(and(inTeamOf(params.userId, params.action), params.teamId ? eq(spaces.teamId, params.teamId) : undefined))
    .orderBy(asc(spaces.name), asc(supplierMemories.name));
  const ids = [...new Set(rows.flatMap((r) => r.m.memory.entries.flatMap((e) => e.documents)))];
  const docs = ids.length ? await db.select({ id: documents.id, fileName: documents.fileName }).from(documents).where(inArray(documents.id, ids)) : [];
  const names = Object.fromEntries(docs.map((d) => [d.id, d.fileName]));
  return rows.map(({ m, spaceName }) => ({
    id: m.id,
    spaceId: m.spaceId,
    spaceName,
    name: m.name,
    keys: m.keys,
    memory: m.memory,
    updatedAt: m.updatedAt.toISOString(),
    documents: Object.fromEntries(
      m.memory.entries
        .flatMap((e) => e.documents)
        .filter((d) => names[d])
        .map((d) => [d, names[d]!]),
    ),
  }));
}

/** One supplier memory if it is the user's (null otherwise). */
export async function getOwnedSupplierMemory(db: DbOrTx, params: { userId: Actor; action?: TeamAction; memoryId: string }) {
  const [row] = await db
    .select({ m: supplierMemories })
    .from(supplierMemories)
    .innerJoin(spaces, eq(spaces.id, supplierMemories.spaceId))
    .where(and(inTeamOf(params.userId, params.action), eq(supplierMemories.id, params.memoryId)));
  return row?.m ?? null;
}

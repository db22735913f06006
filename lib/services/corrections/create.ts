import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { toCorrectionRecord } from "@/lib/db/queries/corrections";
import { getDocumentRow } from "@/lib/db/queries/sheet";
import { getUserById } from "@/lib/db/queries/users";
import { corrections } from "@/lib/db/schema";
import { cellAt } from "@/lib/sheet/build";
import { type CorrectionReading, normalizeCorrection } from "@/lib/sheet/conventions";
import type { CorrectionRecord, SpaceSchema } from "@/lib/sheet/types";
import { transition } from "@/lib/services/documents/lifecycle";
import { ServiceError } from "@/lib/services/errors";
import { recordInSupplierMemory } from "@/lib/services/memory/record";
import { supplierOf } from "@/lib/services/memory/supplier";
import { recordAudit } from "@/lib/services/audit/record";
import { refusal } from "@/lib/services/teams/refusal";

const gridInt = z.number().int().min(0).max(1000);

/** What a reviewer sends: the cell, the verdict, the new text and optionally a drawn box. */
export const correctionInputSchema = z
  .object({
    path: z.string().regex(/^[A-Za-z0-9_]+(\.\d{1,5}\.[A-Za-z0-9_]+)?$/, "a field name or array.index.child"),
    kind: z.enum(["edit", "accept", "not_on_document"]),
    newValue: z.string().max(4000).nullish(),
    box: z
      .object({ xmin: gridInt, ymin: gridInt, xmax: gridInt, ymax: gridInt })
      .refine((b) => b.xmax > b.xmin && b.ymax > b.ymin, "box must have a positive area")
      .nullish(),
    page: z.number().int().min(0).max(9999).nullish(),
    /** the reviewer's pick when the typed value reads two ways (one of the `ambiguous` candidates). */
    normalized: z.union([z.number().finite(), z.string().max(40)]).nullish(),
  })
  .refine((v) => v.kind !== "edit" || typeof v.newValue === "string", {
    message: "an edit needs newValue",
    path: ["newValue"],
  })
  .refine((v) => !v.box || typeof v.page === "number", { message: "a box needs its page", path: ["page"] });

export type CorrectionInput = z.infer<typeof correctionInputSchema>;

/** The field spec a valid path names ("total", "line_items.2.amount"). */
function specAt(schema: SpaceSchema, path: string) {
  const [name, , child] = path.split(".");
  const field = schema.fields.find((f) => f.name === name);
  return child === undefined ? field : field?.children?.find((c) => c.name === child);
}

/**
 * Read an edit with the document's conventions. An ambiguous value is stored as typed
 * (exported as text) unless the reviewer already picked one of its readings.
 */
function normalizedOf(reading: CorrectionReading, pick: number | string | null | undefined): number | string | null {
  if (reading.status === "ok") return reading.normalized;
  if (reading.status === "ambiguous" && pick !== undefined && pick !== null) {
    if (!reading.candidates.includes(pick)) {
      throw new ServiceError("invalid", `normalized must be one of ${reading.candidates.join(", ")}.`, { path: "normalized" });
    }
    return pick;
  }
  return null;
}

/** Does the path name a cell of the schema (and, for line items, an existing or the next row)? */
function checkPath(schema: SpaceSchema, path: string, rowCount: (array: string) => number): void {
  const [name, index, child] = path.split(".");
  const field = schema.fields.find((f) => f.name === name);
  if (!field) throw new ServiceError("invalid", `No field "${name}" in this space.`, { path: "path" });
  if (index === undefined) {
    if (field.type === "array") throw new ServiceError("invalid", `"${name}" is a list: name a row and column.`, { path: "path" });
    return;
  }
  if (field.type !== "array" || !field.children?.some((c) => c.name === child)) {
    throw new ServiceError("invalid", `No column "${child}" in "${name}".`, { path: "path" });
  }
  // A reviewer may add the line the engine missed, one at a time.
  if (Number(index) > rowCount(field.name)) throw new ServiceError("invalid", `Row ${Number(index) + 1} does not exist.`, { path: "path" });
}

/**
 * Store one correction beside the original, never over it (append-only), with the
 * value it replaced; touches the document so pollers see the change.
 */
export async function createCorrection({
  db,
  userId,
  input,
}: {
  db: Db;
  userId: string;
  input: CorrectionInput & { documentId: string };
}): Promise<CorrectionRecord & { reading: CorrectionReading }> {
  return db.transaction(async (tx) => {
    const owned = await getDocumentRow(tx, { userId, action: "review", documentId: input.documentId });
    if (!owned) throw await refusal(tx, { documentId: input.documentId }, "document");
    const { doc, schema, row } = owned;
    if (doc.status !== "done" && doc.status !== "reviewed") {
      throw new ServiceError("wrong_state", `The document is ${doc.status}; values can be corrected once it is extracted.`);
    }
    checkPath(schema, input.path, (array) => row.arrays[array]?.length ?? 0);
    const current = cellAt(row, input.path)?.value ?? null;
    const newValue = input.kind === "edit" ? (input.newValue ?? "") : input.kind === "accept" ? current : null;
    const spec = specAt(schema, input.path);
    let reading: CorrectionReading = input.kind === "edit" && spec ? normalizeCorrection(spec, newValue, row.conventions) : { status: "text" };
    // An accepted value keeps the engine's normalized value (the cell's).
    const normalized = input.kind === "accept" ? (cellAt(row, input.path)?.normalized ?? null) : normalizedOf(reading, input.normalized);
    // The reviewer's pick settles an ambiguous reading.
    if (reading.status === "ambiguous" && normalized !== null) reading = { status: "ok", normalized };
    const [stored] = await tx
      .insert(corrections)
      .values({
        documentId: doc.id,
        path: input.path,
        kind: input.kind,
        oldValue: current,
        newValue,
        normalized,
        box: input.box ?? null,
        page: input.box ? (input.page ?? null) : null,
        userId,
      })
      .returning();
    if (!stored) throw new Error("insert returned nothing");
    await transition(tx, { type: "touched", documentId: doc.id });
    await recordAudit(tx, {
      actor: userId,
      action: input.kind === "edit" ? "value.corrected" : input.kind === "accept" ? "value.accepted" : "value.not_on_document",
      spaceId: doc.spaceId,
      documentId: doc.id,
      details: { path: input.path, old: current, new: newValue },
    });
    // A scalar value corrected or confirmed teaches the supplier's memory where and how it is printed.
    if (!input.path.includes(".") && newValue) {
      const page = input.page ?? cellAt(row, input.path)?.page ?? 0;
      await recordInSupplierMemory(tx, {
        spaceId: doc.spaceId,
        documentId: doc.id,
        supplier: supplierOf(row, { [input.path]: newValue }),
        read: supplierOf(row, {}, true),
        values: [{ field: input.path, value: newValue, page }],
      });
    }
    const user = await getUserById(tx, userId);
    return { ...toCorrectionRecord(stored, user?.email), reading };
  });
}

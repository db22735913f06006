import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { tempDataDir } from "@/e2e/support/server";
import { closeDriver, type Db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { findSupplierMemory, listSupplierMemories } from "@/lib/db/queries/supplier-memory";
import { documents, extractions, pages } from "@/lib/db/schema";
import { extractFromPages, type FieldValue, type OcrPage, resolveFields, supplierKeysOf } from "@/lib/engine";
import { letterhead } from "@/lib/engine/memory";
import { edit, first, lineAmountTotalExtractor, third } from "@/lib/engine/memory/fixtures.test-helpers";
import { type Env, parseEnv } from "@/lib/env";
import { createCorrection } from "@/lib/services/corrections/create";
import { createSpace } from "@/lib/services/spaces/create";
import { createUser } from "@/lib/services/users/create";
import { forgetSupplierMemory } from "./forget";
import { recordInSupplierMemory } from "./record";

const total = (d: Record<string, unknown>) => d.total as FieldValue;

describe.each(testDatabaseKinds())("supplier memory on %s", (kind) => {
  let tdb: TestDatabase;
  let env: Env;
  let db: Db;
  let userId: string;
  let otherId: string;
  let spaceId: string;

  /** A document as the job handler leaves it: page models stored, the engine's result, status done. */
  async function addDocument(fileName: string, ocr: OcrPage[], inSpace = spaceId) {
    const res = await extractFromPages(ocr, { templateId: "invoice" });
    const [doc] = await db
      .insert(documents)
      .values({ spaceId: inSpace, fileName, mimeType: "image/png", sha256: fileName, status: "done", pageCount: 1 })
      .returning();
    const id = doc!.id;
    await db.insert(pages).values({ documentId: id, index: 0, width: ocr[0]!.width, height: ocr[0]!.height, imageKey: `k-${fileName}`, ocr: ocr[0]! });
    await db.insert(extractions).values({ documentId: id, engineVersion: "t", extractor: "rules", result: res });
    return { id, res };
  }

  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { migrated: true });
    env = parseEnv({ ...tdb.env(tempDataDir("vouch-memory")) });
    db = await prepareDatabase(env);
    userId = (await createUser({ db, input: { email: "clerk@example.com", password: "longenough" } })).id;
    otherId = (await createUser({ db, input: { email: "other@example.com", password: "longenough" } })).id;
    spaceId = (await createSpace({ db, userId, input: { name: "Invoices", templateId: "invoice", fields: resolveFields({ templateId: "invoice" }) } })).id;
  });
  afterAll(async () => {
    await closeDriver(env);
    await tdb.cleanup();
  });

  it("a correction becomes a memory row, and the supplier's next document is read right with it", async () => {
    const a = await addDocument("first.png", first);
    // The reviewer corrects the total of the first invoice (here: types the value the page prints).
    await createCorrection({ db, userId, input: { documentId: a.id, path: "total", kind: "edit", newValue: "£5,664.36" } });

    const listed = await listSupplierMemories(db, { userId });
    expect(listed).toHaveLength(1);
    expect(listed[0]!.name).toBe("Granite Peak Office Goods Ltd.");
    expect(listed[0]!.keys).toContain("name:granitepeakofficegoodsltd");
    const entry = listed[0]!.memory.entries.find((e) => e.field === "total")!;
    expect(entry.label).toBe("kwotarazem");
    expect(entry.documents).toEqual([a.id]);
    expect(listed[0]!.documents[a.id]).toBe("first.png");
    expect(await listSupplierMemories(db, { userId: otherId })).toEqual([]);

    // The next invoice: the job handler finds the supplier by the first reading's keys and reads again with its memory.
    // An extractor that misses this layout's total (the rules read it since a column header is not a label).
    const extractor = lineAmountTotalExtractor();
    const plain = await extractFromPages(third, { templateId: "invoice" }, { extractor });
    expect(total(plain.data).value).not.toBe("£98.10");
    const row = await findSupplierMemory(db, { spaceId, keys: supplierKeysOf(plain.data as Record<string, { value?: unknown }>) });
    expect(row).not.toBeNull();
    const withMemory = await extractFromPages(third, { templateId: "invoice" }, { extractor, memory: row!.memory });
    expect(total(withMemory.data).value).toBe("£98.10");
  });

  it("a document whose supplier name is misread finds the memory by its letterhead, in its own space only", async () => {
    const misread = edit(third, { Granite: "Gran1te", Peak: "Paek", Office: "0ffce" });
    // Only the name read (an IBAN would find it by itself): a receipt prints none.
    const keys = supplierKeysOf((await extractFromPages(misread, { templateId: "invoice" })).data as Record<string, { value?: unknown }>).filter((k) =>
      k.startsWith("name:"),
    );
    expect(await findSupplierMemory(db, { spaceId, keys })).toBeNull();
    const found = await findSupplierMemory(db, { spaceId, keys, letterhead: letterhead(misread) });
    expect(found?.name).toBe("Granite Peak Office Goods Ltd.");
    // Another tenant's space holds no memory, whatever the page says.
    const elsewhere = (await createSpace({ db, userId: otherId, input: { name: "Theirs", templateId: "invoice" } })).id;
    expect(await findSupplierMemory(db, { spaceId: elsewhere, keys, letterhead: letterhead(misread) })).toBeNull();
    expect(await findSupplierMemory(db, { spaceId: elsewhere, keys: ["name:granitepeakofficegoodsltd"] })).toBeNull();
  });

  it("memory stays in its team: a colleague added to the team sees it, another team neither sees nor uses it", async () => {
    const owner = await createUser({ db, input: { email: "lead@example.com", password: "longenough" } });
    const outsider = await createUser({ db, input: { email: "outsider@example.com", password: "longenough" } });
    const colleague = await createUser({ db, input: { email: "colleague@example.com", password: "longenough", team: { id: owner.teamId, role: "reviewer" } } });
    const ours = (await createSpace({ db, userId: owner.id, input: { name: "Team A", templateId: "invoice" } })).id;
    const theirs = (await createSpace({ db, userId: outsider.id, input: { name: "Team B", templateId: "invoice" } })).id;
    await recordInSupplierMemory(db, {
      spaceId: ours,
      documentId: (await addDocument("team-a.png", first, ours)).id,
      supplier: { name: "Granite Peak Office Goods Ltd." },
      values: [{ field: "total", value: "£5,664.36", page: 0 }],
    });
    expect((await listSupplierMemories(db, { userId: colleague.id })).map((m) => m.spaceId)).toEqual([ours]);
    expect(await listSupplierMemories(db, { userId: outsider.id })).toEqual([]);
    const keys = ["name:granitepeakofficegoodsltd"];
    expect(await findSupplierMemory(db, { spaceId: ours, keys, letterhead: letterhead(third) })).not.toBeNull();
    expect(await findSupplierMemory(db, { spaceId: theirs, keys, letterhead: letterhead(third) })).toBeNull();
  });

  it("a second reviewed document adds its letterhead to the ones the supplier's memory kept", async () => {
    const space = (await createSpace({ db, userId: otherId, input: { name: "Letterheads", templateId: "invoice" } })).id;
    const supplier = { name: "Granite Peak Office Goods Ltd." };
    const misread = edit(first, { Granite: "Gran1te", Peak: "Paek" });
    for (const [name, ocr] of [
      ["lh-1.png", first],
      ["lh-2.png", misread],
    ] as const)
      await recordInSupplierMemory(db, {
        spaceId: space,
        documentId: (await addDocument(name, ocr, space)).id,
        supplier,
        values: [{ field: "total", value: "£5,664.36", page: 0 }],
      });
    const row = await findSupplierMemory(db, { spaceId: space, keys: ["name:granitepeakofficegoodsltd"] });
    expect(row?.memory.letterheads).toEqual([letterhead(misread), letterhead(first)]);
  });

  it("forget removes what a document taught, and an empty memory goes away", async () => {
    const [m] = await listSupplierMemories(db, { userId });
    await expect(forgetSupplierMemory({ db, userId: otherId, input: { memoryId: m!.id } })).rejects.toMatchObject({ code: "forbidden" });
    const docId = m!.memory.entries[0]!.documents[0]!;
    expect((await forgetSupplierMemory({ db, userId, input: { memoryId: m!.id, documentId: docId } })).deleted).toBe(true);
    expect(await listSupplierMemories(db, { userId })).toEqual([]);
  });
});

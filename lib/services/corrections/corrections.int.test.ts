import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { tempDataDir } from "@/e2e/support/server";
import { closeDriver, type Db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { corrections, documents, extractions, pages } from "@/lib/db/schema";
import { type Env, parseEnv } from "@/lib/env";
import { toCsv } from "@/lib/export/csv";
import { buildReviewQueue } from "@/lib/sheet/queue";
import { getSheetRows } from "@/lib/db/queries/sheet";
import { fv, result, schema } from "@/lib/sheet/fixtures.test-helpers";
import { createSpace } from "@/lib/services/spaces/create";
import { createUser } from "@/lib/services/users/create";
import { createCorrection } from "./create";
import { markDocumentReviewed } from "./mark-reviewed";

describe.each(testDatabaseKinds())("corrections on %s", (kind) => {
  let tdb: TestDatabase;
  let env: Env;
  let db: Db;
  let userId: string;
  let otherId: string;
  let spaceId: string;
  let docId: string;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { migrated: true });
    env = parseEnv({ ...tdb.env(tempDataDir("vouch-corrections")) });
    db = await prepareDatabase(env);
    userId = (await createUser({ db, input: { email: "clerk@example.com", password: "longenough" } })).id;
    otherId = (await createUser({ db, input: { email: "other@example.com", password: "longenough" } })).id;
    spaceId = (await createSpace({ db, userId, input: { name: "Invoices", fields: schema.fields } })).id;
    const [doc] = await db
      .insert(documents)
      .values({ spaceId, fileName: "inv.pdf", mimeType: "application/pdf", sha256: "x", status: "done", pageCount: 1 })
      .returning();
    docId = doc?.id ?? "";
    await db.insert(pages).values({ documentId: docId, index: 0, width: 1240, height: 1754, imageKey: "k" });
    await db.insert(extractions).values({
      documentId: docId,
      engineVersion: "t",
      extractor: "rules",
      result: result({ invoice_no: fv(null) }),
    });
  });
  afterAll(async () => {
    await closeDriver(env);
    await tdb.cleanup();
  });

  it("loads the space's rows with page image urls and the queue", async () => {
    const sheet = await getSheetRows(db, { userId, spaceId });
    expect(sheet?.rows).toHaveLength(1);
    expect(sheet?.rows[0]?.pages[0]?.imageUrl).toBe(`/api/documents/${docId}/pages/0`);
    expect(buildReviewQueue(sheet?.rows ?? []).map((q) => q.path)).toEqual(["invoice_no", "line_items.1.amount", "total"]);
    expect(await getSheetRows(db, { userId: otherId, spaceId })).toBeNull();
  });

  it("stores corrections beside the original, append-only, with the value they replaced", async () => {
    const first = await createCorrection({ db, userId, input: { documentId: docId, path: "total", kind: "edit", newValue: "-1.300,00" } });
    expect(first).toMatchObject({ oldValue: "-1.234,56", newValue: "-1.300,00", userEmail: "clerk@example.com" });
    const second = await createCorrection({ db, userId, input: { documentId: docId, path: "total", kind: "edit", newValue: "=2+3" } });
    expect(second.oldValue).toBe("-1.300,00");
    await createCorrection({
      db,
      userId,
      input: { documentId: docId, path: "invoice_no", kind: "edit", newValue: "INV-7", box: { xmin: 1, ymin: 2, xmax: 30, ymax: 40 }, page: 0 },
    });
    await createCorrection({ db, userId, input: { documentId: docId, path: "line_items.1.amount", kind: "accept" } });
    const stored = await db.select().from(corrections).where(eq(corrections.documentId, docId));
    expect(stored).toHaveLength(4);
    const [ext] = await db.select().from(extractions).where(eq(extractions.documentId, docId));
    const total = ext?.result.data.total;
    expect(total && "match_ratio" in total ? total.value : null).toBe("-1.234,56");

    const sheet = await getSheetRows(db, { userId, spaceId });
    const row = sheet?.rows[0];
    expect(row?.cells.total?.value).toBe("=2+3");
    expect(row?.cells.total?.history.map((h) => h.newValue)).toEqual(["-1.300,00", "=2+3"]);
    expect(row?.cells.invoice_no?.vertices?.[2]).toEqual({ x: 30, y: 40 });
    expect(buildReviewQueue(sheet?.rows ?? [])).toEqual([]);
    const csv = toCsv(sheet?.rows ?? [], sheet?.schema ?? schema, { lines: true });
    expect(csv).toContain(",'=2+3,");
  });

  it("stores a corrected amount or date with its value read in the document's conventions; asks when it reads two ways", async () => {
    // The fixture writes "12.03.2026" (day first) and "90.00" (decimal point).
    const amount = await createCorrection({ db, userId, input: { documentId: docId, path: "subtotal", kind: "edit", newValue: "1,234" } });
    expect(amount).toMatchObject({ normalized: 1234, reading: { status: "ok", normalized: 1234 } });
    const day = await createCorrection({ db, userId, input: { documentId: docId, path: "invoice_date", kind: "edit", newValue: "03/04/2026" } });
    expect(day.normalized).toBe("2026-04-03");
    const text = await createCorrection({ db, userId, input: { documentId: docId, path: "note", kind: "edit", newValue: "paid" } });
    expect(text.reading).toEqual({ status: "text" });
    expect(text.normalized).toBeUndefined();

    // A document whose values do not say day-first or month-first.
    const [plain] = await db
      .insert(documents)
      .values({ spaceId, fileName: "iso.pdf", mimeType: "application/pdf", sha256: "z", status: "done", pageCount: 1 })
      .returning();
    const plainId = plain?.id ?? "";
    await db.insert(extractions).values({
      documentId: plainId,
      engineVersion: "t",
      extractor: "rules",
      result: result({ invoice_date: fv("2026-03-12", 1, { normalized: "2026-03-12" }) }),
    });
    const input = { documentId: plainId, path: "invoice_date", kind: "edit" as const, newValue: "03/04/2026" };
    const asked = await createCorrection({ db, userId, input });
    expect(asked.reading).toEqual({
      status: "ambiguous",
      candidates: ["2026-04-03", "2026-03-04"],
      reason: "“03/04/2026” could be 2026-04-03 (day first) or 2026-03-04 (month first)",
    });
    expect(asked.normalized).toBeUndefined();
    await expect(createCorrection({ db, userId, input: { ...input, normalized: "2026-05-05" } })).rejects.toMatchObject({ code: "invalid" });
    const picked = await createCorrection({ db, userId, input: { ...input, normalized: "2026-03-04" } });
    expect(picked).toMatchObject({ normalized: "2026-03-04", reading: { status: "ok", normalized: "2026-03-04" } });
    const sheet = await getSheetRows(db, { userId, spaceId });
    expect(sheet?.rows.find((r) => r.documentId === plainId)?.cells.invoice_date?.normalized).toBe("2026-03-04");
    expect(sheet?.rows.find((r) => r.documentId === docId)?.cells.subtotal?.normalized).toBe(1234);
  });

  it("refuses other users' documents, unknown paths and unfinished documents", async () => {
    await expect(createCorrection({ db, userId: otherId, input: { documentId: docId, path: "total", kind: "accept" } })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(createCorrection({ db, userId, input: { documentId: docId, path: "nope", kind: "accept" } })).rejects.toMatchObject({ code: "invalid" });
    await expect(
      createCorrection({ db, userId, input: { documentId: docId, path: "line_items.9.amount", kind: "edit", newValue: "1" } }),
    ).rejects.toMatchObject({ code: "invalid" });
  });

  it("marks a document reviewed once its queue is empty, and only then", async () => {
    const [busy] = await db
      .insert(documents)
      .values({ spaceId, fileName: "b.png", mimeType: "image/png", sha256: "y", status: "done", pageCount: 1 })
      .returning();
    await db.insert(extractions).values({ documentId: busy?.id ?? "", engineVersion: "t", extractor: "rules", result: result() });
    await expect(markDocumentReviewed({ db, userId, input: { documentId: busy?.id ?? "" } })).rejects.toMatchObject({
      code: "wrong_state",
    });
    const done = await markDocumentReviewed({ db, userId, input: { documentId: docId } });
    expect(done.documentId).toBe(docId);
    const sheet = await getSheetRows(db, { userId, spaceId, since: new Date(Date.now() - 60_000) });
    expect(sheet?.rows.find((r) => r.documentId === docId)?.status).toBe("reviewed");
    const reviewedCsv = toCsv(sheet?.rows ?? [], schema, { lines: false, reviewedOnly: true, bom: false });
    expect(reviewedCsv.split("\r\n")).toHaveLength(3);
  });
});

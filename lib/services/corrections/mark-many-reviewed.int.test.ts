import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { tempDataDir } from "@/e2e/support/server";
import { closeDriver, type Db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { documents, extractions, pages } from "@/lib/db/schema";
import { type Env, parseEnv } from "@/lib/env";
import { fv, result, schema } from "@/lib/sheet/fixtures.test-helpers";
import { getSheetRows } from "@/lib/db/queries/sheet";
import { createSpace } from "@/lib/services/spaces/create";
import { createUser } from "@/lib/services/users/create";
import { markManyReviewed } from "./mark-many-reviewed";

describe.each(testDatabaseKinds())("mark many reviewed on %s", (kind) => {
  let tdb: TestDatabase;
  let env: Env;
  let db: Db;
  let userId: string;
  let otherId: string;
  const ids: Record<"clean" | "open" | "processing", string> = { clean: "", open: "", processing: "" };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { migrated: true });
    env = parseEnv({ ...tdb.env(tempDataDir("vouch-mark-many")) });
    db = await prepareDatabase(env);
    userId = (await createUser({ db, input: { email: "clerk@example.com", password: "longenough" } })).id;
    otherId = (await createUser({ db, input: { email: "other@example.com", password: "longenough" } })).id;
    const spaceId = (await createSpace({ db, userId, input: { name: "Invoices", fields: schema.fields } })).id;
    const clean = result({ total: fv("100.00", 1, { normalized: 100 }), vendor: fv("ACME"), line_items: { value: [] } });
    for (const [name, status, res] of [
      ["clean", "done", clean],
      ["open", "done", result()],
      ["processing", "processing", null],
    ] as const) {
      const [doc] = await db
        .insert(documents)
        .values({ spaceId, fileName: `${name}.pdf`, mimeType: "application/pdf", sha256: name, status, pageCount: 1 })
        .returning();
      ids[name] = doc?.id ?? "";
      await db.insert(pages).values({ documentId: ids[name], index: 0, width: 1240, height: 1754, imageKey: `k-${name}` });
      if (res) await db.insert(extractions).values({ documentId: ids[name], engineVersion: "t", extractor: "rules", result: res });
    }
  });
  afterAll(async () => {
    await closeDriver(env);
    await tdb.cleanup();
  });

  it("marks only the documents with nothing left to review, and says why the others were skipped", async () => {
    expect(await markManyReviewed({ db, userId: otherId, input: { documentIds: [ids.clean] } })).toMatchObject({
      marked: [],
      skipped: [{ documentId: ids.clean }],
    });
    const out = await markManyReviewed({ db, userId, input: { documentIds: [ids.clean, ids.open, ids.processing, ids.clean] } });
    expect(out.marked).toEqual([ids.clean]);
    expect(out.skipped.map((s) => s.documentId)).toEqual([ids.open, ids.processing]);
    expect(out.skipped[0]?.reason).toMatch(/review/);
    const rows = (await getSheetRows(db, { userId, spaceId: (await db.select().from(documents)).at(0)?.spaceId ?? "" }))?.rows ?? [];
    expect(Object.fromEntries(rows.map((r) => [r.fileName, r.status]))).toEqual({
      "clean.pdf": "reviewed",
      "open.pdf": "done",
      "processing.pdf": "processing",
    });
  });
});

/**
 * Migration 0013 (flattened pages) on a database filled under the previous schema (0000–0012): every page is
 * kept with no flattened page, the page image still served from its key; a flattened page stored afterwards
 * is read back by the page query and named on the sheet row — on PGlite and PostgreSQL.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { tempDataDir } from "@/e2e/support/server";
import { closeDriver, type Db, dbFor, getDriver } from "@/lib/db/client";
import { migrationsFolder, prepareDatabase } from "@/lib/db/migrate";
import { getPage, getSheetRow } from "@/lib/db/queries/sheet";
import { pages } from "@/lib/db/schema";
import { type Env, parseEnv } from "@/lib/env";

/** A copy of drizzle/ whose journal stops after migration `last` (the schema as it was). */
function migrationsUpTo(last: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vouch-mig-"));
  fs.cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = path.join(dir, "meta/_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalPath, "utf8")) as { entries: Array<{ idx: number }> };
  journal.entries = journal.entries.filter((e) => e.idx <= last);
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

describe.each(testDatabaseKinds())("migration 0013 (flattened pages) on %s", (kind) => {
  let tdb: TestDatabase;
  let env: Env;
  let db: Db;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    env = parseEnv({ ...tdb.env(tempDataDir("vouch-mig")) });
    const driver = await getDriver(env);
    db = dbFor(driver);
    const old = migrationsUpTo(12);
    if (driver.kind === "pglite") await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder: old });
    else await migratePg(db as unknown as NodePgDatabase, { migrationsFolder: old });
    // data as the previous schema made it: raw SQL, since lib/db/schema.ts already describes the new one
    await db.execute(sql`insert into users (id, email, name, role, password_hash) values ('u-1', 'a@example.com', 'A', 'admin', 'x')`);
    await db.execute(sql`insert into teams (id, name) values ('t-1', 'A')`);
    await db.execute(sql`insert into team_members (team_id, user_id, role) values ('t-1', 'u-1', 'owner')`);
    await db.execute(
      sql`insert into spaces (id, owner_id, team_id, name, template_id, fields) values ('s-1', 'u-1', 't-1', 'Receipts', 'receipt', '[]'::jsonb)`,
    );
    await db.execute(sql`insert into documents (id, space_id, file_name, mime_type, sha256, status, page_count) values
      ('d-1', 's-1', 'photo.jpg', 'image/jpeg', 'h1', 'done', 2)`);
    await db.execute(sql`insert into pages (id, document_id, index, width, height, image_key, ocr) values
      ('p-0', 'd-1', 0, 900, 1000, 'documents/d-1/page-0.jpg', '{"index":0}'::jsonb),
      ('p-1', 'd-1', 1, 900, 1000, 'documents/d-1/page-1.jpg', null)`);
    db = await prepareDatabase(env); // applies 0013 and anything after it
  }, 120_000);
  afterAll(async () => {
    await closeDriver(env);
    await tdb.cleanup();
  });

  it("keeps every page, with its image and OCR, and no flattened page", async () => {
    const rows = await db.select().from(pages).orderBy(pages.index);
    expect(rows.map((r) => [r.id, r.imageKey, r.flatImageKey, r.flattening])).toEqual([
      ["p-0", "documents/d-1/page-0.jpg", null, null],
      ["p-1", "documents/d-1/page-1.jpg", null, null],
    ]);
    expect(rows[0]?.ocr).toEqual({ index: 0 });
    const row = await getSheetRow(db, { userId: "u-1", documentId: "d-1" });
    expect(row?.pages.map((p) => [p.imageUrl, p.flat])).toEqual([
      ["/api/documents/d-1/pages/0", undefined],
      ["/api/documents/d-1/pages/1", undefined],
    ]);
  });

  it("stores a flattened page beside the original; the page query and the sheet row name it", async () => {
    const flattening = {
      quad: [
        { x: 178.2, y: 90.2 },
        { x: 836.3, y: 131.6 },
        { x: 868.1, y: 932.9 },
        { x: 123.1, y: 887.5 },
      ] as [{ x: number; y: number }, { x: number; y: number }, { x: number; y: number }, { x: number; y: number }],
      width: 633,
      height: 801,
    };
    await db.update(pages).set({ flatImageKey: "documents/d-1/page-0.flat.jpg", flattening }).where(eq(pages.id, "p-0"));
    const page = await getPage(db, { userId: "u-1", documentId: "d-1", index: 0 });
    expect([page?.imageKey, page?.flatImageKey]).toEqual(["documents/d-1/page-0.jpg", "documents/d-1/page-0.flat.jpg"]);
    const row = await getSheetRow(db, { userId: "u-1", documentId: "d-1" });
    const flat = row?.pages[0]?.flat;
    expect(flat).toMatchObject({ width: 633, height: 801, quad: flattening.quad });
    expect(flat?.imageUrl).toMatch(/^\/api\/documents\/d-1\/pages\/0\/flat\?v=[0-9a-z]+$/);
    expect(row?.pages[1]?.flat).toBeUndefined();
  });
});

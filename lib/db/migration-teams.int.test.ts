/**
 * Migration 0008 (teams) on a database filled under the previous schema (0000–0007): every user becomes the owner
 * of a team of their own holding their spaces, keys and "My company"; every space, document, page, extraction and
 * correction is kept and stays reachable through the new tenant condition — on PGlite and PostgreSQL.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { tempDataDir } from "@/e2e/support/server";
import { closeDriver, type Db, dbFor, getDriver } from "@/lib/db/client";
import { migrationsFolder, prepareDatabase } from "@/lib/db/migrate";
import { listCorrections } from "@/lib/db/queries/corrections";
import { getDocumentById } from "@/lib/db/queries/documents";
import { getOwnCompany } from "@/lib/db/queries/own-company";
import { getPage } from "@/lib/db/queries/sheet";
import { getSpaceById, listSpaces } from "@/lib/db/queries/spaces";
import { listTeamsOf } from "@/lib/db/queries/teams";
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

const rows = async (db: Db, q: ReturnType<typeof sql>) => (await db.execute(q)) as unknown as { rows: Array<Record<string, unknown>> };

describe.each(testDatabaseKinds())("migration 0008 (teams) on %s", (kind) => {
  let tdb: TestDatabase;
  let env: Env;
  let db: Db;
  const before: Record<string, number> = {};

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    env = parseEnv({ ...tdb.env(tempDataDir("vouch-mig")) });
    const driver = await getDriver(env);
    db = dbFor(driver);
    const old = migrationsUpTo(7);
    if (driver.kind === "pglite") await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder: old });
    else await migratePg(db as unknown as NodePgDatabase, { migrationsFolder: old });
    // data as the previous schema made it: raw SQL, since lib/db/schema.ts already describes the new one
    await db.execute(sql`insert into users (id, email, name, role, password_hash) values
      ('u-alice', 'alice@example.com', 'Alice', 'admin', 'x'), ('u-bob', 'bob@example.com', null, 'reviewer', 'x'),
      ('u-carol', 'carol@example.com', '  ', 'reviewer', 'x')`);
    await db.execute(sql`insert into spaces (id, owner_id, name, template_id, fields) values
      ('s-a1', 'u-alice', 'Invoices', 'invoice', '[{"name":"total","type":"number"}]'::jsonb),
      ('s-a2', 'u-alice', 'Receipts', 'receipt', '[]'::jsonb), ('s-b1', 'u-bob', 'Bob''s', null, '[]'::jsonb)`);
    await db.execute(sql`insert into documents (id, space_id, file_name, mime_type, sha256, status, page_count) values
      ('d-1', 's-a1', 'a.png', 'image/png', 'h1', 'done', 1), ('d-2', 's-a2', 'b.png', 'image/png', 'h2', 'reviewed', 1),
      ('d-3', 's-b1', 'c.png', 'image/png', 'h3', 'done', 1)`);
    await db.execute(sql`insert into pages (id, document_id, index, width, height, image_key) values
      ('p-1', 'd-1', 0, 100, 100, 'k1'), ('p-3', 'd-3', 0, 100, 100, 'k3')`);
    await db.execute(sql`insert into extractions (id, document_id, engine_version, extractor, result) values
      ('e-1', 'd-1', 'v1', 'rules', '{"fields":{}}'::jsonb)`);
    await db.execute(sql`insert into corrections (id, document_id, path, kind, old_value, new_value, user_id) values
      ('c-1', 'd-1', 'total', 'edit', '1', '2', 'u-alice'), ('c-2', 'd-1', 'date', 'accept', null, null, 'u-bob'),
      ('c-3', 'd-3', 'total', 'edit', '5', '6', 'u-bob')`);
    await db.execute(
      sql`insert into api_keys (id, user_id, name, prefix, hash) values ('k-a', 'u-alice', 'ci', 'vch_ab', 'hash-a'), ('k-b', 'u-bob', 'b', 'vch_cd', 'hash-b')`,
    );
    await db.execute(sql`insert into own_companies (owner_id, names, tax_ids) values ('u-alice', '{"Alice GmbH"}', '{"DE123456789"}')`);
    await db.execute(sql`insert into supplier_memories (id, space_id, name, keys, memory) values ('m-1', 's-a1', 'ACME', '{"name:acme"}', '{}'::jsonb)`);
    for (const t of ["users", "spaces", "documents", "pages", "extractions", "corrections", "api_keys", "supplier_memories"]) {
      before[t] = Number((await rows(db, sql.raw(`select count(*)::int as n from ${t}`))).rows[0]?.n);
    }
    db = await prepareDatabase(env); // applies 0008 and anything after it
  }, 120_000);
  afterAll(async () => {
    await closeDriver(env);
    await tdb.cleanup();
  });

  it("keeps every row of every table", async () => {
    for (const [t, n] of Object.entries(before)) {
      expect([t, Number((await rows(db, sql.raw(`select count(*)::int as n from ${t}`))).rows[0]?.n)]).toEqual([t, n]);
    }
    expect(before.corrections).toBe(3);
  });

  it("gives every user a team of their own, as its owner, named after them", async () => {
    const alice = await listTeamsOf(db, { userId: "u-alice" });
    const bob = await listTeamsOf(db, { userId: "u-bob" });
    const carol = await listTeamsOf(db, { userId: "u-carol" });
    expect(alice).toEqual([expect.objectContaining({ name: "Alice", role: "owner" })]);
    expect(bob).toEqual([expect.objectContaining({ name: "bob@example.com", role: "owner" })]);
    expect(carol).toEqual([expect.objectContaining({ name: "carol@example.com", role: "owner" })]);
    expect(new Set([alice[0]?.id, bob[0]?.id, carol[0]?.id]).size).toBe(3);
    const teams = await rows(db, sql`select count(*)::int as n from teams`);
    expect(teams.rows[0]?.n).toBe(3);
  });

  it("moves each user's spaces, keys and My company into their team; the data stays reachable", async () => {
    const aliceTeam = (await listTeamsOf(db, { userId: "u-alice" }))[0]?.id ?? "";
    const spacesOfAlice = await listSpaces(db, { userId: "u-alice" });
    expect(spacesOfAlice.map((s) => s.id).sort()).toEqual(["s-a1", "s-a2"]);
    expect(spacesOfAlice.find((s) => s.id === "s-a1")?.documentCount).toBe(1);
    expect((await getSpaceById(db, { userId: "u-alice", spaceId: "s-a1" }))?.teamId).toBe(aliceTeam);
    expect((await getDocumentById(db, { userId: "u-alice", documentId: "d-1" }))?.status).toBe("done");
    expect((await getPage(db, { userId: "u-alice", documentId: "d-1", index: 0 }))?.imageKey).toBe("k1");
    const corr = await listCorrections(db, { userId: "u-alice", documentId: "d-1" });
    expect(corr.map((c) => [c.id, c.userId])).toEqual([
      ["c-1", "u-alice"],
      ["c-2", "u-bob"],
    ]);
    expect((await getOwnCompany(db, { teamId: aliceTeam })).taxIds).toEqual(["DE123456789"]);
    const keys = await rows(db, sql`select k.id, k.team_id, m.user_id from api_keys k join team_members m on m.team_id = k.team_id order by k.id`);
    expect(keys.rows.map((r) => [r.id, r.user_id])).toEqual([
      ["k-a", "u-alice"],
      ["k-b", "u-bob"],
    ]);
    const nulls = await rows(db, sql`select count(*)::int as n from spaces where team_id is null`);
    expect(nulls.rows[0]?.n).toBe(0);
  });

  it("keeps tenants apart: Bob's team sees only Bob's space, not Alice's documents", async () => {
    expect((await listSpaces(db, { userId: "u-bob" })).map((s) => s.id)).toEqual(["s-b1"]);
    expect(await getDocumentById(db, { userId: "u-bob", documentId: "d-1" })).toBeNull();
    expect(await listCorrections(db, { userId: "u-bob", documentId: "d-1" })).toEqual([]);
    expect(await listSpaces(db, { userId: "u-carol" })).toEqual([]);
  });

  it("a space outlives the user who created it (it belongs to the team)", async () => {
    await db.execute(sql`delete from corrections where user_id = 'u-carol'`);
    await db.execute(
      sql`insert into spaces (id, team_id, owner_id, name, fields) select 's-c1', team_id, 'u-carol', 'C', '[]'::jsonb from team_members where user_id = 'u-carol'`,
    );
    await db.execute(sql`insert into team_members (team_id, user_id, role) select team_id, 'u-alice', 'admin' from team_members where user_id = 'u-carol'`);
    await db.execute(sql`delete from users where id = 'u-carol'`);
    const left = await rows(db, sql`select owner_id from spaces where id = 's-c1'`);
    expect(left.rows).toEqual([{ owner_id: null }]);
    expect((await listSpaces(db, { userId: "u-alice" })).map((s) => s.id)).toContain("s-c1");
  });
});

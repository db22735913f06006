import { spawnSync } from "node:child_process";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { tempDataDir } from "@/e2e/support/server";
import { verifyPassword } from "@/lib/services/users/password";
import { closeDriver, type Db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { getSpaceById, listSpaces } from "@/lib/db/queries/spaces";
import { listTeamsOf } from "@/lib/db/queries/teams";
import { countUsers, getUserByEmail } from "@/lib/db/queries/users";
import { spaces } from "@/lib/db/schema";
import { type Env, parseEnv } from "@/lib/env";
import { ServiceError } from "@/lib/services/errors";
import { createSpace } from "@/lib/services/spaces/create";
import { deleteSpace } from "@/lib/services/spaces/delete";
import { renameSpace } from "@/lib/services/spaces/rename";
import { createUser } from "@/lib/services/users/create";
import { createFirstAdmin } from "@/lib/services/users/create-first-admin";

describe.each(testDatabaseKinds())("database on %s", (kind) => {
  let tdb: TestDatabase;
  let env: Env;
  let db: Db;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    env = parseEnv({ ...tdb.env(tempDataDir("vouch-db")) });
    db = await prepareDatabase(env);
    console.log(`[db test] running against ${kind}`);
  });
  afterAll(async () => {
    await closeDriver(env);
    await tdb.cleanup();
  });

  it("migrates twice without harm", async () => {
    await expect(prepareDatabase(env)).resolves.toBeDefined();
    expect(await countUsers(db)).toBe(0);
  });

  it("creates the first admin once, with a bcrypt hash", async () => {
    const admin = await createFirstAdmin({ db, input: { email: " Admin@Example.com ", password: "correct horse", teamName: "Accounts" } });
    expect(admin.role).toBe("admin");
    // first-run setup creates the first team, the admin its owner
    expect(await listTeamsOf(db, { userId: admin.id })).toEqual([{ id: admin.teamId, name: "Accounts", role: "owner" }]);
    const stored = await getUserByEmail(db, "admin@example.com");
    expect(stored?.passwordHash).toMatch(/^\$2[aby]\$11\$/);
    expect(await verifyPassword("correct horse", stored?.passwordHash ?? "")).toBe(true);
    expect(await verifyPassword("wrong", stored?.passwordHash ?? "")).toBe(false);
    await expect(createFirstAdmin({ db, input: { email: "b@example.com", password: "another one" } })).rejects.toMatchObject({
      code: "already_exists",
    });
  });

  it("refuses a duplicate email and a short password with clear messages", async () => {
    await expect(createUser({ db, input: { email: "ADMIN@example.com", password: "whatever1" } })).rejects.toThrow(/already exists/);
    await expect(createUser({ db, input: { email: "r@example.com", password: "short" } })).rejects.toThrow(/at least 8/);
    await expect(createUser({ db, input: { email: "not-an-email", password: "longenough" } })).rejects.toThrow(/valid email/);
    const r = await createUser({ db, input: { email: "r@example.com", password: "longenough" } });
    expect(r.role).toBe("reviewer");
  });

  it("creates, lists, renames and deletes spaces; refuses an empty name", async () => {
    const owner = await getUserByEmail(db, "admin@example.com");
    const userId = owner!.id;
    await expect(createSpace({ db, userId, input: { name: "   ", templateId: "invoice" } })).rejects.toThrow(/name/);
    await expect(createSpace({ db, userId, input: { name: "X", templateId: "nope" } })).rejects.toBeInstanceOf(ServiceError);
    const s = await createSpace({ db, userId, input: { name: "Invoices", templateId: "invoice" } });
    expect(s.templateId).toBe("invoice");
    expect(s.fields.some((f) => f.name === "total")).toBe(true);
    expect(s.fields.some((f) => f.type === "array")).toBe(true);
    const custom = await createSpace({
      db,
      userId,
      input: {
        name: "POs",
        fields: [
          { name: "po_number", type: "string", description: "purchase order number" },
          { name: "items", type: "array", children: [{ name: "sku", type: "string" }] },
        ],
      },
    });
    expect(custom.templateId).toBeNull();
    expect((await listSpaces(db, { userId })).map((x) => x.name).sort()).toEqual(["Invoices", "POs"]);
    await renameSpace({ db, userId, input: { spaceId: s.id, name: "Supplier invoices" } });
    expect((await getSpaceById(db, { userId, spaceId: s.id }))?.name).toBe("Supplier invoices");
    const other = await getUserByEmail(db, "r@example.com");
    expect(await getSpaceById(db, { userId: other!.id, spaceId: s.id })).toBeNull();
    await expect(deleteSpace({ db, userId: other!.id, input: { spaceId: s.id } })).rejects.toMatchObject({ code: "forbidden" });
    await deleteSpace({ db, userId, input: { spaceId: custom.id } });
    expect(await db.select().from(spaces).where(eq(spaces.id, custom.id))).toHaveLength(0);
  });

  it("keeps data across a close and reopen", async () => {
    await closeDriver(env);
    db = await prepareDatabase(env);
    expect(await countUsers(db)).toBe(2);
  });
});

describe("embedded database guard", () => {
  it("refuses a second process on the same data directory with a clear message", async () => {
    const dir = tempDataDir("vouch-lock");
    const env = parseEnv({ DATA_DIR: dir });
    await prepareDatabase(env);
    const tsx = path.resolve("node_modules/.bin/tsx");
    const r = spawnSync(tsx, ["e2e/support/open-db.ts"], { env: { ...process.env, DATA_DIR: dir, DATABASE_URL: "" }, encoding: "utf8" });
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/in use by another Vouch process \(pid \d+\)/);
    await closeDriver(env);
    // Once released, another process may open it.
    const r2 = spawnSync(tsx, ["e2e/support/open-db.ts"], { env: { ...process.env, DATA_DIR: dir, DATABASE_URL: "" }, encoding: "utf8" });
    expect(r2.stdout.trim()).toBe("opened");
  });

  it("explains a DATABASE_URL without a host or with nothing listening", async () => {
    expect(() => parseEnv({ DATABASE_URL: "postgres:///vouch" })).toThrow(/DATABASE_URL has no host/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x/y" })).toThrow(/must start with postgres/);
    const env = parseEnv({ DATABASE_URL: "postgres://u:p@127.0.0.1:1/vouch" });
    await expect(prepareDatabase(env)).rejects.toThrow(/Nothing accepts connections at 127\.0\.0\.1:1/);
  });
});

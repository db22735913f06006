import path from "node:path";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { type Env, env as defaultEnv } from "@/lib/env";
import { type Db, dbFor, getDriver } from "./client";

/** Where drizzle-kit wrote the committed migrations. */
export const migrationsFolder = path.join(process.cwd(), "drizzle");

/**
 * Open the database and bring it to the latest schema. Safe to call from several
 * processes on PostgreSQL: an advisory lock serialises concurrent migrators.
 */
export async function prepareDatabase(e: Env = defaultEnv): Promise<Db> {
  const driver = await getDriver(e);
  const db = dbFor(driver);
  if (driver.kind === "pglite") {
    await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    const client = await driver.pool.connect();
    try {
      await client.query("select pg_advisory_lock(727201)");
      await migratePg(db as unknown as NodePgDatabase, { migrationsFolder });
    } finally {
      await client.query("select pg_advisory_unlock(727201)").catch(() => {});
      client.release();
    }
  }
  return db;
}

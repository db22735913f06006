import crypto from "node:crypto";
import pg from "pg";

export interface TestDatabase {
  name: "pglite" | "postgres";
  /** environment for a server or `parseEnv` using this database. */
  env(dataDir: string): Record<string, string>;
  /** drop what was created. */
  cleanup(): Promise<void>;
}

/**
 * The databases every integration suite runs against: embedded PGlite always, and a
 * throw-away database on the PostgreSQL server of TEST_DATABASE_URL when it is set.
 */
export function testDatabaseKinds(): Array<"pglite" | "postgres"> {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/** Create a database of the given kind (a fresh PostgreSQL database per call). */
export async function createTestDatabase(kind: "pglite" | "postgres"): Promise<TestDatabase> {
  if (kind === "pglite") return { name: "pglite", env: (dataDir) => ({ DATA_DIR: dataDir }), cleanup: async () => {} };
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error("TEST_DATABASE_URL is not set");
  const dbName = `vouch_t_${crypto.randomBytes(5).toString("hex")}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${dbName}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${dbName}`;
  return {
    name: "postgres",
    env: (dataDir) => ({ DATABASE_URL: url.toString(), DATA_DIR: dataDir }),
    async cleanup() {
      const c2 = new pg.Client({ connectionString: admin });
      await c2.connect();
      await c2.query(`drop database if exists ${dbName} with (force)`);
      await c2.end();
    },
  };
}

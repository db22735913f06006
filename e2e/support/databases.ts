import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";

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

/** What the integration project's global setup (e2e/support/db-templates.ts) built; "" where it did not run. */
function template(key: "pgliteTemplate" | "pgTemplate"): string {
  try {
    return inject(key) ?? "";
  } catch {
    return "";
  }
}

/**
 * Put a copy of the run's migrated PGlite template into `dataDir` (where lib/db/client.ts keeps its files), unless
 * the folder already has a database or no template was built (then the server migrates an empty one as usual).
 */
export function copyMigratedPglite(dataDir: string): void {
  const from = template("pgliteTemplate");
  const to = path.join(dataDir, "pglite");
  if (from && !fs.existsSync(to)) fs.cpSync(from, to, { recursive: true });
}

/**
 * Create a database of the given kind (a fresh PostgreSQL database per call). Empty, unless `migrated`: then a
 * copy of the run's migrated template, on which prepareDatabase finds nothing left to do — for the suites that
 * test what runs on a database, not how it got its schema (an empty one where no template was built).
 */
export async function createTestDatabase(kind: "pglite" | "postgres", opts: { migrated?: boolean } = {}): Promise<TestDatabase> {
  if (kind === "pglite") {
    return {
      name: "pglite",
      env: (dataDir) => {
        if (opts.migrated) copyMigratedPglite(dataDir);
        return { DATA_DIR: dataDir };
      },
      cleanup: async () => {},
    };
  }
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error("TEST_DATABASE_URL is not set");
  const dbName = `vouch_t_${crypto.randomBytes(5).toString("hex")}`;
  const from = opts.migrated ? template("pgTemplate") : "";
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${dbName}${from ? ` template ${from}` : ""}`);
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

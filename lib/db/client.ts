import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type { Pool } from "pg";
import { type Env, env as defaultEnv, dataDir } from "@/lib/env";
import * as schema from "./schema";

/** The drizzle database, the same type for PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A transaction or the database itself: services accept either. */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The raw connection behind the drizzle wrapper. */
export type Driver = { kind: "pglite"; client: PGlite; dir: string; release: () => void } | { kind: "postgres"; pool: Pool; url: string };

/** A clear, user-facing failure to open the database (no stack trace needed). */
export class DatabaseConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseConfigError";
  }
}

// The server, the route handlers Next bundles, and workers can each load their own copy
// of this module; the connection must be one per process, so it lives on globalThis.
interface Registry {
  drivers: Map<string, Promise<Driver>>;
  dbs: WeakMap<object, Db>;
}
const g = globalThis as typeof globalThis & { __vouchDb?: Registry };
g.__vouchDb ??= { drivers: new Map(), dbs: new WeakMap() };
const registry: Registry = g.__vouchDb;

function driverKey(e: Env): string {
  return e.DATABASE_URL ? `pg:${e.DATABASE_URL}` : `pglite:${path.join(dataDir(e), "pglite")}`;
}

/** Open (once per process) the driver the environment asks for. */
export function getDriver(e: Env = defaultEnv): Promise<Driver> {
  const key = driverKey(e);
  let p = registry.drivers.get(key);
  if (!p) {
    p = e.DATABASE_URL ? openPostgres(e.DATABASE_URL) : openPglite(dataDir(e));
    registry.drivers.set(key, p);
    p.catch(() => registry.drivers.delete(key));
  }
  return p;
}

/** Wrap a driver in drizzle (cached per driver). */
export function dbFor(driver: Driver): Db {
  const handle = driver.kind === "pglite" ? driver.client : driver.pool;
  let db = registry.dbs.get(handle);
  if (!db) {
    db = (driver.kind === "pglite" ? drizzlePglite({ client: driver.client, schema }) : drizzlePg({ client: driver.pool, schema })) as unknown as Db;
    registry.dbs.set(handle, db);
  }
  return db;
}

/** The database of this process (opened on first use; migrations run by `prepareDatabase`). */
export async function getDb(e: Env = defaultEnv): Promise<Db> {
  return dbFor(await getDriver(e));
}

/** Close the driver for an environment (tests, graceful shutdown). */
export async function closeDriver(e: Env = defaultEnv): Promise<void> {
  const key = driverKey(e);
  const p = registry.drivers.get(key);
  if (!p) return;
  registry.drivers.delete(key);
  const d = await p.catch(() => null);
  if (!d) return;
  if (d.kind === "pglite") {
    await d.client.close();
    d.release();
  } else {
    await d.pool.end();
  }
}

async function openPostgres(url: string): Promise<Driver> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  // A pool emits errors for idle clients the server dropped; log instead of crashing.
  pool.on("error", (err) => console.error("[db] idle client error:", err.message));
  try {
    await pool.query("select 1");
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseConfigError(describePgError(url, err));
  }
  return { kind: "postgres", pool, url };
}

/** Turn a connection failure into a sentence a person can act on. */
export function describePgError(url: string, err: unknown): string {
  let where = "the database";
  try {
    const u = new URL(url);
    where = `${u.hostname || "(no host)"}:${u.port || 5432}`;
  } catch {}
  const e = err as { code?: string; message?: string };
  switch (e.code) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Cannot resolve the DATABASE_URL host ${where}. Check the host name.`;
    case "ECONNREFUSED":
      return `Nothing accepts connections at ${where} (DATABASE_URL). Is PostgreSQL running?`;
    case "ETIMEDOUT":
      return `Connecting to ${where} (DATABASE_URL) timed out.`;
    case "28P01":
    case "28000":
      return `PostgreSQL at ${where} refused the credentials in DATABASE_URL.`;
    case "3D000":
      return `The database named in DATABASE_URL does not exist on ${where}. Create it first.`;
    default:
      return `Cannot connect to PostgreSQL at ${where}: ${e.message ?? String(err)}`;
  }
}

async function openPglite(dir: string): Promise<Driver> {
  fs.mkdirSync(dir, { recursive: true });
  const release = acquireDirLock(dir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const client = new PGlite(path.join(dir, "pglite"));
    await client.waitReady;
    return { kind: "pglite", client, dir, release };
  } catch (err) {
    release();
    throw new DatabaseConfigError(
      `Cannot open the embedded database in ${dir}: ${(err as Error).message}. ` +
        "If the files are damaged, restore them from a backup or move the folder away to start fresh.",
    );
  }
}

/**
 * PGlite is single-process and nothing stops a second process from opening the same
 * files (and corrupting them). A lock file with our pid guards the directory; a lock
 * left by a dead process is taken over.
 */
export function acquireDirLock(dir: string): () => void {
  const lockPath = path.join(dir, "vouch.lock");
  const mine = JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, mine, { flag: "wx" });
      const release = () => {
        try {
          const cur = fs.readFileSync(lockPath, "utf8");
          if (cur === mine) fs.unlinkSync(lockPath);
        } catch {}
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      let holder: { pid?: number; host?: string } = {};
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, "utf8"));
      } catch {}
      const alive = holder.pid !== undefined && holder.host === os.hostname() && isAlive(holder.pid);
      if (alive && holder.pid !== process.pid) {
        throw new DatabaseConfigError(
          `The data directory ${dir} is in use by another Vouch process (pid ${holder.pid}). ` +
            "The embedded database (PGlite) allows one process only: stop the other process, " +
            "use another DATA_DIR, or set DATABASE_URL to share a PostgreSQL server between processes.",
        );
      }
      // Stale lock from a process that died (or our own earlier handle): take it over.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseConfigError(`Could not lock the data directory ${dir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

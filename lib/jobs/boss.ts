import PgBoss from "pg-boss";
import type { DbOrTx, Driver } from "@/lib/db/client";

/** The executor pg-boss accepts in place of its own pool (`db: { executeSql }`). */
export type SqlExecutor = PgBoss.Db;

/**
 * PGlite as pg-boss's database. pg-boss sends its schema plans as one multi-statement
 * string without parameters (BEGIN; …; COMMIT): those go through `exec`, which runs
 * several statements; everything parameterized goes through `query`.
 */
export function pgliteExecutor(client: Extract<Driver, { kind: "pglite" }>["client"]): SqlExecutor {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) {
        const r = await client.query(text, values);
        return { rows: r.rows as unknown[] };
      }
      let results: Awaited<ReturnType<typeof client.exec>>;
      try {
        results = await client.exec(text);
      } catch (err) {
        // A failed statement inside the plan's BEGIN … COMMIT would leave PGlite's only
        // session in an aborted transaction, failing every later query: end it.
        await client.exec("ROLLBACK").catch(() => {});
        throw err;
      }
      const last = [...results].reverse().find((r) => r.fields.length > 0) ?? results[results.length - 1];
      return { rows: (last?.rows ?? []) as unknown[] };
    },
  };
}

/**
 * The connection behind a drizzle database or transaction, as a pg-boss executor, so a
 * job is inserted in the same transaction as the rows it refers to. Both drizzle drivers
 * keep their connection at `session.client` (PGlite transaction, pg PoolClient or Pool),
 * each with a pg-style `query(text, values)`; drizzle-orm is pinned, so this holds.
 */
export function executorFor(db: DbOrTx): SqlExecutor {
  const client = (db as unknown as { session?: { client?: { query?: unknown } } }).session?.client as
    | { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> }
    | undefined;
  if (!client || typeof client.query !== "function") throw new Error("cannot reach the connection of this drizzle handle");
  return {
    async executeSql(text: string, values?: unknown[]) {
      const r = await client.query(text, values);
      return { rows: r.rows };
    },
  };
}

/** Tuning of the queue; defaults suit production, tests shorten them. */
export interface BossOptions {
  /** how often idle workers poll (seconds, ≥ 0.5). */
  pollingIntervalSeconds?: number;
  /** how often expired (orphaned) active jobs are failed into retry (seconds). */
  maintenanceIntervalSeconds?: number;
}

/** A pg-boss instance on the process's database: PGlite through executeSql, PostgreSQL by URL. */
export function createBoss(driver: Driver, opts: BossOptions = {}): PgBoss {
  const common = {
    schema: "pgboss",
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 30,
    // Nothing here uses cron schedules; skip the clock-skew monitor and its polling.
    schedule: false,
  } as const;
  const boss =
    driver.kind === "pglite"
      ? new PgBoss({ ...common, db: pgliteExecutor(driver.client) })
      : new PgBoss({ ...common, connectionString: driver.url, max: 4, application_name: "vouch-jobs" });
  boss.on("error", (err) => console.error("[jobs] queue error:", err.message));
  return boss;
}

/**
 * Global setup of the integration tests: one migrated database per run to copy from — a PGlite data folder and,
 * with TEST_DATABASE_URL, a PostgreSQL template database. `createTestDatabase(kind, { migrated: true })` hands a
 * test a copy instead of a database on which the server or the test runs initdb and every migration again
 * (PGlite's initdb alone costs ~4 s of CPU, and the suite opens dozens). Built by the app's own prepareDatabase;
 * removed at the end of the run. Empty databases stay the default: the migration tests and db.int need them.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { closeDriver } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { parseEnv } from "@/lib/env";

declare module "vitest" {
  export interface ProvidedContext {
    /** a migrated PGlite folder (the `pglite` folder of a DATA_DIR), or "" */
    pgliteTemplate: string;
    /** the name of a migrated template database on TEST_DATABASE_URL's server, or "" */
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const t0 = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vouch-template-"));
  const liteEnv = parseEnv({ NODE_ENV: "test", DATA_DIR: dir });
  await prepareDatabase(liteEnv);
  await closeDriver(liteEnv);
  fs.rmSync(path.join(dir, "vouch.lock"), { force: true });
  project.provide("pgliteTemplate", path.join(dir, "pglite"));

  const admin = process.env.TEST_DATABASE_URL;
  let pgTemplate = "";
  if (admin) {
    pgTemplate = `vouch_t_template_${crypto.randomBytes(4).toString("hex")}`;
    await adminQuery(admin, `create database ${pgTemplate}`);
    const url = new URL(admin);
    url.pathname = `/${pgTemplate}`;
    const pgEnv = parseEnv({ NODE_ENV: "test", DATABASE_URL: url.toString(), DATA_DIR: dir });
    await prepareDatabase(pgEnv);
    await closeDriver(pgEnv);
  }
  project.provide("pgTemplate", pgTemplate);
  console.log(`[test] migrated template databases ready in ${Date.now() - t0} ms`);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (admin && pgTemplate) await adminQuery(admin, `drop database if exists ${pgTemplate} with (force)`);
  };
}

async function adminQuery(url: string, q: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
}

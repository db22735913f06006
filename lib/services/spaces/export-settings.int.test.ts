import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { tempDataDir } from "@/e2e/support/server";
import { closeDriver, type Db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { getExportSettings } from "@/lib/db/queries/spaces";
import { type Env, parseEnv } from "@/lib/env";
import { schema } from "@/lib/sheet/fixtures.test-helpers";
import { createUser } from "@/lib/services/users/create";
import { createSpace } from "./create";
import { updateExportSettings } from "./update-export-settings";

describe.each(testDatabaseKinds())("export settings on %s", (kind) => {
  let tdb: TestDatabase;
  let env: Env;
  let db: Db;
  let userId: string;
  let otherId: string;
  let spaceId: string;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { migrated: true });
    env = parseEnv({ ...tdb.env(tempDataDir("vouch-export-settings")) });
    db = await prepareDatabase(env);
    userId = (await createUser({ db, input: { email: "clerk@example.com", password: "longenough" } })).id;
    otherId = (await createUser({ db, input: { email: "other@example.com", password: "longenough" } })).id;
    spaceId = (await createSpace({ db, userId, input: { name: "Invoices", fields: schema.fields } })).id;
  });
  afterAll(async () => {
    await closeDriver(env);
    await tdb.cleanup();
  });

  it("starts empty, stores per-space and per-supplier values, validates, and is the owner's only", async () => {
    expect(await getExportSettings(db, { userId, spaceId })).toEqual({ defaults: {}, suppliers: {}, datev: {} });
    const settings = {
      defaults: { account: "仕入高", taxCode: "課対仕入10%" },
      suppliers: { "vendor_tax_id:DE123456789": { account: "4964", costCentre: "KST100", label: "Müller" } },
      datev: { consultant: "29098", client: "55003", chart: "04" },
    };
    await updateExportSettings({ db, userId, input: { spaceId, settings } });
    expect(await getExportSettings(db, { userId, spaceId })).toEqual(settings);
    await expect(updateExportSettings({ db, userId, input: { spaceId, settings: { datev: { consultant: "12" } } } })).rejects.toMatchObject({
      code: "invalid",
    });
    await expect(updateExportSettings({ db, userId: otherId, input: { spaceId, settings: {} } })).rejects.toMatchObject({ code: "forbidden" });
    expect(await getExportSettings(db, { userId: otherId, spaceId })).toBeNull();
  });
});

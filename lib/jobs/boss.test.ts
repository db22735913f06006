import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { pgliteExecutor } from "./boss";

describe("pgliteExecutor", () => {
  const client = new PGlite();
  afterAll(() => client.close());

  it("runs parameterized queries and multi-statement plans, returning the last rows", async () => {
    const ex = pgliteExecutor(client);
    await ex.executeSql("BEGIN; CREATE TABLE t (id int, name text); INSERT INTO t VALUES (1, 'a'); COMMIT;", []);
    expect((await ex.executeSql("select name from t where id = $1", [1])).rows).toEqual([{ name: "a" }]);
    expect((await ex.executeSql("select 1 as one; select 2 as two", [])).rows).toEqual([{ two: 2 }]);
  });

  it("leaves no aborted transaction behind when a plan fails halfway", async () => {
    const ex = pgliteExecutor(client);
    await expect(ex.executeSql("BEGIN; INSERT INTO t VALUES (2, 'b'); SELECT 1/0; COMMIT;", [])).rejects.toThrow(/division by zero/);
    expect((await ex.executeSql("select count(*)::int as n from t", [])).rows).toEqual([{ n: 1 }]);
  });
});

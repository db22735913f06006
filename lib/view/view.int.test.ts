/**
 * GET /view's query engine on stored rows, on PGlite and PostgreSQL, without OCR: rows
 * are written as extractions, then queried — numbers and dates compared normalized
 * ("40,000" ≥ 40000), several conditions ANDed, line items matched, multi-key sorts,
 * corrections (default) versus the engine's originals, and cells rebuilt after a change.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { tempDataDir } from "@/e2e/support/server";
import { closeDriver, type Db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { documents, extractions } from "@/lib/db/schema";
import type { DocumentResult, FieldValue } from "@/lib/engine/types";
import { type Env, parseEnv } from "@/lib/env";
import { createCorrection } from "@/lib/services/corrections/create";
import { createSpace } from "@/lib/services/spaces/create";
import { createUser } from "@/lib/services/users/create";
import { parseWhere } from "./query";
import { runView, type ViewRequest } from "./run";

const v = (value: string | null, normalized?: number | string): FieldValue => ({
  value,
  ...(normalized !== undefined ? { normalized } : {}),
  bbox: value ? { xmin: 10, ymin: 10, xmax: 100, ymax: 30 } : null,
  vertices: null,
  match_ratio: value ? 1 : 0,
  bbox_source: value ? "vision_symbol_match" : null,
  page: value ? 0 : null,
});

const ROWS = [
  { file: "a.png", vendor: "Acme GmbH", total: v("40,000"), date: v("2024-03-15", "2024-03-15"), items: ["Bolts", "Nuts"] },
  { file: "b.png", vendor: "Beta Ltd", total: v("1,250.00", 1250), date: v("01.02.2024", "2024-02-01"), items: ["Paper"] },
  { file: "c.png", vendor: "Acme Corp", total: v("¥ 52,000"), date: v("2024-04-01", "2024-04-01"), items: [] },
  { file: "d.png", vendor: "=HYPERLINK(1)", total: v(null), date: v(null), items: ["Nuts"] },
];

describe.each(testDatabaseKinds())("view queries on %s", (kind) => {
  let tdb: TestDatabase;
  let env: Env;
  let db: Db;
  let userId: string;
  let spaceId: string;
  const ids: string[] = [];

  const view = (q: Partial<ViewRequest> & { whereText?: string[] }) =>
    runView(db, {
      userId,
      req: {
        spaceId,
        where: parseWhere(q.whereText ?? []),
        sort: [],
        select: ["vendor", "total"],
        limit: null,
        offset: 0,
        boxes: false,
        version: "corrected",
        format: "json",
        lines: false,
        bom: true,
        ...q,
      },
    });
  // biome-ignore lint/suspicious/noExplicitAny: rows are asserted field by field
  const vendors = async (q: Parameters<typeof view>[0]) => ((await view(q)) as any).body.rows.map((r: any) => r.data.vendor.value);

  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { migrated: true });
    env = parseEnv({ NODE_ENV: "test", ...tdb.env(tempDataDir("vouch-view")) });
    db = await prepareDatabase(env);
    userId = (await createUser({ db, input: { email: "view@example.com", password: "view-password" } })).id;
    spaceId = (await createSpace({ db, userId, input: { name: "Invoices", templateId: "invoice" } })).id;
    for (const [i, r] of ROWS.entries()) {
      const [doc] = await db
        .insert(documents)
        .values({
          spaceId,
          fileName: r.file,
          mimeType: "image/png",
          sha256: `sha-${i}`,
          status: "done",
          pageCount: 1,
          createdAt: new Date(Date.UTC(2024, 0, 1 + i)),
        })
        .returning();
      if (!doc) throw new Error("no document");
      ids.push(doc.id);
      const result: DocumentResult = {
        engineVersion: "test",
        extractor: "rules",
        issues: [],
        pages: [],
        data: {
          vendor: v(r.vendor),
          total: r.total,
          issue_date: r.date,
          line_items: { value: r.items.map((d) => ({ field_bboxes: { description: v(d), amount: v("10.00", 10) } })) },
        },
      };
      await db.insert(extractions).values({ documentId: doc.id, engineVersion: "test", extractor: "rules", result });
    }
  });
  afterAll(async () => {
    await closeDriver(env);
    await tdb?.cleanup();
  });

  it("compares printed numbers and dates on their normalized values", async () => {
    expect(await vendors({ whereText: ["total>=40000"], sort: ["total"] })).toEqual(["Acme GmbH", "Acme Corp"]);
    expect(await vendors({ whereText: ["total<40000"] })).toEqual(["Beta Ltd"]);
    expect(await vendors({ whereText: ["issue_date>=2024-03-01"], sort: ["-issue_date"] })).toEqual(["Acme Corp", "Acme GmbH"]);
    expect(await vendors({ whereText: ["issue_date=01.02.2024"] })).toEqual(["Beta Ltd"]);
  });

  it("ANDs conditions, matches text, negates, and looks into line items", async () => {
    expect(await vendors({ whereText: ["vendor~acme", "total>45000"] })).toEqual(["Acme Corp"]);
    expect(await vendors({ whereText: ["vendor~acme;total<45000"] })).toEqual(["Acme GmbH"]);
    expect(await vendors({ whereText: ["vendor!=Beta Ltd"] })).toEqual(["Acme GmbH", "Acme Corp", "=HYPERLINK(1)"]);
    expect(await vendors({ whereText: ["line_items.description=Nuts"] })).toEqual(["Acme GmbH", "=HYPERLINK(1)"]);
    expect(await vendors({ whereText: ['vendor="Acme GmbH"'] })).toEqual(["Acme GmbH"]);
  });

  it("sorts by several keys with missing values last, pages with limit/offset, and counts the total", async () => {
    expect(await vendors({ sort: ["-total"] })).toEqual(["Acme Corp", "Acme GmbH", "Beta Ltd", "=HYPERLINK(1)"]);
    const page = (await view({ sort: ["vendor"], limit: 2, offset: 1 })) as { kind: "json"; body: { total: number; rows: unknown[] } };
    expect(page.body.total).toBe(4);
    expect(page.body.rows).toHaveLength(2);
    await expect(view({ sort: ["nope"] })).rejects.toThrow(/unknown field/);
    await expect(view({ select: ["nope"] })).rejects.toThrow(/unknown field/);
  });

  it("answers corrected values by default and the engine's with version=original; cells follow corrections", async () => {
    await createCorrection({ db, userId, input: { documentId: ids[1] as string, path: "total", kind: "edit", newValue: "99,000.00" } });
    expect(await vendors({ whereText: ["total>=40000"], sort: ["total"] })).toEqual(["Acme GmbH", "Acme Corp", "Beta Ltd"]);
    expect(await vendors({ whereText: ["total>=40000"], sort: ["total"], version: "original" })).toEqual(["Acme GmbH", "Acme Corp"]);
    // biome-ignore lint/suspicious/noExplicitAny: shape assertions
    const beta = ((await view({ whereText: ["vendor=Beta Ltd"] })) as any).body.rows[0].data.total;
    expect(beta).toMatchObject({ value: "99,000.00", original: "1,250.00", corrected: true, normalized: 99000 });
  });

  it("exports CSV with the web export's rules: BOM, neutralized formulas, line items unfolded", async () => {
    const out = (await view({ format: "csv", sort: ["vendor"], select: ["vendor", "line_items"], lines: true })) as { kind: "csv"; csv: string };
    const lines = out.csv.split("\r\n");
    expect(lines[0]).toBe(
      "\uFEFFfile_name,vendor,line,line_items.item_code,line_items.description,line_items.quantity,line_items.unit,line_items.unit_price,line_items.amount",
    );
    expect(lines).toContain("d.png,'=HYPERLINK(1),1,,Nuts,,,,10.00");
    expect(lines.filter((l) => l.startsWith("a.png"))).toHaveLength(2);
    const noBom = (await view({ format: "csv", bom: false })) as { csv: string };
    expect(noBom.csv.startsWith("file_name,vendor,total")).toBe(true);
  });
});

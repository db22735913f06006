import { describe, expect, it } from "vitest";
import { buildSheetRow } from "./build";
import { meta, schema } from "./fixtures.test-helpers";
import { mergeRows } from "./merge";

const row = (id: string, createdAt: string, status: "queued" | "done" = "queued") =>
  buildSheetRow({ document: meta(id, { createdAt, status }), result: null, corrections: [], schema });

describe("mergeRows", () => {
  const a = row("a", "2026-01-01T00:00:00Z");
  const b = row("b", "2026-01-02T00:00:00Z");
  it("replaces changed rows and inserts new ones in upload order", () => {
    const merged = mergeRows([b, a], [row("c", "2026-01-01T12:00:00Z"), row("a", "2026-01-01T00:00:00Z", "done")]);
    expect(merged.map((r) => `${r.documentId}:${r.status}`)).toEqual(["a:done", "c:queued", "b:queued"]);
  });
  it("keeps existing rows when only new ones are wanted, and the same list when nothing changed", () => {
    const prev = [a, b];
    expect(mergeRows(prev, [])).toBe(prev);
    expect(mergeRows(prev, [row("a", a.createdAt, "done")], true)[0]?.status).toBe("queued");
  });
});

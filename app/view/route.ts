import { apiCaller } from "@/lib/http/caller";
import { ApiError } from "@/lib/contract/errors";
import { apiRoute, json, preflight } from "@/lib/http/route";
import { parseWhere } from "@/lib/view/query";
import { recordAudit } from "@/lib/services/audit/record";
import { runView, VIEW_MAX_LIMIT, type ViewRequest } from "@/lib/view/run";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

function flag(v: string | null, dflt: boolean, name: string): boolean {
  if (v === null || v === "") return dflt;
  if (v === "1" || v === "true") return true;
  if (v === "0" || v === "false") return false;
  throw new ApiError("invalid_request", `${name} is 1 or 0.`, { path: name });
}

function int(v: string | null, name: string, min: number, max: number): number | null {
  if (v === null || v === "") return null;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new ApiError("invalid_request", `${name} is an integer from ${min} to ${max}.`, { path: name });
  return n;
}

/** Read the query string of GET /view. */
function parseViewRequest(url: URL): ViewRequest {
  const q = url.searchParams;
  const space = q
    .get("space")
    ?.trim()
    .replace(/^\/?spaces\//, "");
  if (!space) throw new ApiError("invalid_request", "Name the space: ?space=<id>.", { path: "space" });
  const format = q.get("format") ?? "json";
  if (format !== "json" && format !== "csv") throw new ApiError("invalid_request", "format is json or csv.", { path: "format" });
  const version = q.get("version") ?? "corrected";
  if (version !== "corrected" && version !== "original") {
    throw new ApiError("invalid_request", "version is corrected (default) or original.", { path: "version" });
  }
  const list = (name: string) =>
    q
      .getAll(name)
      .flatMap((s) => s.split(","))
      .map((s) => s.trim())
      .filter(Boolean);
  const select = list("select");
  return {
    spaceId: space,
    where: parseWhere(q.getAll("where")),
    sort: list("sort"),
    select: select.length > 0 ? select : null,
    limit: int(q.get("limit"), "limit", 1, VIEW_MAX_LIMIT),
    offset: int(q.get("offset"), "offset", 0, 10_000_000) ?? 0,
    boxes: flag(q.get("boxes"), true, "boxes"),
    version,
    format,
    lines: flag(q.get("lines"), false, "lines"),
    bom: flag(q.get("bom"), true, "bom"),
  };
}

/**
 * GET /view: stored rows of a space, no re-extraction, free. where (=, !=, <, <=, >, >=,
 * ~ contains; repeat or join with `;`), sort (-field descending, comma-separated), select,
 * limit (100, max 1000), offset, boxes=0, version=original, format=csv (lines=1, bom=0).
 */
export const GET = apiRoute(async (req) => {
  const { db, caller } = await apiCaller(req);
  const out = await runView(db, { userId: caller, req: parseViewRequest(new URL(req.url)) });
  if (out.kind === "csv") {
    const details = { format: "csv", via: "view", documents: out.count, lines: new URL(req.url).searchParams.get("lines") === "1" };
    await recordAudit(db, { actor: caller.userId, action: "space.exported", spaceId: out.spaceId, details });
    const stem =
      out.spaceName
        .normalize("NFKD")
        .replace(/[^A-Za-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")
        .slice(0, 60) || "space";
    return new Response(out.csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${stem}.csv"`,
        "cache-control": "no-store",
        "x-total-count": String(out.total),
      },
    });
  }
  return json(out.body);
});

export const OPTIONS = preflight;

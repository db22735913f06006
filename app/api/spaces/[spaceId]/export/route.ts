import { ApiError } from "@/lib/contract/errors";
import { requireSessionUser } from "@/lib/session/require-user";
import { apiRoute } from "@/lib/http/route";
import { getDb } from "@/lib/db/client";
import { toCsv } from "@/lib/export/csv";
import type { ExportOptions } from "@/lib/export/table";
import { toXlsx } from "@/lib/export/xlsx";
import { HEADER_LANGUAGES, type HeaderLanguage, headerLabels } from "@/lib/export/headers";
import { getSheetRows } from "@/lib/db/queries/sheet";
import { getExportSettings } from "@/lib/db/queries/spaces";
import { getPreset, PRESETS, writePreset } from "@/lib/export/presets";
import { recordAudit } from "@/lib/services/audit/record";
import { refusal } from "@/lib/services/teams/refusal";

export const dynamic = "force-dynamic";

type Params = { spaceId: string };

/** "1"/"true" → true, "0"/"false" → false, absent → the default. */
function flag(v: string | null, dflt: boolean): boolean {
  if (v === null || v === "") return dflt;
  return v === "1" || v === "true";
}

/** A file name safe in a header: the space name's letters, digits and dashes. */
function fileStem(name: string): string {
  // NFKD splits "ä" into "a" + a combining mark: drop the marks, keep the letters.
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "space"
  );
}

/**
 * Download the space in an accounting software's import format (?preset=freee|moneyforward|
 * yayoi|datev|xero|quickbooks &includeDoubtful=0|1). Documents left out are counted in
 * X-Vouch-Excluded and listed (file: reason) in X-Vouch-Excluded-Files (URI-encoded JSON).
 */
async function presetResponse(q: URLSearchParams, userId: string, spaceId: string, id: string): Promise<Response> {
  const preset = getPreset(id);
  if (!preset) throw new ApiError("invalid_request", `preset is one of ${PRESETS.map((p) => p.id).join(", ")}.`);
  const db = await getDb();
  const sheet = await getSheetRows(db, { userId, action: "export", spaceId });
  const settings = await getExportSettings(db, { userId, action: "export", spaceId });
  if (!sheet || !settings) throw await refusal(db, { spaceId }, "space");
  const includeDoubtful = flag(q.get("includeDoubtful"), false);
  const file = writePreset(preset, sheet.rows, { settings, label: sheet.space.name, includeDoubtful });
  const details = { format: preset.id, documents: file.count, excluded: file.excluded.length, includeDoubtful };
  await recordAudit(db, { actor: userId, action: "space.exported", spaceId, details });
  const name = preset.id === "datev" ? `EXTF_Buchungsstapel_${fileStem(sheet.space.name)}` : `${fileStem(sheet.space.name)}-${preset.id}`;
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${name}.${file.extension}"`,
      "Cache-Control": "no-store",
      "X-Vouch-Exported": String(file.count),
      "X-Vouch-Excluded": String(file.excluded.length),
      "X-Vouch-Excluded-Files": encodeURIComponent(JSON.stringify(file.excluded.slice(0, 50))),
    },
  });
}

/**
 * Download the space as CSV or XLSX, or (?preset=…) in an accounting import format.
 * ?format=csv|xlsx &lines=0|1 &bom=1|0 &version=corrected|original &reviewedOnly=0|1 &normalized=0|1 &headers=names|en|ja
 */
export const GET = apiRoute<Params>(async (req, _ctx, { spaceId }) => {
  const user = await requireSessionUser();
  const q = new URL(req.url).searchParams;
  const presetId = q.get("preset");
  if (presetId) return presetResponse(q, user.id, spaceId, presetId);
  const format = q.get("format") ?? "csv";
  const version = q.get("version") ?? "corrected";
  if (format !== "csv" && format !== "xlsx") throw new ApiError("invalid_request", "format is csv or xlsx.");
  if (version !== "corrected" && version !== "original") {
    throw new ApiError("invalid_request", "version is corrected or original.");
  }
  const opts: ExportOptions = {
    lines: flag(q.get("lines"), false),
    bom: flag(q.get("bom"), true),
    version,
    reviewedOnly: flag(q.get("reviewedOnly"), false),
    normalized: flag(q.get("normalized"), false),
  };
  // ?headers=names (default: the field names importers map) | en | ja (the column headers in words).
  const headers = q.get("headers") ?? "names";
  if (!(HEADER_LANGUAGES as readonly string[]).includes(headers)) throw new ApiError("invalid_request", `headers is one of ${HEADER_LANGUAGES.join(", ")}.`);
  if (headers !== "names") opts.labels = headerLabels(headers as Exclude<HeaderLanguage, "names">);
  const db = await getDb();
  const sheet = await getSheetRows(db, { userId: user.id, action: "export", spaceId });
  if (!sheet) throw await refusal(db, { spaceId }, "space");
  // The audit names the header language, not the whole label table.
  const { labels: _labels, ...logged } = opts;
  await recordAudit(db, { actor: user.id, action: "space.exported", spaceId, details: { format, ...logged, headers, inSpace: sheet.rows.length } });
  const stem = `${fileStem(sheet.space.name)}${opts.lines ? "-lines" : ""}${version === "original" ? "-original" : ""}`;
  if (format === "csv") {
    return new Response(toCsv(sheet.rows, sheet.schema, opts), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${stem}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  }
  const xlsx = await toXlsx(sheet.rows, sheet.schema, opts);
  return new Response(new Uint8Array(xlsx), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${stem}.xlsx"`,
      "Cache-Control": "no-store",
    },
  });
});

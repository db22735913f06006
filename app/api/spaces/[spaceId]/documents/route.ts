import { ApiError } from "@/lib/contract/errors";
import { apiRoute, json, preflight } from "@/lib/http/route";
import { readMultipart } from "@/lib/http/multipart";
import { requireSessionUser } from "@/lib/session/require-user";
import { extractionQueue } from "@/lib/jobs/runtime";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { uploadDocuments } from "@/lib/services/documents/upload";
import { getSheetRows } from "@/lib/db/queries/sheet";
import { getStorage } from "@/lib/storage";
import { refusal } from "@/lib/services/teams/refusal";

// Reads the session and the database on every request; nothing here may run at build time.
export const dynamic = "force-dynamic";

type Params = { spaceId: string };

async function bytesOf(part: FormDataEntryValue, name: string): Promise<Uint8Array> {
  if (typeof part === "string") throw new ApiError("invalid_request", `The \`${name}\` part must be a file.`);
  return new Uint8Array(await part.arrayBuffer());
}

/**
 * Upload one document into a space (multipart): repeated `page` parts (page images in
 * order), optional `file` (the original; a PDF alone is rasterized by the job), optional
 * `textLayer` (JSON, one TextLayerPage|null per page), `fileName`, `uniqueKey`.
 * 201 → { documentId, jobId, status, duplicateOf? }; extraction runs in the background.
 */
export const POST = apiRoute<Params>(async (req, _ctx, { spaceId }) => {
  const user = await requireSessionUser();
  const form = await readMultipart(req, env.MAX_BODY_BYTES, "with `page` and/or `file` parts");
  const pages: Uint8Array[] = [];
  for (const part of form.getAll("page")) pages.push(await bytesOf(part, "page"));
  const filePart = form.get("file");
  const file =
    filePart === null
      ? undefined
      : {
          bytes: await bytesOf(filePart, "file"),
          ...(typeof filePart !== "string" ? { type: filePart.type, name: filePart.name } : {}),
        };
  const textPart = form.get("textLayer");
  const textLayer = textPart === null ? undefined : typeof textPart === "string" ? textPart : await textPart.text();
  const fileName = form.get("fileName");
  const uniqueKey = form.get("uniqueKey");

  const raw = {
    pages,
    ...(file ? { file } : {}),
    ...(textLayer ? { textLayer } : {}),
    ...(typeof fileName === "string" && fileName.trim() ? { fileName } : {}),
  };
  const [created] = await uploadDocuments({
    db: await getDb(),
    queue: extractionQueue,
    storage: getStorage(),
    userId: user.id,
    input: {
      spaceId,
      files: [{ raw, ...(typeof uniqueKey === "string" ? { uniqueKey } : {}) }],
      source: "web",
      limits: { maxImageBytes: env.MAX_IMAGE_BYTES, maxImagePixels: env.MAX_IMAGE_PIXELS, maxPdfBytes: env.MAX_BODY_BYTES, maxPages: env.MAX_PDF_PAGES },
    },
  });
  if (!created) throw new Error("the upload created no document");
  return json(
    {
      documentId: created.documentId,
      jobId: created.jobId,
      status: created.status,
      ...(created.duplicateOf ? { duplicateOf: created.duplicateOf } : {}),
    },
    201,
  );
});

/**
 * The space's sheet rows, the grid's one way to read them. `?since=<ISO time>` returns only documents
 * changed after it, plus `?include=id,id` (documents the client still waits for); pass `now` back as
 * `since`. `?offset=&limit=` returns one slice in upload order, with `total`.
 */
export const GET = apiRoute<Params>(async (req, _ctx, { spaceId }) => {
  const user = await requireSessionUser();
  const q = new URL(req.url).searchParams;
  const sinceRaw = q.get("since");
  const since = sinceRaw ? new Date(sinceRaw) : undefined;
  if (since && Number.isNaN(since.getTime())) throw new ApiError("invalid_request", "`since` is not a date-time.");
  const include = (q.get("include") ?? "").split(",").filter(Boolean).slice(0, 500);
  // ?offset=&limit=: one slice in upload order (a big space loads in the background after the first paint).
  const offset = q.get("offset");
  const limit = Math.min(2000, Math.max(1, Math.floor(Number(q.get("limit")) || 1000)));
  const window = offset === null ? undefined : { offset: Math.max(0, Math.floor(Number(offset) || 0)), limit };
  // Taken before the query: a change made during it shows up again on the next poll.
  const now = new Date().toISOString();
  const params = { userId: user.id, spaceId, ...(since ? { since } : {}), include, ...(window ? { window } : {}) };
  const db = await getDb();
  const sheet = await getSheetRows(db, params);
  if (!sheet) throw await refusal(db, { spaceId }, "space");
  return json({ rows: sheet.rows, now, total: sheet.total });
});

export const OPTIONS = preflight;

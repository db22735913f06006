import { createHash } from "node:crypto";
import { extractionQueue } from "@/lib/jobs/runtime";
import { apiCaller } from "@/lib/http/caller";
import { ApiError } from "@/lib/contract/errors";
import { apiRoute, json, preflight } from "@/lib/http/route";
import { idempotencyKeyOf, requestHash, withIdempotency } from "@/lib/http/idempotency";
import { type JobView, spacePath } from "@/lib/contract/jobs";
import { getJobViews } from "@/lib/db/queries/jobs";
import { readMultipart } from "@/lib/http/multipart";
import { env } from "@/lib/env";
import { uploadDocuments } from "@/lib/services/documents/upload";
import { getStorage } from "@/lib/storage";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const MAX_FILES = 500;
const DEFAULT_WAIT_SEC = 60;
const MAX_WAIT_SEC = 300;

const truthy = (v: string | null | undefined) => v === "1" || v === "true" || v === "yes";

/**
 * POST /upload (multipart): repeated `files` parts (images, or PDFs rasterized here),
 * the target `space` (id or `spaces/<id>`), optional `uniqueKey` parts (one per file, in
 * order). Answers at once (202) with one pending job per file; `wait=1` (part or query)
 * waits up to `timeout` seconds (default 60) and answers 200 with every result, or 202
 * with what finished so far. Same bytes already in the space: flagged, not re-processed.
 */
export const POST = apiRoute(async (req, ctx) => {
  const { db, caller } = await apiCaller(req);
  const key = idempotencyKeyOf(req);
  const form = await readMultipart(req, env.MAX_BODY_BYTES, "with repeated `files` parts and a `space` part");
  const q = new URL(req.url).searchParams;
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v.trim() : null;
  };
  const spaceRef = text("space") ?? text("spaceId") ?? text("space_id") ?? text("path") ?? q.get("space");
  if (!spaceRef) throw new ApiError("invalid_request", "Name the target space in a `space` part (its id).", { path: "space" });
  const spaceId = spaceRef.replace(/^\/?spaces\//, "");
  const parts = [...form.getAll("files"), ...form.getAll("files[]"), ...form.getAll("file")];
  if (parts.length === 0) throw new ApiError("invalid_request", "Attach at least one file as a `files` part.", { path: "files" });
  if (parts.length > MAX_FILES) throw new ApiError("payload_too_large", `At most ${MAX_FILES} files per upload.`, { path: "files" });
  const files: Array<{ bytes: Uint8Array; type: string; name: string }> = [];
  for (const p of parts) {
    if (typeof p === "string") throw new ApiError("invalid_request", "`files` parts must be files, not text.", { path: "files" });
    if (p.size > env.MAX_IMAGE_BYTES * 5) throw new ApiError("payload_too_large", `${p.name}: the file is too large.`, { path: "files" });
    files.push({ bytes: new Uint8Array(await p.arrayBuffer()), type: p.type, name: p.name || "upload" });
  }
  const uniqueKeys = form.getAll("uniqueKey").map((v) => (typeof v === "string" ? v : ""));
  const wait = truthy(text("wait") ?? q.get("wait"));
  const timeoutSec = Math.min(MAX_WAIT_SEC, Math.max(1, Number(text("timeout") ?? q.get("timeout") ?? DEFAULT_WAIT_SEC) || DEFAULT_WAIT_SEC));

  // The request's meaning, not its bytes: a client re-sending with a new multipart boundary is the same request.
  const hash = requestHash({
    spaceId,
    files: files.map((f) => ({ name: f.name, sha256: createHash("sha256").update(f.bytes).digest("hex") })),
    uniqueKeys,
  });
  const out = await withIdempotency(db, { ownerId: caller.userId, key, method: "POST", path: "/upload", hash }, async () => {
    const created = await uploadDocuments({
      db,
      queue: extractionQueue,
      storage: getStorage(),
      userId: caller,
      input: {
        spaceId,
        files: files.map((f, i) => ({
          raw: { pages: [], file: f, fileName: f.name },
          label: `files[${i}] (${f.name})`,
          ...(uniqueKeys[i] ? { uniqueKey: uniqueKeys[i] } : {}),
        })),
        source: "api",
        apiKeyId: caller.keyId,
        limits: { maxImageBytes: env.MAX_IMAGE_BYTES, maxImagePixels: env.MAX_IMAGE_PIXELS, maxPdfBytes: env.MAX_BODY_BYTES, maxPages: env.MAX_PDF_PAGES },
        noSpaceMessage: "No such space for this key's user.",
      },
    });
    const jobIds = created.map((c) => c.jobId);
    let views = await getJobViews(db, { userId: caller, jobIds });
    let finished = views.every((v) => v.status === "completed" || v.status === "failed");
    if (wait) {
      const deadline = Date.now() + timeoutSec * 1000;
      while (!finished && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 300));
        views = await getJobViews(db, { userId: caller, jobIds });
        finished = views.every((v) => v.status === "completed" || v.status === "failed");
      }
    }
    const byId = new Map(views.map((v) => [v.jobId, v]));
    const jobs = created.map((c) => {
      const v = byId.get(c.jobId) as JobView | undefined;
      return {
        uniqueKey: c.uniqueKey,
        jobId: c.jobId,
        // Accepted work is reported as pending, as the contract says, even if a worker already took it.
        status: !wait && !c.duplicateOf ? "pending" : (v?.status ?? "pending"),
        itemId: c.documentId,
        fileName: c.fileName,
        duplicate: Boolean(c.duplicateOf),
        ...(c.duplicateOf ? { duplicateOf: c.duplicateOf } : {}),
        ...(wait && v?.result ? { result: v.result } : {}),
        ...(wait && v?.error ? { error: v.error } : {}),
      };
    });
    const body = { path: spacePath(spaceId), jobs, ...(wait ? { waited: finished } : {}) };
    return { status: wait && finished ? 200 : 202, body };
  });
  if (out.replay) ctx.headers.set("x-idempotent-replay", "true");
  return json(out.body, out.status);
});

export const OPTIONS = preflight;

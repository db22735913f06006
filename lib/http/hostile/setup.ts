/** The server a hostile run targets: seeded user and keys, a space, one finished job, small real images. */
import sharp from "sharp";
import { type ApiTestServer, startApiServer, waitReady } from "../test-support/server";
import type { Target } from "./requests";

/** A small PNG showing `word` (fast to OCR). */
async function wordPng(word: string, w = 200, h = 80): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="#fff"/><text x="10" y="${Math.round(h * 0.65)}" font-family="DejaVu Sans" font-size="${Math.round(h * 0.38)}">${word}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Server settings for a hostile run: limits high enough that rate limiting does not hide the inputs. */
export const HOSTILE_ENV = {
  RATE_LIMIT_PER_KEY: "100000000",
  RATE_LIMIT_PER_USER: "100000000",
  OCR_CONCURRENCY: "2",
  OCR_QUEUE: "16",
};

/** Start the server and prepare the target (a space, a completed job id). */
export async function startHostileTarget(kind: "pglite" | "postgres" = "pglite"): Promise<{ server: ApiTestServer; target: Target }> {
  const server = await startApiServer(kind, { keys: 1, env: HOSTILE_ENV });
  await waitReady(server.url);
  const key = server.keys[0] ?? "";
  const created = await fetch(`${server.url}/create`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "hostile", templateId: "receipt" }),
  });
  const spaceId = ((await created.json()) as { id: string }).id;
  const realImages = [await wordPng("TOTAL 12.50"), await wordPng("x", 16, 16), await wordPng("Invoice 42", 320, 120)];
  const form = new FormData();
  form.append("space", spaceId);
  form.append("files", new Blob([new Uint8Array(realImages[0] ?? Buffer.alloc(0))], { type: "image/png" }), "seed.png");
  const up = await fetch(`${server.url}/upload`, { method: "POST", headers: { authorization: `Bearer ${key}` }, body: form });
  const jobId = ((await up.json()) as { jobs: Array<{ jobId: string }> }).jobs[0]?.jobId ?? "none";
  return { server, target: { key, revokedKey: server.revoked, spaceId, jobId, realImages } };
}

/** A normal /ocr/fields call; true when it succeeds. */
export async function normalRequestWorks(base: string, target: Target): Promise<boolean> {
  const res = await fetch(`${base}/ocr/fields`, {
    method: "POST",
    headers: { authorization: `Bearer ${target.key}`, "content-type": "application/json" },
    body: JSON.stringify({ image: (target.realImages[0] ?? Buffer.alloc(0)).toString("base64"), templateId: "receipt" }),
  });
  const body = (await res.json()) as { status?: string };
  return res.status === 200 && body.status === "success";
}

/**
 * A photographed page the engine flattened, end to end over HTTP on both databases: the flattened page
 * is stored beside the original, named on the sheet row with the sheet's corners, served by
 * GET …/pages/<i>/flat (the original stays at …/pages/<i>), shared by a duplicate upload, and removed
 * with the document. A clean page has none.
 */
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@/e2e/support/databases";
import { startServer, type TestServer, tempDataDir } from "@/e2e/support/server";
import { signInCookie } from "@/e2e/support/session";
import { closeDriver } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { BLOCK, PAGE_H, PAGE_W, PHOTO_H, PHOTO_W, QUAD, tiltedPhoto } from "@/lib/engine/preprocess/__fixtures__/photo";
import { parseEnv } from "@/lib/env";
import { invoicePng, waitFor } from "@/lib/jobs/test-helpers";
import type { SheetRow } from "@/lib/sheet/types";
import { createSpace } from "@/lib/services/spaces/create";
import { createUser } from "@/lib/services/users/create";

const EMAIL = "clerk@example.com";
const PASSWORD = "correct horse battery";

describe.each(testDatabaseKinds())("flattened photo pages over HTTP on %s", (kind) => {
  let tdb: TestDatabase;
  let server: TestServer;
  let dataDir: string;
  let cookie: string;
  let spaceId: string;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind, { migrated: true });
    dataDir = tempDataDir("vouch-flat");
    const env = parseEnv({ NODE_ENV: "test", ...tdb.env(dataDir) });
    const db = await prepareDatabase(env);
    const user = await createUser({ db, input: { email: EMAIL, password: PASSWORD } });
    spaceId = (await createSpace({ db, userId: user.id, input: { name: "Receipts", templateId: "invoice" } })).id;
    await closeDriver(env);
    server = await startServer({ dataDir, env: tdb.env(dataDir) });
    cookie = await signInCookie(server.url, EMAIL, PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await tdb?.cleanup();
  });

  const upload = async (bytes: Uint8Array, name: string) => {
    const form = new FormData();
    form.append("fileName", name);
    form.append("page", new Blob([new Uint8Array(bytes)], { type: "image/png" }), name);
    const res = await fetch(`${server.url}/api/spaces/${spaceId}/documents`, { method: "POST", body: form, headers: { cookie } });
    expect(res.status).toBe(201);
    return ((await res.json()) as { documentId: string }).documentId;
  };
  const finished = (id: string) =>
    waitFor(async () => {
      const res = await fetch(`${server.url}/api/spaces/${spaceId}/documents`, { headers: { cookie } });
      const row = ((await res.json()) as { rows: SheetRow[] }).rows.find((r) => r.documentId === id);
      return row && (row.status === "done" || row.status === "failed") ? row : null;
    });
  const get = (url: string) => fetch(`${server.url}${url}`, { headers: { cookie } });

  it("stores and serves the flattened page of a tilted photo; the original stays where it was", async () => {
    const photo = await tiltedPhoto();
    const id = await upload(photo.png, "tilted.png");
    const row = await finished(id);
    expect(row.status).toBe("done");
    const page = row.pages[0]!;
    expect(page.flat).toBeDefined();
    const flat = page.flat!;
    // The sheet's corners on the original page's grid, tl first.
    for (const [i, c] of flat.quad.entries()) {
      expect(Math.hypot(c.x - (QUAD[i]!.x * 1000) / PHOTO_W, c.y - (QUAD[i]!.y * 1000) / PHOTO_H)).toBeLessThan(4);
    }
    expect(flat.imageUrl).toMatch(new RegExp(`^/api/documents/${id}/pages/0/flat\\?v=`));

    const res = await get(flat.imageUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    const bytes = Buffer.from(await res.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect([meta.width, meta.height]).toEqual([flat.width, flat.height]);
    // Upright: the printed block is dark where the page has it, paper just above it is light.
    const { data, info } = await sharp(bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[Math.round((y * info.height) / PAGE_H) * info.width + Math.round((x * info.width) / PAGE_W)] ?? 0;
    expect(at((BLOCK.x0 + BLOCK.x1) / 2, (BLOCK.y0 + BLOCK.y1) / 2)).toBeLessThan(80);
    expect(at((BLOCK.x0 + BLOCK.x1) / 2, BLOCK.y0 - 14)).toBeGreaterThan(170);

    // The original is still what was uploaded.
    const original = await get(page.imageUrl);
    expect(Buffer.from(await original.arrayBuffer()).equals(Buffer.from(photo.png))).toBe(true);

    // The same bytes again: a duplicate, sharing the original's flattened page.
    const dup = await finished(await upload(photo.png, "again.png"));
    expect(dup.pages[0]?.flat?.quad).toEqual(flat.quad);
    expect((await get(dup.pages[0]!.flat!.imageUrl)).status).toBe(200);

    // Deleting both removes the flattened file with the page image.
    const file = path.join(dataDir, "files", "documents", id, "page-0.flat.jpg");
    expect(fs.existsSync(file)).toBe(true);
    for (const d of [dup.documentId, id]) expect((await fetch(`${server.url}/api/documents/${d}`, { method: "DELETE", headers: { cookie } })).status).toBe(200);
    expect(fs.existsSync(file)).toBe(false);
  }, 240_000);

  it("gives a clean page no flattened page: …/flat answers 404", async () => {
    const id = await upload(await invoicePng(), "clean.png");
    const row = await finished(id);
    expect(row.status).toBe("done");
    expect(row.pages[0]?.flat).toBeUndefined();
    const res = await get(`/api/documents/${id}/pages/0/flat`);
    expect(res.status).toBe(404);
  }, 240_000);
});

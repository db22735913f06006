import path from "node:path";
import { type Env, env as defaultEnv, dataDir } from "@/lib/env";
import { createLocalStorage } from "./local";
import { createS3Storage } from "./s3";
import type { StorageAdapter } from "./types";

export { createLocalStorage } from "./local";
export { createS3Storage, type S3Config } from "./s3";
export type { StorageAdapter } from "./types";

/** Storage chosen by the environment: S3 when S3_ENDPOINT + S3_BUCKET are set, else DATA_DIR/files. */
export function storageFromEnv(e: Env = defaultEnv): StorageAdapter {
  const s3 = [e.S3_ENDPOINT, e.S3_BUCKET, e.S3_ACCESS_KEY_ID, e.S3_SECRET_ACCESS_KEY];
  if (s3.some(Boolean)) {
    if (!e.S3_ENDPOINT || !e.S3_BUCKET || !e.S3_ACCESS_KEY_ID || !e.S3_SECRET_ACCESS_KEY) {
      throw new Error(
        "Incomplete S3 configuration: set all of S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (S3_REGION is optional), or none of them to store files under DATA_DIR/files.",
      );
    }
    return createS3Storage({
      endpoint: e.S3_ENDPOINT,
      bucket: e.S3_BUCKET,
      region: e.S3_REGION,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    });
  }
  return createLocalStorage(path.join(dataDir(e), "files"));
}

// Next's route bundles and the custom server hold separate module copies: one adapter per
// process on globalThis (it is stateless, but keeps the choice consistent).
const g = globalThis as typeof globalThis & { __vouchStorage?: Map<string, StorageAdapter> };
g.__vouchStorage ??= new Map();

/** The storage adapter of this process for an environment. */
export function getStorage(e: Env = defaultEnv): StorageAdapter {
  const key = `${e.S3_ENDPOINT ?? ""}|${e.S3_BUCKET ?? ""}|${dataDir(e)}`;
  let s = g.__vouchStorage?.get(key);
  if (!s) {
    s = storageFromEnv(e);
    g.__vouchStorage?.set(key, s);
  }
  return s;
}

/** Storage keys of one document's files. */
export const storageKeys = {
  page: (documentId: string, index: number, ext: "png" | "jpg") => `documents/${documentId}/page-${index}.${ext}`,
  /** the flattened page of a photo the engine warped (derived from the page image). */
  flatPage: (documentId: string, index: number) => `documents/${documentId}/page-${index}.flat.jpg`,
  original: (documentId: string, ext: string) => `documents/${documentId}/original.${ext.replace(/[^a-z0-9]/gi, "") || "bin"}`,
};

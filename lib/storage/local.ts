import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { assertValidKey, type StorageAdapter } from "./types";

/** Files under one directory (DATA_DIR/files by default); keys map to relative paths. */
export function createLocalStorage(root: string): StorageAdapter {
  const abs = path.resolve(root);
  const file = (key: string) => {
    assertValidKey(key);
    return path.join(abs, ...key.split("/"));
  };
  return {
    kind: "local",
    async put(key, bytes) {
      const target = file(key);
      await fs.mkdir(path.dirname(target), { recursive: true });
      // Write beside and rename: a reader never sees half a file, even after a crash.
      const tmp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
      await fs.writeFile(tmp, bytes);
      await fs.rename(tmp, target);
    },
    async get(key) {
      try {
        return new Uint8Array(await fs.readFile(file(key)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw err;
      }
    },
    async delete(key) {
      await fs.rm(file(key), { force: true });
    },
  };
}

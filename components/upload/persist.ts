/**
 * Dropped files that have not reached the server, kept in the browser (IndexedDB) so a reload, a
 * crash or a closed tab does not lose them without a word. Why here and not on the server: the
 * server never got these bytes (a file still waiting, a send cut off, a file refused before it was
 * sent), so only the browser can keep them — and keeping the bytes lets the reviewer send them after
 * the reload with one click. Failures the server did see are documents in status "failed" already.
 *
 * Kept per space: the file (when it may still be sent, up to KEEP_BYTES in all), its name, size and,
 * once it failed, the reason and whether retrying can help. A record goes when the file reaches the
 * server or the reviewer dismisses it. Every call fails soft: without IndexedDB (private mode, quota)
 * uploads work as before, they are just not remembered.
 */
export interface StoredUpload {
  id: string;
  spaceId: string;
  fileName: string;
  size: number;
  kind: "pdf" | "image" | "xml";
  /** unsent: dropped but not yet on the server; failed: it failed and was not retried since. */
  state: "unsent" | "failed";
  error?: string;
  retryable?: boolean;
  /** the bytes, while sending them again can help. */
  blob?: Blob;
  savedAt: number;
}

const DB = "vouch-uploads";
const STORE = "uploads";
/** Bytes of files kept across all spaces; past it a record keeps only the name and the reason. */
export const KEEP_BYTES = 500 * 1024 * 1024;

function open(): Promise<IDBDatabase | null> {
  if (typeof indexedDB === "undefined") return Promise.resolve(null);
  return new Promise((resolve) => {
    try {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => {
        const store = req.result.createObjectStore(STORE, { keyPath: "id" });
        store.createIndex("spaceId", "spaceId");
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
      req.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
}

async function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
  const db = await open();
  if (!db) return undefined;
  return new Promise((resolve) => {
    try {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => {
        db.close();
        resolve(req.result);
      };
      tx.onerror = tx.onabort = () => {
        db.close();
        resolve(undefined);
      };
    } catch {
      db.close();
      resolve(undefined);
    }
  });
}

/** Every record of a space, oldest first. */
export async function listStored(spaceId: string): Promise<StoredUpload[]> {
  const all = (await run("readonly", (s) => s.index("spaceId").getAll(spaceId) as IDBRequest<StoredUpload[]>)) ?? [];
  return all.sort((a, b) => a.savedAt - b.savedAt);
}

/** Bytes kept now, across spaces. */
async function keptBytes(): Promise<number> {
  const all = (await run("readonly", (s) => s.getAll() as IDBRequest<StoredUpload[]>)) ?? [];
  return all.reduce((n, r) => n + (r.blob?.size ?? 0), 0);
}

// Writes run one after another, in the order they were asked for (a file's "failed" must not land before its "unsent").
let chain: Promise<unknown> = Promise.resolve();
function serial(fn: () => Promise<void>): Promise<void> {
  const next = chain.then(fn, fn);
  chain = next.catch(() => undefined);
  return next;
}

/** Keep (or update) a record; the bytes only while they fit the budget. */
export function store(record: StoredUpload): Promise<void> {
  return serial(() => put(record));
}

async function put(record: StoredUpload): Promise<void> {
  let r = record;
  if (r.blob && (await keptBytes()) + r.blob.size > KEEP_BYTES) {
    const { blob: _dropped, ...rest } = r;
    r = rest;
  }
  await run("readwrite", (s) => s.put(r));
}

/** Forget a record (sent, or dismissed by the reviewer). */
export function forget(id: string): Promise<void> {
  return serial(async () => {
    await run("readwrite", (s) => s.delete(id));
  });
}

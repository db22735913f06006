/** Where page images and original files live: a flat key → bytes store. */
export interface StorageAdapter {
  /** short name for logs ("local", "s3"). */
  readonly kind: string;
  /** Store bytes under a key (overwrites). */
  put(key: string, bytes: Uint8Array, opts?: { contentType?: string }): Promise<void>;
  /** The bytes under a key, or null when nothing is stored there. */
  get(key: string): Promise<Uint8Array | null>;
  /** Remove a key; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** Keys are relative paths of safe segments: no "..", no leading slash, no backslashes. */
export function assertValidKey(key: string): void {
  if (
    key.length === 0 ||
    key.length > 512 ||
    key.startsWith("/") ||
    !/^[A-Za-z0-9._\-/]+$/.test(key) ||
    key.split("/").some((s) => s === "" || s === "." || s === "..")
  ) {
    throw new Error(`invalid storage key "${key}"`);
  }
}

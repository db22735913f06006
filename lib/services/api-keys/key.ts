import crypto from "node:crypto";
import { randomBase62 } from "@/lib/util/random";

/** Every key starts with this; anything else in a Bearer header is malformed. */
export const API_KEY_PREFIX = "vch_";

/** The shape of a well-formed key: the prefix and 32+ base62 characters. */
export const API_KEY_PATTERN = /^vch_[0-9A-Za-z]{32,128}$/;

/** A new random key (40 base62 characters ≈ 238 bits). */
export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBase62(40)}`;
}

/** The stored form of a key: its sha256, hex. */
export function hashApiKey(key: string): string {
  return crypto.createHash("sha256").update(key).digest("hex");
}

/** What lists show: the first 12 characters ("vch_AbCd1234"). */
export function displayPrefix(key: string): string {
  return key.slice(0, 12);
}

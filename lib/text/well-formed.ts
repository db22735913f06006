/**
 * Text a jsonb column accepts. JSON.stringify writes a lone UTF-16 surrogate as a `\udc00` escape, and PostgreSQL's
 * json parser refuses it ("invalid input syntax for type json"), while a text column gets U+FFFD from the driver's
 * UTF-8 encoder. Client-sent names and values reach jsonb details (the audit log) as they were typed, so every string
 * in them is made well-formed the way the text columns already are.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The string with every unpaired surrogate replaced by U+FFFD (what String.prototype.toWellFormed does). */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD");
}

/** A JSON-able value with every string in it (keys included) well-formed. */
export function wellFormedJson<T>(value: T): T {
  if (typeof value === "string") return wellFormed(value) as T;
  if (Array.isArray(value)) return value.map(wellFormedJson) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [wellFormed(k), wellFormedJson(v)])) as T;
  }
  return value;
}

/**
 * Cross-site write protection for requests a browser authenticates with the session
 * cookie. A state-changing request (POST, PUT, PATCH, DELETE) without an Authorization
 * header is refused when the browser says it came from another site or origin
 * (`Sec-Fetch-Site: same-site | cross-site`, or an `Origin` that is not this server) —
 * "same-site" matters: a page on another port of the same host is same-site. On the
 * cookie-authenticated JSON routes (`/api/…`, Auth.js's own form posts excepted) the body
 * must also be declared as JSON (or multipart where a route takes files): `text/plain`
 * and form encodings are what a cross-site `<form>` or a `no-cors` fetch can send
 * without a preflight. Bearer-key requests are not ambient credentials and pass through.
 */

/** Why a request is refused: the status and contract code to answer with. */
export interface Refusal {
  status: 403 | 415;
  code: "forbidden" | "unsupported_media_type";
  message: string;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Routes under /api that take multipart uploads instead of JSON. */
const MULTIPART_ROUTE = /^\/api\/spaces\/[^/]+\/documents\/?$/;

/** The host this request was addressed to (a reverse proxy's X-Forwarded-Host first, as Next's server actions do). */
function ownHost(headers: Headers, url: URL): string {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return (forwarded || headers.get("host") || url.host).toLowerCase();
}

function hasBody(headers: Headers): boolean {
  const length = headers.get("content-length");
  if (length !== null) return Number(length) > 0;
  return headers.has("transfer-encoding");
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** Check one request; null when it may proceed. */
export function crossSiteRefusal(method: string, url: URL, headers: Headers): Refusal | null {
  if (!UNSAFE.has(method.toUpperCase())) return null;
  if (headers.has("authorization")) return null;
  const site = headers.get("sec-fetch-site")?.toLowerCase();
  if (site === "cross-site" || site === "same-site") {
    return { status: 403, code: "forbidden", message: `Cross-site request refused (Sec-Fetch-Site: ${site}).` };
  }
  const origin = headers.get("origin");
  if (origin !== null) {
    let host: string | null = null;
    try {
      host = origin === "null" ? null : new URL(origin).host.toLowerCase();
    } catch {
      host = null;
    }
    if (host !== ownHost(headers, url)) return { status: 403, code: "forbidden", message: "Cross-origin request refused (Origin does not match this server)." };
  }
  const p = url.pathname;
  if (p.startsWith("/api/") && !p.startsWith("/api/auth/") && hasBody(headers)) {
    const type = mediaType(headers.get("content-type"));
    const wanted = MULTIPART_ROUTE.test(p) ? "multipart/form-data" : "application/json";
    const ok = wanted === "application/json" ? type === "application/json" || /^application\/[\w.-]+\+json$/.test(type) : type === wanted;
    if (!ok) return { status: 415, code: "unsupported_media_type", message: `This route takes ${wanted} (got ${type || "no Content-Type"}).` };
  }
  return null;
}

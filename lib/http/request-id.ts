import { randomBase62 } from "@/lib/util/random";

/** A fresh request id, `req_` + 16 random characters. */
export function newRequestId(): string {
  return `req_${randomBase62(16)}`;
}

// Echo a client's id only when it is short printable ASCII: it ends up in logs and headers.
const CLIENT_ID = /^[\x21-\x7e]{1,128}$/;

/** The request id to use: the client's X-Request-Id when sane, otherwise a new one. */
export function requestIdFor(req: Request): string {
  const given = req.headers.get("x-request-id")?.trim();
  return given && CLIENT_ID.test(given) ? given : newRequestId();
}

/**
 * Where a request came from, for the audit log: the client address, the request id, the API key.
 * The HTTP shell (lib/http/route.ts `apiRoute`) and the server-action wrapper (lib/session/action.ts
 * `asUser`) open it around the handler; services read it in `recordAudit` instead of every service
 * signature carrying it. Outside a request (jobs, CLI, tests) there is none and the fields are null.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestOrigin {
  ip: string | null;
  requestId: string | null;
  /** set once the caller is known to be an API key (lib/http/caller.ts). */
  apiKeyId?: string | null;
}

// Next bundles a route's copy of this module apart from the server's own: one store per process, on globalThis.
const g = globalThis as typeof globalThis & { __vouchRequestOrigin?: AsyncLocalStorage<RequestOrigin> };
g.__vouchRequestOrigin ??= new AsyncLocalStorage<RequestOrigin>();
const store = g.__vouchRequestOrigin;

/** Run `body` with `origin` as the request's origin. */
export function withRequestOrigin<T>(origin: RequestOrigin, body: () => T): T {
  return store.run(origin, body);
}

/** The current request's origin (a copy), or nulls outside a request. */
export function requestOrigin(): RequestOrigin {
  const o = store.getStore();
  return o ? { ...o } : { ip: null, requestId: null, apiKeyId: null };
}

/** Note the API key the request authenticated with (no-op outside a request). */
export function noteApiKey(apiKeyId: string): void {
  const o = store.getStore();
  if (o) o.apiKeyId = apiKeyId;
}

/**
 * The client address scripts/serve.ts put on the request (the socket's peer, or behind TRUSTED_PROXIES the nearest
 * untrusted X-Forwarded-For hop: lib/net/client-ip.ts), overwriting anything the client sent; null when absent.
 */
export function clientIpOf(headers: Pick<Headers, "get">): string | null {
  return headers.get("x-vouch-client-ip")?.trim().slice(0, 64) || null;
}

/**
 * Vet an outbound URL before a single packet is sent: http(s) only, no credentials, the
 * host resolved by us and refused when ANY of its addresses is non-public (ip-policy.ts).
 * The caller then connects to exactly the vetted address (`pinnedLookup`), so a DNS answer
 * that changes between check and connect (rebinding) cannot redirect it.
 */
import dns from "node:dns";
import net from "node:net";
import { isBlockedAddress } from "./ip-policy";

/** One DNS answer. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Switches and test seams of `vetUrl`. */
export interface VetOptions {
  /** TEST ONLY (VOUCH_UNSAFE_ALLOW_PRIVATE_URLS): skip the address check. */
  allowPrivate?: boolean;
  /** replaceable for tests; the system resolver by default. */
  resolve?: (host: string) => Promise<ResolvedAddress[]>;
  /** replaceable for tests; `isBlockedAddress` by default. */
  isBlocked?: (ip: string) => boolean;
}

/** The address to connect to, or why nothing may be sent to the URL (a lower-case phrase). */
export type Vetted = ResolvedAddress | { error: string };

async function systemResolve(host: string): Promise<ResolvedAddress[]> {
  const all = await dns.promises.lookup(host, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

/** Check a URL against the policy; never throws. */
export async function vetUrl(url: URL, opts: VetOptions = {}): Promise<Vetted> {
  if (url.protocol !== "http:" && url.protocol !== "https:") return { error: `only http and https URLs are allowed (got ${url.protocol})` };
  if (url.username || url.password) return { error: "URLs with credentials are not allowed" };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addrs: ResolvedAddress[];
  if (net.isIP(host)) addrs = [{ address: host, family: net.isIPv6(host) ? 6 : 4 }];
  else {
    try {
      addrs = await (opts.resolve ?? systemResolve)(host);
    } catch {
      return { error: `the host ${host} could not be resolved` };
    }
  }
  const first = addrs[0];
  if (!first) return { error: `the host ${host} has no address` };
  if (!opts.allowPrivate) {
    const blocked = opts.isBlocked ?? isBlockedAddress;
    const bad = addrs.find((a) => blocked(a.address));
    if (bad) return { error: `${host} resolves to a private, loopback, link-local or otherwise non-public address (${bad.address})` };
  }
  return first;
}

/** A `lookup` for http(s).request that answers with the vetted address only (defeats DNS rebinding). */
export function pinnedLookup(pinned: ResolvedAddress): typeof dns.lookup {
  return ((_host: string, o: dns.LookupOptions, cb: (...args: unknown[]) => void) => {
    if (o?.all) cb(null, [{ address: pinned.address, family: pinned.family }]);
    else cb(null, pinned.address, pinned.family);
  }) as unknown as typeof dns.lookup;
}

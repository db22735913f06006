/**
 * The client's address behind reverse proxies. The socket's peer is the client unless it is a
 * proxy the operator trusts (TRUSTED_PROXIES: addresses or CIDRs); then the nearest
 * X-Forwarded-For entry that is not itself a trusted proxy is. Entries further left were
 * written by the client and prove nothing, so the walk goes right to left and stops at the
 * first untrusted hop: with no trusted proxies the header is ignored and cannot be spoofed.
 */
import net from "node:net";

/** The trusted proxies of a `TRUSTED_PROXIES` value ("10.0.0.0/8, 127.0.0.1, ::1"); throws naming a bad entry. */
export function parseTrustedProxies(spec: string): net.BlockList {
  const list = new net.BlockList();
  for (const entry of spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [addr = "", bits] = entry.split("/");
    const family = net.isIPv4(addr) ? "ipv4" : net.isIPv6(addr) ? "ipv6" : null;
    const max = family === "ipv4" ? 32 : 128;
    const prefix = bits === undefined ? max : Number(bits);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > max || (bits !== undefined && !/^\d+$/.test(bits))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, ::1)`);
    }
    list.addSubnet(addr, prefix, family);
  }
  return list;
}

/** An address as written in a header or by the socket, without port, brackets or the IPv4-mapped prefix; "" when not an IP. */
export function plainAddress(raw: string): string {
  let s = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed?.[1]) s = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(s);
  if (mapped?.[1]) s = mapped[1];
  return net.isIP(s) ? s : "";
}

function isTrusted(list: net.BlockList, ip: string): boolean {
  return list.check(ip, net.isIPv4(ip) ? "ipv4" : "ipv6");
}

/** The client address of a request that arrived from `peer` carrying `forwardedFor` (one or more X-Forwarded-For headers). */
export function clientAddress(peer: string, forwardedFor: string | string[] | undefined, trusted: net.BlockList | null): string {
  let client = plainAddress(peer);
  if (!trusted || !client || !isTrusted(trusted, client)) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).split(",").filter((h) => h.trim());
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = plainAddress(hops[i] ?? "");
    // an entry that is not an address ends the chain: the last trusted hop is what we know
    if (!hop) return client;
    client = hop;
    if (!isTrusted(trusted, hop)) return hop;
  }
  return client;
}

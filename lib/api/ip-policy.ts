/**
 * Which IP addresses an image URL may reach. Everything that is not globally routable
 * unicast is refused: private, loopback, link-local (incl. cloud metadata 169.254.169.254),
 * CGNAT, multicast, unspecified, documentation/benchmark ranges, and IPv6 forms that embed
 * an IPv4 address (mapped, NAT64, 6to4) are judged by that IPv4 address.
 */
import net from "node:net";

const v4 = new net.BlockList();
for (const [addr, bits] of [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // CGNAT (also Alibaba metadata 100.100.100.200)
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  v4.addSubnet(addr, bits, "ipv4");
}

const v6 = new net.BlockList();
for (const [addr, bits] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["::", 96], // IPv4-compatible (deprecated)
  ["100::", 64], // discard-only
  ["2001::", 23], // IETF protocol assignments (Teredo etc.)
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local (incl. AWS metadata fd00:ec2::254)
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const) {
  v6.addSubnet(addr, bits, "ipv6");
}

/** Expand an IPv6 literal to its 8 16-bit groups (null when not IPv6). */
function groupsOf(ip: string): number[] | null {
  if (!net.isIPv6(ip)) return null;
  let s = ip.replace(/%.*$/, "");
  // a dotted IPv4 tail becomes two groups
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (tail?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = tail[1].split(".").map(Number);
    s = `${s.slice(0, -tail[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", rest] = s.split("::");
  const h = head ? head.split(":") : [];
  const r = rest !== undefined && rest !== "" ? rest.split(":") : [];
  const fill = rest !== undefined ? 8 - h.length - r.length : 0;
  const all = [...h, ...Array(fill).fill("0"), ...r].map((g) => Number.parseInt(g, 16));
  return all.length === 8 && all.every((n) => Number.isFinite(n)) ? all : null;
}

function v4From(hi: number, lo: number): string {
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** The IPv4 address an IPv6 address carries (mapped ::ffff:a.b.c.d, NAT64, 6to4), if any. */
export function embeddedIPv4(ip: string): string | null {
  const g = groupsOf(ip);
  if (!g) return null;
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = g;
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff) return v4From(g6, g7); // mapped
  if (g0 === 0x64 && g1 === 0xff9b) return v4From(g6, g7); // NAT64 64:ff9b::/96 and /48
  if (g0 === 0x2002) return v4From(g1 ?? 0, g2 ?? 0); // 6to4
  return null;
}

/** True when an address must not be contacted (also true for anything that is not an IP). */
export function isBlockedAddress(ip: string): boolean {
  if (net.isIPv4(ip)) return v4.check(ip, "ipv4");
  if (!net.isIPv6(ip)) return true;
  const inner = embeddedIPv4(ip);
  if (inner) return isBlockedAddress(inner);
  return v6.check(ip.replace(/%.*$/, ""), "ipv6");
}

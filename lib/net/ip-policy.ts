/**
 * Which IP addresses an outbound request may reach: the table in ip-ranges.ts, applied
 * with node's BlockList; IPv6 addresses that embed an IPv4 address are judged by it.
 */
import net from "node:net";
import { blockedRanges, embeddingRanges, type IpRange } from "./ip-ranges";

function listOf(ranges: readonly IpRange[]): net.BlockList {
  const list = new net.BlockList();
  for (const r of ranges) {
    const [addr = "", bits = ""] = r.cidr.split("/");
    list.addSubnet(addr, Number(bits), r.family === 4 ? "ipv4" : "ipv6");
  }
  return list;
}

const blocked = listOf(blockedRanges);
const embedding = embeddingRanges.map((r) => ({ range: r, list: listOf([r]) }));

/** Expand an IPv6 literal to its 8 16-bit groups (null when not IPv6). */
export function groupsOf(ip: string): number[] | null {
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

/** The IPv4 address an IPv6 address carries (mapped, SIIT, NAT64, 6to4), if any. */
export function embeddedIPv4(ip: string): string | null {
  const g = groupsOf(ip);
  if (!g) return null;
  const plain = ip.replace(/%.*$/, "");
  const hit = embedding.find((e) => e.list.check(plain, "ipv6"));
  if (!hit) return null;
  const hi = g[hit.range.at] ?? 0;
  const lo = g[hit.range.at + 1] ?? 0;
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** True when an address must not be contacted (also true for anything that is not an IP). */
export function isBlockedAddress(ip: string): boolean {
  if (net.isIPv4(ip)) return blocked.check(ip, "ipv4");
  if (!net.isIPv6(ip)) return true;
  const inner = embeddedIPv4(ip);
  if (inner) return isBlockedAddress(inner);
  return blocked.check(ip.replace(/%.*$/, ""), "ipv6");
}

/**
 * The SSRF policy, one test per range of the table: its first and last address are
 * refused, the address just outside it (when that one is public) is allowed, and every
 * IPv6 form that embeds an IPv4 address is judged by the address it carries.
 */
import net from "node:net";
import { describe, expect, it } from "vitest";
import { embeddedIPv4, isBlockedAddress } from "./ip-policy";
import { blockedRanges, embeddingRanges } from "./ip-ranges";

const widthOf = (family: 4 | 6) => (family === 4 ? 32 : 128);

function toBig(ip: string, family: 4 | 6): bigint {
  if (family === 4) return ip.split(".").reduce((acc, o) => (acc << 8n) | BigInt(o), 0n);
  const sl = new net.SocketAddress({ address: ip, family: "ipv6" }).address;
  const [head = "", tail] = sl.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
}

function fromBig(n: bigint, family: 4 | 6): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join(".");
  const g: string[] = [];
  for (let i = 7; i >= 0; i--) g.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  return g.join(":");
}

function bounds(cidr: string, family: 4 | 6): { first: bigint; last: bigint } {
  const [addr = "", bitsText = ""] = cidr.split("/");
  const host = BigInt(widthOf(family) - Number(bitsText));
  const first = (toBig(addr, family) >> host) << host;
  return { first, last: first + (1n << host) - 1n };
}

describe("ip policy: every blocked range", () => {
  it.each(blockedRanges.map((r) => [r.cidr, r]))("%s is refused from its first to its last address", (_c, r) => {
    const { first, last } = bounds(r.cidr, r.family);
    expect(isBlockedAddress(fromBig(first, r.family))).toBe(true);
    expect(isBlockedAddress(fromBig(last, r.family))).toBe(true);
    expect(isBlockedAddress(fromBig((first + last) / 2n, r.family))).toBe(true);
  });

  it.each([
    ["9.255.255.255", "below 10/8"],
    ["11.0.0.0", "above 10/8"],
    ["100.63.255.255", "below CGNAT"],
    ["100.128.0.0", "above CGNAT"],
    ["172.15.255.255", "below 172.16/12"],
    ["172.32.0.0", "above 172.16/12"],
    ["169.253.255.255", "below link-local"],
    ["223.255.255.255", "below multicast"],
    ["93.184.216.34", "public"],
    ["8.8.8.8", "public"],
    ["2606:4700::1111", "public IPv6"],
    ["2a00:1450::1", "public IPv6"],
    ["fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "below ULA"],
    ["2001:200::1", "public above 2001::/23"],
  ])("%s (%s) is allowed", (ip) => expect(isBlockedAddress(ip)).toBe(false));

  it("refuses what is not an IP literal", () => {
    for (const s of ["", "localhost", "not an ip", "127.1", "0x7f000001", "2130706433"]) expect(isBlockedAddress(s)).toBe(true);
  });
});

describe("ip policy: IPv6 forms that embed an IPv4 address", () => {
  const cases: Record<string, { privateForm: string; publicForm: string; inner: string }> = {
    "::ffff:0:0/96": { privateForm: "::ffff:127.0.0.1", publicForm: "::ffff:8.8.8.8", inner: "127.0.0.1" },
    "::ffff:0:0:0/96": { privateForm: "::ffff:0:127.0.0.1", publicForm: "::ffff:0:808:808", inner: "127.0.0.1" },
    "64:ff9b::/96": { privateForm: "64:ff9b::a9fe:a9fe", publicForm: "64:ff9b::808:808", inner: "169.254.169.254" },
    "64:ff9b:1::/48": { privateForm: "64:ff9b:1::a00:1", publicForm: "64:ff9b:1::808:808", inner: "10.0.0.1" },
    "2002::/16": { privateForm: "2002:c0a8:101::", publicForm: "2002:808:808::1", inner: "192.168.1.1" },
  };

  it("covers every embedding range of the table", () => expect(Object.keys(cases).sort()).toEqual(embeddingRanges.map((r) => r.cidr).sort()));

  it.each(Object.entries(cases))("%s: judged by the IPv4 address inside", (_cidr, c) => {
    expect(embeddedIPv4(c.privateForm)).toBe(c.inner);
    expect(isBlockedAddress(c.privateForm)).toBe(true);
    expect(isBlockedAddress(c.publicForm)).toBe(false);
  });

  it("reads dotted and hex tails alike, and ignores zone ids", () => {
    expect(embeddedIPv4("::ffff:7f00:1")).toBe("127.0.0.1");
    expect(isBlockedAddress("::ffff:0:7f00:1")).toBe(true);
    expect(isBlockedAddress("::ffff:0:127.0.0.1")).toBe(true);
    expect(isBlockedAddress("fe80::1%eth0")).toBe(true);
    expect(embeddedIPv4("2606:4700::1111")).toBeNull();
  });
});

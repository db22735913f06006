import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies, plainAddress } from "./client-ip";

describe("the client address behind trusted proxies", () => {
  const proxies = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, ::1, fd00::/8");

  it("ignores X-Forwarded-For when the peer is not a trusted proxy (or none is configured)", () => {
    expect(clientAddress("203.0.113.9", "198.51.100.1", proxies)).toBe("203.0.113.9");
    expect(clientAddress("127.0.0.1", "198.51.100.1", null)).toBe("127.0.0.1");
  });

  it("takes the nearest untrusted hop, right to left, so a client-written entry further left cannot be chosen", () => {
    expect(clientAddress("10.1.2.3", "6.6.6.6, 198.51.100.1", proxies)).toBe("198.51.100.1");
    expect(clientAddress("::ffff:127.0.0.1", ["6.6.6.6", "198.51.100.1, 10.9.9.9"], proxies)).toBe("198.51.100.1");
    expect(clientAddress("::1", "2001:db8::7", proxies)).toBe("2001:db8::7");
  });

  it("stops at an entry that is not an address, and keeps the peer when there is no header", () => {
    expect(clientAddress("10.1.2.3", "unknown, 10.0.0.5", proxies)).toBe("10.0.0.5");
    expect(clientAddress("10.1.2.3", undefined, proxies)).toBe("10.1.2.3");
  });

  it("reads ports, brackets and IPv4-mapped forms, and refuses what is not an address", () => {
    expect(plainAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(plainAddress("192.0.2.1:8080")).toBe("192.0.2.1");
    expect(plainAddress("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(plainAddress("<script>")).toBe("");
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/10\.0\.0\.0\/33/);
    expect(() => parseTrustedProxies("proxy.local")).toThrow(/not an IP address/);
  });
});

/**
 * The SSRF guard in-process, where the resolver and the address policy can be swapped:
 * redirects to loopback are refused before connecting, and the connection goes to the
 * address that was checked, not to a fresh DNS answer (rebinding).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchError, fetchImage } from "./fetch-image";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");

describe("fetchImage", () => {
  // 127.0.0.2 plays the "public" host (the policy below allows only it); 127.0.0.1 is the trap.
  let trap: http.Server;
  let front: http.Server;
  let trapHits = 0;
  let trapPort = 0;
  let frontPort = 0;
  const policy = (ip: string) => ip !== "127.0.0.2";
  const resolve = async (host: string) => {
    if (host === "public.test") return [{ address: "127.0.0.2", family: 4 as const }];
    if (host === "rebind.test") return [{ address: "127.0.0.1", family: 4 as const }];
    throw new Error("no such host");
  };

  beforeAll(async () => {
    trap = http.createServer((_q, r) => {
      trapHits++;
      r.writeHead(200, { "content-type": "image/png" }).end(PNG);
    });
    await new Promise<void>((r) => trap.listen(0, "127.0.0.1", () => r()));
    trapPort = (trap.address() as AddressInfo).port;
    front = http.createServer((q, r) => {
      const u = new URL(q.url ?? "/", "http://x");
      if (u.pathname === "/to-loopback") r.writeHead(302, { location: `http://127.0.0.1:${trapPort}/x.png` }).end();
      else if (u.pathname === "/to-rebind") r.writeHead(302, { location: `http://rebind.test:${trapPort}/x.png` }).end();
      else if (u.pathname === "/to-v6") r.writeHead(301, { location: `http://[::ffff:127.0.0.1]:${trapPort}/x.png` }).end();
      else if (u.pathname === "/loop") r.writeHead(302, { location: "/loop" }).end();
      else if (u.pathname === "/html") r.writeHead(200, { "content-type": "text/html" }).end("<html>");
      else if (u.pathname === "/big") r.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(5000));
      else if (u.pathname === "/slow") setTimeout(() => r.end(), 3000);
      else r.writeHead(200, { "content-type": "image/png", "x-host": q.headers.host ?? "" }).end(PNG);
    });
    await new Promise<void>((r) => front.listen(0, "127.0.0.2", () => r()));
    frontPort = (front.address() as AddressInfo).port;
  });
  afterAll(() => {
    trap.close();
    front.close();
  });

  const opts = { maxBytes: 1000, resolve, isBlocked: policy, timeoutMs: 1000 };
  const refused = async (url: string, code = "invalid_request") => {
    const err = await fetchImage(url, opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).code).toBe(code);
    return err as FetchError;
  };

  it("fetches from an allowed host through the pinned address, keeping the Host header", async () => {
    const r = await fetchImage(`http://public.test:${frontPort}/ok.png`, opts);
    expect(r.bytes.equals(PNG)).toBe(true);
  });

  it("refuses a redirect to loopback (IPv4, IPv4-mapped IPv6, a name resolving there) without connecting", async () => {
    const before = trapHits;
    await refused(`http://public.test:${frontPort}/to-loopback`);
    await refused(`http://public.test:${frontPort}/to-v6`);
    await refused(`http://public.test:${frontPort}/to-rebind`);
    await refused(`http://127.0.0.1:${trapPort}/x.png`);
    expect(trapHits).toBe(before);
  });

  it("stops after 3 redirects, refuses non-images, caps the size and times out", async () => {
    expect((await refused(`http://public.test:${frontPort}/loop`)).message).toMatch(/more than 3/);
    await refused(`http://public.test:${frontPort}/html`, "unsupported_media_type");
    await refused(`http://public.test:${frontPort}/big`, "payload_too_large");
    expect((await refused(`http://public.test:${frontPort}/slow`)).message).toMatch(/timed out/);
  });

  it("allows loopback only with the explicit test override", async () => {
    const r = await fetchImage(`http://127.0.0.1:${trapPort}/x.png`, { maxBytes: 1000, allowPrivate: true });
    expect(r.bytes.equals(PNG)).toBe(true);
  });
});

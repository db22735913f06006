import { describe, expect, it } from "vitest";
import { crossSiteRefusal } from "./origin";

const url = new URL("http://localhost:3000/api/documents/d1/corrections");
const check = (method: string, headers: Record<string, string>, u = url) => crossSiteRefusal(method, u, new Headers({ host: "localhost:3000", ...headers }));
const json = { "content-type": "application/json", "content-length": "2" };

describe("cross-site write check", () => {
  it("lets reads and same-origin JSON writes through", () => {
    expect(check("GET", { "sec-fetch-site": "cross-site" })).toBeNull();
    expect(check("POST", { ...json, "sec-fetch-site": "same-origin", origin: "http://localhost:3000" })).toBeNull();
    expect(check("POST", { ...json })).toBeNull(); // a script without browser headers (curl, tests)
    expect(check("DELETE", { "sec-fetch-site": "none" })).toBeNull();
  });

  it("refuses another port of the same host (same-site) and other sites", () => {
    expect(check("POST", { ...json, "sec-fetch-site": "same-site" })?.status).toBe(403);
    expect(check("PUT", { ...json, "sec-fetch-site": "cross-site" })?.status).toBe(403);
    expect(check("POST", { ...json, origin: "http://localhost:4000" })?.status).toBe(403);
    expect(check("POST", { ...json, origin: "null" })?.status).toBe(403);
    expect(check("DELETE", { origin: "https://evil.example" })?.code).toBe("forbidden");
  });

  it("trusts a reverse proxy's X-Forwarded-Host as this server's host", () => {
    expect(check("POST", { ...json, origin: "https://vouch.example", "x-forwarded-host": "vouch.example" })).toBeNull();
  });

  it("needs a JSON body on the session routes (text/plain and forms are what a no-cors fetch or a form can send)", () => {
    expect(check("POST", { "content-type": "text/plain", "content-length": "9" })?.status).toBe(415);
    expect(check("POST", { "content-type": "application/x-www-form-urlencoded", "content-length": "9" })?.status).toBe(415);
    expect(check("POST", { "content-length": "9" })?.code).toBe("unsupported_media_type");
    expect(check("POST", { "content-type": "application/merge-patch+json", "content-length": "2" })).toBeNull();
    expect(check("POST", {}, new URL("http://localhost:3000/api/documents/d1/retry"))).toBeNull(); // no body
  });

  it("needs multipart on the upload route, and leaves Auth.js's own form posts and key-authenticated calls alone", () => {
    const upload = new URL("http://localhost:3000/api/spaces/s1/documents");
    expect(check("POST", { "content-type": "text/plain", "content-length": "9" }, upload)?.status).toBe(415);
    expect(check("POST", { "content-type": "multipart/form-data; boundary=x", "content-length": "9" }, upload)).toBeNull();
    const signIn = new URL("http://localhost:3000/api/auth/callback/credentials");
    expect(check("POST", { "content-type": "application/x-www-form-urlencoded", "content-length": "9" }, signIn)).toBeNull();
    expect(check("POST", { authorization: "Bearer vch_x", "sec-fetch-site": "cross-site", "content-type": "text/plain" })).toBeNull();
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createLocalStorage } from "./local";
import { createS3Storage } from "./s3";
import { EMPTY_SHA256, sha256Hex, signatureParts, signingKey } from "./sigv4";
import { assertValidKey } from "./types";

// AWS's documented examples: "Deriving the signing key" (IAM) and the S3 header-signing
// examples of "Signature Calculations for the Authorization Header: Transferring Payload
// in a Single Chunk" (bucket examplebucket, 2013-05-24, us-east-1).
const AKID = "AKIAIOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const DATE = new Date("2013-05-24T00:00:00Z");
const base = { region: "us-east-1", service: "s3", accessKeyId: AKID, secretAccessKey: SECRET, date: DATE };

describe("SigV4", () => {
  it("derives the documented signing key", () => {
    const k = signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");
    expect(k.toString("hex")).toBe("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
  });

  it("signs the GET Object example", () => {
    const p = signatureParts({
      ...base,
      method: "GET",
      url: "https://examplebucket.s3.amazonaws.com/test.txt",
      headers: { range: "bytes=0-9", "x-amz-content-sha256": EMPTY_SHA256, "x-amz-date": "20130524T000000Z" },
      payloadHash: EMPTY_SHA256,
    });
    expect(p.canonicalRequest).toBe(
      [
        "GET",
        "/test.txt",
        "",
        "host:examplebucket.s3.amazonaws.com",
        "range:bytes=0-9",
        `x-amz-content-sha256:${EMPTY_SHA256}`,
        "x-amz-date:20130524T000000Z",
        "",
        "host;range;x-amz-content-sha256;x-amz-date",
        EMPTY_SHA256,
      ].join("\n"),
    );
    expect(p.signature).toBe("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    expect(p.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });

  it("signs the PUT Object example (encoded key, payload hash)", () => {
    const body = "Welcome to Amazon S3.";
    const hash = sha256Hex(body);
    expect(hash).toBe("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    const p = signatureParts({
      ...base,
      method: "PUT",
      url: "https://examplebucket.s3.amazonaws.com/test%24file.text",
      headers: {
        date: "Fri, 24 May 2013 00:00:00 GMT",
        "x-amz-date": "20130524T000000Z",
        "x-amz-storage-class": "REDUCED_REDUNDANCY",
        "x-amz-content-sha256": hash,
      },
      payloadHash: hash,
    });
    expect(p.signature).toBe("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  });

  it("signs the GET Bucket Lifecycle and List Objects examples (query strings)", () => {
    const headers = { "x-amz-date": "20130524T000000Z", "x-amz-content-sha256": EMPTY_SHA256 };
    const lifecycle = signatureParts({
      ...base,
      method: "GET",
      url: "https://examplebucket.s3.amazonaws.com/?lifecycle",
      headers,
      payloadHash: EMPTY_SHA256,
    });
    expect(lifecycle.signature).toBe("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
    const list = signatureParts({
      ...base,
      method: "GET",
      url: "https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J",
      headers,
      payloadHash: EMPTY_SHA256,
    });
    expect(list.signature).toBe("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
  });
});

describe("S3 adapter", () => {
  it("sends signed path-style requests and maps 404 to null", async () => {
    const calls: Array<{ url: string; method: string; headers: Record<string, string> }> = [];
    const store = new Map<string, Uint8Array>();
    const fakeFetch = (async (url: string, init: RequestInit) => {
      const headers = init.headers as Record<string, string>;
      calls.push({ url, method: String(init.method), headers });
      const key = new URL(url).pathname;
      if (init.method === "PUT") {
        store.set(key, new Uint8Array(init.body as Buffer));
        return new Response(null, { status: 200 });
      }
      if (init.method === "DELETE") {
        store.delete(key);
        return new Response(null, { status: 204 });
      }
      const v = store.get(key);
      return v ? new Response(new Uint8Array(v), { status: 200 }) : new Response("<Error><Code>NoSuchKey</Code></Error>", { status: 404 });
    }) as unknown as typeof fetch;
    const s3 = createS3Storage({
      endpoint: "http://127.0.0.1:9000/",
      bucket: "vouch",
      region: "eu-west-1",
      accessKeyId: AKID,
      secretAccessKey: SECRET,
      fetch: fakeFetch,
    });
    await s3.put("documents/d1/page-0.png", new Uint8Array([1, 2, 3]), { contentType: "image/png" });
    expect(calls[0]?.url).toBe("http://127.0.0.1:9000/vouch/documents/d1/page-0.png");
    expect(calls[0]?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/s3\/aws4_request,SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,Signature=[0-9a-f]{64}$/,
    );
    expect(calls[0]?.headers["x-amz-content-sha256"]).toBe(sha256Hex(new Uint8Array([1, 2, 3])));
    expect([...((await s3.get("documents/d1/page-0.png")) ?? [])]).toEqual([1, 2, 3]);
    await s3.delete("documents/d1/page-0.png");
    expect(await s3.get("documents/d1/page-0.png")).toBeNull();
  });
});

describe("local storage", () => {
  it("puts, gets, overwrites and deletes; refuses keys that escape the root", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "vouch-storage-"));
    const s = createLocalStorage(root);
    await s.put("documents/a/page-0.png", new Uint8Array([9, 8]));
    expect([...((await s.get("documents/a/page-0.png")) ?? [])]).toEqual([9, 8]);
    await s.put("documents/a/page-0.png", new Uint8Array([7]));
    expect([...((await s.get("documents/a/page-0.png")) ?? [])]).toEqual([7]);
    expect(fs.readdirSync(path.join(root, "documents/a"))).toEqual(["page-0.png"]);
    await s.delete("documents/a/page-0.png");
    await s.delete("documents/a/page-0.png");
    expect(await s.get("documents/a/page-0.png")).toBeNull();
    for (const bad of ["../x", "/etc/passwd", "a/../../b", "a//b", "a\\b", ""]) {
      expect(() => assertValidKey(bad)).toThrow(/invalid storage key/);
      await expect(s.get(bad)).rejects.toThrow(/invalid storage key/);
    }
  });
});

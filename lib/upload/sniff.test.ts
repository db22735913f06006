import { describe, expect, it } from "vitest";
import { sniff, sniffKind } from "./sniff";

const bytes = (...parts: Array<string | number[]>) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));
const pad = (b: Uint8Array, n = 40) => new Uint8Array([...b, ...new Array(Math.max(0, n - b.length)).fill(0)]);

describe("sniffKind", () => {
  it.each([
    ["pdf", bytes("%PDF-1.7\n%\xe2\xe3\n")],
    ["pdf", bytes([0xef, 0xbb, 0xbf], "%PDF-1.4\n")],
    ["png", pad(bytes([0x89], "PNG\r\n\x1a\n"))],
    ["jpeg", pad(bytes([0xff, 0xd8, 0xff, 0xe0]))],
    ["tiff", pad(bytes("II", [42, 0]))],
    ["tiff", pad(bytes("MM", [0, 42]))],
    ["webp", pad(bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "))],
    ["bmp", pad(bytes("BM"))],
    ["gif", pad(bytes("GIF89a"))],
    ["gif", pad(bytes("GIF87a"))],
    ["heic", pad(bytes([0, 0, 0, 24], "ftypheic"))],
    ["heic", pad(bytes([0, 0, 0, 24], "ftypmif1"))],
  ])("%s", (kind, b) => {
    expect(sniffKind(b)).toBe(kind);
  });

  it("names nothing it does not know", () => {
    expect(sniffKind(bytes("hello"))).toBeNull();
    expect(sniffKind(pad(bytes([0, 0, 0, 24], "ftypisom")))).toBeNull(); // an MP4 video
    expect(sniffKind(bytes("BM"))).toBeNull(); // too short for a BMP header
  });
});

describe("sniff", () => {
  it("trusts the bytes, not the name: a PNG named .pdf is a PNG", () => {
    const r = sniff(pad(bytes([0x89], "PNG\r\n\x1a\n")), "scan.pdf");
    expect(r).toEqual({ ok: true, kind: "png", mimeType: "image/png", route: "image" });
    expect(sniff(bytes("%PDF-1.7\n"), "photo.jpg")).toMatchObject({ ok: true, kind: "pdf", route: "pdf" });
  });

  it("refuses a text file named .pdf with the reason", () => {
    const r = sniff(bytes("Invoice 2049\r\nTotal 12.00\n"), "invoice.pdf");
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ kind: "text" });
    expect(!r.ok && r.reason).toBe("This is a text file (named “invoice.pdf”), not a PDF or an image.");
  });

  it("routes XML (an e-invoice, checked by the server) apart from other text", () => {
    expect(sniff(bytes([0xef, 0xbb, 0xbf], '<?xml version="1.0"?>\n<rsm:CrossIndustryInvoice>'), "x.xml")).toMatchObject({
      ok: true,
      kind: "xml",
      route: "xml",
    });
    expect(sniff(bytes('  <Invoice xmlns="urn:oasis">'))).toMatchObject({ ok: true, route: "xml" });
    expect(sniff(bytes("Total < 12.00\n"))).toMatchObject({ ok: false, kind: "text" });
  });

  it("refuses HEIC with what to do, empty files, ZIPs and binary junk", () => {
    const heic = sniff(pad(bytes([0, 0, 0, 24], "ftypheic")));
    expect(heic).toMatchObject({ ok: false, kind: "heic" });
    expect(!heic.ok && heic.reason).toMatch(/HEIC.*JPEG/);
    expect(sniff(new Uint8Array())).toMatchObject({ ok: false, kind: "empty" });
    expect(sniff(bytes("PK\x03\x04", [20, 0]), "invoice.xlsx")).toMatchObject({ ok: false, kind: "zip" });
    expect(sniff(bytes([0, 1, 2, 3, 0xfe, 0x00]))).toMatchObject({ ok: false, kind: "unknown" });
  });
});

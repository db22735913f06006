/**
 * Hostile payloads as fast-check arbitraries: image bytes (garbage, truncated, pixel bombs
 * with valid headers, PDFs), URLs aimed at every refused address range, FieldSpec lists,
 * JSON bodies, strings full of unicode edge cases. Pure data: requests.ts assembles them.
 */
import zlib from "node:zlib";
import fc from "fast-check";
import { blockedRanges } from "@/lib/net/ip-ranges";

/** Strings that have broken parsers and renderers: bidi, zero-width, surrogates, NUL, formula starts, huge. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "\u202Egnp.exe",
    "\u2066x\u2069",
    "\u0000",
    "\uD800",
    "\uDFFF\uD800",
    '=HYPERLINK("http://x")',
    "\n=1+1",
    "＝1+1",
    "<script>alert(1)</script>",
    "'; drop table users; --",
    "../../../../etc/passwd",
    "%2e%2e%2f",
    "$\u007bjndi:ldap://x}",
    "__proto__",
    "constructor",
    "\u0301\u0301\u0301",
    "🧾".repeat(50),
  ),
  fc.nat({ max: 200_000 }).map((n) => "A".repeat(n)),
);

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (crcTable[(c ^ b) & 255] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/** A PNG with a valid header declaring `w`×`h` and a tiny (or empty) compressed body. */
export function pngWithHeader(w: number, h: number, pixels = 0): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w >>> 0, 0);
  ihdr.writeUInt32BE(h >>> 0, 4);
  ihdr.writeUInt8(8, 8);
  ihdr.writeUInt8(0, 9); // greyscale
  const raw = Buffer.alloc(Math.min(pixels, 1 << 20));
  return Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

/** A one-page PDF of `w`×`h` points with nothing drawn (the probe's 9000 pt page is a pixel bomb when rasterized naively). */
export function blankPdf(w: number, h: number, pages = 1): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${4 + i} 0 R`).join(" ");
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    "<< /Length 0 >>\nstream\n\nendstream",
    ...Array.from({ length: pages }, () => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Contents 3 0 R >>`),
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** Image-ish bytes: garbage, magic numbers with garbage, pixel bombs, truncated files, PDFs, and (rarely) a small real image. */
export function imageBytes(realImages: Buffer[]): fc.Arbitrary<Buffer> {
  const magic = fc.constantFrom("89504e470d0a1a0a", "ffd8ffe0", "474946383961", "424d", "49492a00", "52494646", "25504446");
  return fc.oneof(
    { weight: 3, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((a) => Buffer.from(a)) },
    { weight: 3, arbitrary: fc.tuple(magic, fc.uint8Array({ maxLength: 2048 })).map(([m, a]) => Buffer.concat([Buffer.from(m, "hex"), a])) },
    { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 0, max: 0x7fffffff }), fc.integer({ min: 0, max: 0x7fffffff })).map(([w, h]) => pngWithHeader(w, h)) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...realImages), fc.nat()).map(([b, n]) => b.subarray(0, n % Math.max(1, b.length))) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: 20_000 })).map(([w, h]) => blankPdf(w, h)) },
    { weight: 1, arbitrary: fc.constantFrom(...realImages) },
  );
}

/** An address inside a refused range (the table's own rows) or an IPv6 form embedding one. */
const refusedAddress: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom(...blockedRanges.filter((r) => r.family === 4)), fc.nat({ max: 255 })).map(([r, n]) => {
    const [a = "0", b = "0", c = "0"] = (r.cidr.split("/")[0] ?? "").split(".");
    return `${a}.${b}.${c}.${n}`;
  }),
  fc.tuple(fc.constantFrom(...blockedRanges.filter((r) => r.family === 6)), fc.nat({ max: 0xffff })).map(([r, n]) => {
    const base = r.cidr.split("/")[0] ?? "::";
    return `[${base.endsWith("::") ? `${base}${n.toString(16)}` : base}]`;
  }),
  fc
    .constantFrom("127.0.0.1", "169.254.169.254", "10.0.0.1")
    .chain((v4) => fc.constantFrom(`[::ffff:${v4}]`, `[::ffff:0:${v4}]`, `[64:ff9b::${v4}]`, `[::${v4}]`)),
  fc.constantFrom("[2002:7f00:1::]", "[2002:a9fe:a9fe::1]", "[64:ff9b:1::a00:1]", "[fd00:ec2::254]", "localhost", "0", "127.1", "0x7f.1", "2130706433"),
);

/** URLs a client might send as `image`: every refused range, bad schemes, credentials, junk. */
export const hostileUrl: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom("http", "https"), refusedAddress, fc.nat({ max: 65535 })).map(([s, h, p]) => `${s}://${h}:${p}/x.png`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "file:///etc/passwd",
      "gopher://127.0.0.1:25/",
      "ftp://127.0.0.1/",
      "data:image/png;base64,AAAA",
      "javascript:1",
      "http://user:pw@127.0.0.1/",
    ),
  },
  { weight: 1, arbitrary: nastyString.map((s) => `http://${s}`) },
);

/** FieldSpec lists, valid and not: odd names and types, children where they do not belong, deep nesting, many fields. */
export const fieldSpecs: fc.Arbitrary<unknown> = fc.letrec<{ spec: unknown; list: unknown }>((tie) => ({
  spec: fc.record(
    {
      name: fc.oneof(fc.constantFrom("total", "invoice_no", "line_items", ""), nastyString),
      type: fc.oneof(fc.constantFrom("string", "number", "date", "array"), nastyString, fc.integer()),
      description: nastyString,
      children: fc.oneof({ depthSize: "small" }, fc.constant(undefined), tie("list")),
    },
    { requiredKeys: [] },
  ),
  list: fc.oneof(
    { depthSize: "small" },
    fc.array(tie("spec"), { maxLength: 6 }),
    fc.anything(),
    fc.constant(Array.from({ length: 500 }, (_, i) => ({ name: `f${i}`, type: "string" }))),
  ),
})).list;

/** JSON values that stress parsers: arbitrary JSON, deep nesting, prototype keys, huge arrays. */
export const hostileJson: fc.Arbitrary<string> = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.nat({ max: 20_000 }).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`),
  fc.constantFrom('{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}', '{"image":', "null", "", "\uFEFF{}", '{"a":1}garbage'),
  fc.string({ unit: "binary", maxLength: 200 }),
);

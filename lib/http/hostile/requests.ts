/**
 * Whole hostile requests for every contract route, as a fast-check arbitrary: method,
 * path (with hostile ids), headers (auth, content types, request ids), and a body made
 * of inputs.ts payloads — mostly with a valid key so the requests reach deep code.
 */
import fc from "fast-check";
import { fieldSpecs, hostileJson, hostileUrl, imageBytes, nastyString } from "./inputs";

/** What the generator knows about the server under test. */
export interface Target {
  key: string;
  revokedKey: string;
  spaceId: string;
  jobId: string;
  realImages: Buffer[];
}

/** One request, ready to send. */
export interface HostileRequest {
  route: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: { kind: "raw"; bytes: Buffer } | { kind: "form"; parts: Array<{ name: string; value: string | Buffer; fileName?: string; type?: string }> };
}

const b64 = (b: Buffer) => b.toString("base64");
/** Percent-encode any string byte by byte (lone surrogates become U+FFFD first, as a client's UTF-8 encoder does). */
const pct = (s: string) => [...Buffer.from(s, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");

function auth(t: Target): fc.Arbitrary<Record<string, string>> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant({ authorization: `Bearer ${t.key}` }) },
    { weight: 1, arbitrary: fc.constant({ authorization: `Bearer ${t.revokedKey}` }) },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: nastyString.map((s) => ({ authorization: `Bearer vch_${pct(s).slice(0, 200)}` })) },
    { weight: 1, arbitrary: fc.constantFrom({ authorization: "Basic YWRtaW46YWRtaW4=" }, { authorization: "Bearer" }, { authorization: "bearer  " }) },
  );
}

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/json") },
  {
    weight: 1,
    arbitrary: fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", ""),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }).filter((s) => /^[\x20-\x7e]*$/.test(s)) },
);

const extraHeaders = fc.record(
  {
    "x-request-id": fc.string({ maxLength: 200 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
    "idempotency-key": fc.string({ maxLength: 300 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
    origin: fc.constantFrom("http://evil.example", "null", "http://localhost:1"),
    "sec-fetch-site": fc.constantFrom("cross-site", "same-site", "same-origin", "none"),
  },
  { requiredKeys: [] },
);

/** An id for a path parameter: the real one, garbage, traversal, unicode, huge. */
function idLike(real: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(real) },
    { weight: 1, arbitrary: fc.constant(`spaces/${real}`) },
    { weight: 3, arbitrary: nastyString.map((s) => pct(s.slice(0, 2000)) || "x") },
    { weight: 1, arbitrary: fc.constantFrom("..%2f..%2fetc%2fpasswd", "%00", "%E0%A4%A", "null", "undefined", "0", "-1", "1e999") },
  );
}

function ocrBody(t: Target): fc.Arbitrary<Buffer> {
  const image = fc.oneof(
    { weight: 3, arbitrary: imageBytes(t.realImages).map(b64) },
    { weight: 2, arbitrary: hostileUrl },
    { weight: 1, arbitrary: imageBytes(t.realImages).map((b) => `data:image/png;base64,${b64(b)}`) },
    { weight: 1, arbitrary: nastyString },
  );
  const body = fc.record(
    {
      image,
      imageType: fc.oneof(fc.constantFrom("url", "base64", undefined), nastyString),
      templateId: fc.oneof(fc.constantFrom("invoice", "delivery", "receipt"), nastyString),
      fields: fieldSpecs,
      shape: fc.constantFrom("flat", "detailed", "x"),
      image_type: fc.constantFrom("url", "base64"),
      auto_fields: fc.anything(),
    },
    { requiredKeys: ["image"] },
  );
  return fc.oneof({ weight: 5, arbitrary: body.map((b) => Buffer.from(JSON.stringify(b))) }, { weight: 1, arbitrary: hostileJson.map((s) => Buffer.from(s)) });
}

function uploadBody(t: Target): fc.Arbitrary<HostileRequest["body"]> {
  const file = fc.record({
    name: fc.constantFrom("files", "files", "file", "files[]", "page"),
    value: imageBytes(t.realImages),
    fileName: nastyString.map((s) => s.slice(0, 300) || "f"),
    type: fc.constantFrom("image/png", "application/pdf", "text/html", "application/octet-stream", ""),
  });
  const text = fc.record({ name: fc.constantFrom("space", "uniqueKey", "spaceId", "path", "wait"), value: fc.oneof(idLike(t.spaceId), nastyString) });
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc.tuple(fc.array(text, { maxLength: 4 }), fc.array(file, { maxLength: 4 })).map(([a, b]) => ({ kind: "form" as const, parts: [...a, ...b] })),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((a) => ({ kind: "raw" as const, bytes: Buffer.from(a) })) },
  );
}

const query = fc
  .array(fc.tuple(fc.constantFrom("space", "where", "sort", "select", "limit", "offset", "boxes", "format", "lines", "bom", "version", "wait"), nastyString), {
    maxLength: 5,
  })
  .map((pairs) => new URLSearchParams(pairs.map(([k, v]) => [k, v.slice(0, 4000)])).toString());

const viewQuery = (t: Target) =>
  fc
    .record({
      where: fc.oneof(fc.constantFrom("total>=40000", "invoice_date<2020-01-01", "total>=", ">>=", "a=b=c"), nastyString),
      sort: fc.oneof(fc.constantFrom("-invoice_date", "total", "--x"), nastyString),
      limit: fc.oneof(fc.integer().map(String), nastyString),
      format: fc.constantFrom("json", "csv", "xml"),
    })
    .map((q) => `space=${encodeURIComponent(t.spaceId)}&${new URLSearchParams(q).toString()}`);

/** Every contract route with the bodies and parameters it takes. */
export function hostileRequest(t: Target): fc.Arbitrary<HostileRequest> {
  const json = (route: string, method: string, path: fc.Arbitrary<string>, body: fc.Arbitrary<Buffer>) =>
    fc.record({ route: fc.constant(route), method: fc.constant(method), path, auth: auth(t), ct: contentType, extra: extraHeaders, body }).map(
      (r): HostileRequest => ({
        route: r.route,
        method: r.method,
        path: r.path,
        headers: { ...r.auth, ...r.extra, ...(r.ct ? { "content-type": r.ct } : {}) },
        body: { kind: "raw", bytes: r.body },
      }),
    );
  const get = (route: string, path: fc.Arbitrary<string>, method: fc.Arbitrary<string> = fc.constant("GET")) =>
    fc
      .record({ route: fc.constant(route), method, path, auth: auth(t), extra: extraHeaders })
      .map((r): HostileRequest => ({ route: r.route, method: r.method, path: r.path, headers: { ...r.auth, ...r.extra } }));
  const anyMethod = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD");
  return fc.oneof(
    { weight: 6, arbitrary: json("POST /ocr/fields", "POST", fc.constant("/ocr/fields"), ocrBody(t)) },
    {
      weight: 3,
      arbitrary: fc
        .record({ auth: auth(t), extra: extraHeaders, body: uploadBody(t), q: query })
        .map((r): HostileRequest => ({ route: "POST /upload", method: "POST", path: `/upload?${r.q}`, headers: { ...r.auth, ...r.extra }, body: r.body })),
    },
    {
      weight: 2,
      arbitrary: get(
        "GET /jobs/{id}",
        idLike(t.jobId).map((id) => `/jobs/${id}`),
      ),
    },
    {
      weight: 2,
      arbitrary: json(
        "POST /create",
        "POST",
        fc.constant("/create"),
        fc
          .record(
            { name: nastyString, templateId: fc.oneof(fc.constantFrom("invoice", "receipt"), nastyString), fields: fieldSpecs, webhookUrl: hostileUrl },
            { requiredKeys: [] },
          )
          .map((b) => Buffer.from(JSON.stringify(b))),
      ),
    },
    { weight: 1, arbitrary: get("GET /space", fc.constant("/space")) },
    {
      weight: 1,
      arbitrary: get(
        "GET /space/{id}/webhook",
        idLike(t.spaceId).map((id) => `/space/${id}/webhook`),
      ),
    },
    {
      weight: 2,
      arbitrary: json(
        "PUT /space/{id}/webhook",
        "PUT",
        idLike(t.spaceId).map((id) => `/space/${id}/webhook`),
        fc
          .record({ url: fc.oneof(hostileUrl, fc.constant(null)), rotateSecret: fc.anything() }, { requiredKeys: [] })
          .map((b) => Buffer.from(JSON.stringify(b))),
      ),
    },
    {
      weight: 3,
      arbitrary: get(
        "GET /view",
        fc.oneof(viewQuery(t), query).map((q) => `/view?${q}`),
      ),
    },
    { weight: 1, arbitrary: get("GET /amount", fc.constant("/amount")) },
    { weight: 1, arbitrary: get("GET /health", fc.constant("/health")) },
    { weight: 1, arbitrary: get("GET /openapi.json", fc.constant("/openapi.json")) },
    {
      weight: 2,
      arbitrary: get(
        "any method, any contract path",
        fc.constantFrom("/ocr/fields", "/upload", "/create", "/space", "/view", "/amount", "/ocr/x/y", "/jobs/x"),
        anyMethod,
      ),
    },
    {
      weight: 1,
      arbitrary: json(
        "POST /api/documents/{id}/corrections",
        "POST",
        idLike("d").map((id) => `/api/documents/${id}/corrections`),
        hostileJson.map((s) => Buffer.from(s)),
      ),
    },
  );
}

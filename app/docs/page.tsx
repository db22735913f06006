import { headers } from "next/headers";
import Link from "next/link";
import { AppHeader } from "@/components/app-shell";
import { apiErrorCodes, isRetryable, statusOf } from "@/lib/contract/errors";
import { buildOpenApi } from "@/lib/contract/openapi";
import { currentUser, signOut } from "@/lib/auth";
import { templates } from "@/lib/engine/templates";
import styles from "./docs.module.css";

export const dynamic = "force-dynamic";
export const metadata = { title: "Vouch API" };

// The page renders the same document GET /openapi.json serves: nothing is restated by hand.
type Schema = {
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  $ref?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: Schema | boolean;
  deprecated?: boolean;
};
type Operation = {
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; description?: string }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
  "x-codeSamples"?: Array<{ label: string; source: string }>;
};

// A path item also holds shared keys such as `parameters`; only these are operations.
const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

function typeOf(s: Schema | undefined): React.ReactNode {
  if (!s) return "any";
  if (s.$ref) {
    const id = s.$ref.split("/").pop() ?? "";
    return <a href={`#schema-${id}`}>{id}</a>;
  }
  const alts = s.anyOf ?? s.oneOf;
  if (alts)
    return alts.map((a, i) => (
      <span key={i}>
        {i > 0 && " | "}
        {typeOf(a)}
      </span>
    ));
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((e) => JSON.stringify(e)).join(" | ");
  if (s.type === "array") return <>{typeOf(s.items)}[]</>;
  if (s.type === "object" && s.additionalProperties && typeof s.additionalProperties === "object" && !s.properties) {
    return <>map of {typeOf(s.additionalProperties)}</>;
  }
  return Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
}

function Properties({ schema }: { schema: Schema }) {
  const props = Object.entries(schema.properties ?? {});
  const extra = schema.additionalProperties && typeof schema.additionalProperties === "object" ? schema.additionalProperties : null;
  if (props.length === 0 && !extra) return <p className="muted">{typeOf(schema)}</p>;
  return (
    <table className="list">
      <tbody>
        {props.map(([name, p]) => (
          <tr key={name}>
            <td>
              <code>{name}</code>
              {schema.required?.includes(name) ? " *" : ""}
              {p.deprecated ? " (deprecated)" : ""}
            </td>
            <td>{typeOf(p)}</td>
            <td className="muted">{p.description}</td>
          </tr>
        ))}
        {extra && (
          <tr>
            <td>
              <em>any other key</em>
            </td>
            <td>{typeOf(extra)}</td>
            <td />
          </tr>
        )}
      </tbody>
    </table>
  );
}

export default async function DocsPage() {
  const h = await headers();
  const base = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost:3000"}`;
  const doc = buildOpenApi(base) as {
    info: { description: string; version: string };
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Schema> };
  };
  const samples = (s: string) => s.replaceAll("$VOUCH_URL", base);
  // The docs are public; a signed-in reader gets the app's navigation around them.
  const user = await currentUser();
  async function signOutAction() {
    "use server";
    await signOut({ redirectTo: "/login" });
  }
  return (
    <>
      <AppHeader user={user} signOutAction={signOutAction} />
      <main className={styles.docs}>
        <p>
          <a href="/openapi.json">openapi.json</a> · version {doc.info.version}
        </p>
        <h1>Vouch API</h1>
        <p>{doc.info.description}</p>
        <h2 id="basics">Basics</h2>
        <ul>
          <li>
            Base URL <code>{base}</code>, no path versioning. JSON, UTF-8. CORS is open for the API routes.
          </li>
          <li>
            <code>Authorization: Bearer vch_…</code> — create keys under <Link href="/settings/api-keys">Settings → API keys</Link> (or{" "}
            <code>npm run keys -- create --email you@example.com</code>). Missing or malformed header: 401; unknown or revoked key: 403.
          </li>
          <li>
            Every response carries <code>X-Request-Id</code> (send your own to have it echoed). camelCase is canonical; the snake_case aliases{" "}
            <code>image_type</code>, <code>template_id</code>, <code>auto_fields</code> still work and answer with <code>Deprecation: true</code>.
          </li>
          <li>
            Values are verbatim as printed; <code>number</code> and <code>date</code> fields add <code>normalized</code> when it is unambiguous. Boxes are
            integers on a 0–1000 grid of the page (0,0 top-left). A field the document lacks has <code>value: null</code>, <code>bbox: null</code>,{" "}
            <code>match_ratio: 0</code>; an array field with no rows has <code>value: []</code>.
          </li>
          <li>Rate limits: per key and per user per fixed minute; over the limit: 429 with details.retryAfterSec and Retry-After.</li>
        </ul>
        <h2 id="errors">Errors</h2>
        <pre>{`{ "error": { "code": "rate_limited", "message": "…", "requestId": "req_…", "retryable": true },
  "details": { "retryAfterSec": 12 } }`}</pre>
        <table className="list">
          <tbody>
            {apiErrorCodes.map((c) => (
              <tr key={c}>
                <td>{statusOf[c]}</td>
                <td>
                  <code>{c}</code>
                </td>
                <td className="muted">{isRetryable(c) ? "retryable" : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2 id="endpoints">Endpoints</h2>
        {Object.entries(doc.paths).flatMap(([p, ops]) =>
          Object.entries(ops)
            .filter(([method]) => METHODS.has(method))
            .map(([method, op]) => (
              <section key={`${method} ${p}`} className={styles.op} id={`${method}-${p}`}>
                <h3>
                  <code>{`${method.toUpperCase()} ${p}`}</code> — {op.summary}
                  {op.security?.length === 0 ? " (no key)" : ""}
                </h3>
                {op.description && <p>{op.description}</p>}
                {op.parameters?.map((prm) => (
                  <p key={prm.name}>
                    Query <code>{prm.name}</code>: {prm.description}
                  </p>
                ))}
                {op.requestBody &&
                  Object.entries(op.requestBody.content).map(([type, c]) => (
                    <div key={type}>
                      <h4>Request ({type})</h4>
                      <Properties schema={c.schema.$ref ? (doc.components.schemas[c.schema.$ref.split("/").pop() ?? ""] ?? c.schema) : c.schema} />
                    </div>
                  ))}
                <h4>Responses</h4>
                <ul>
                  {Object.entries(op.responses).map(([status, r]) => (
                    <li key={status}>
                      <strong>{status}</strong> {r.description} {r.content && <>→ {typeOf(r.content["application/json"]?.schema)}</>}
                    </li>
                  ))}
                </ul>
                {op["x-codeSamples"]?.map((s) => (
                  <div key={s.label}>
                    <h4>curl ({s.label})</h4>
                    <pre>{samples(s.source)}</pre>
                  </div>
                ))}
              </section>
            )),
        )}
        <h2 id="templates">Built-in templates</h2>
        <p>
          Send <code>templateId</code>; or your own <code>fields</code> (they win when both are sent).
        </p>
        {Object.values(templates).map((t) => (
          <section key={t.id} id={`template-${t.id}`} className={styles.op}>
            <h3>
              <code>{t.id}</code> — {t.label}
            </h3>
            <p className="muted">{t.description}</p>
            <table className="list" data-testid={`template-${t.id}`}>
              <tbody>
                {t.fields.map((f) => (
                  <tr key={f.name}>
                    <td>
                      <code>{f.name}</code>
                    </td>
                    <td>{f.type}</td>
                    <td className="muted">
                      {f.description}
                      {f.children && (
                        <>
                          {" — columns: "}
                          {f.children.map((c) => `${c.name} (${c.type})`).join(", ")}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
        <h2 id="schemas">Schemas</h2>
        {Object.entries(doc.components.schemas).map(([id, s]) => (
          <section key={id} id={`schema-${id}`} className={styles.op}>
            <h3>{id}</h3>
            {s.description && <p className="muted">{s.description}</p>}
            <Properties schema={s} />
          </section>
        ))}
      </main>
    </>
  );
}

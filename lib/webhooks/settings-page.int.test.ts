/**
 * The webhook settings page over HTTP (real server, signed-in user): it shows the space's
 * receiver URL and every delivery attempt with status, latency and response excerpt, and
 * a Resend button per delivery. PGlite only: the page reads through the same queries on
 * both databases, which the API suites already run on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyMigratedPglite } from "@/e2e/support/databases";
import { startServer, type TestServer, tempDataDir } from "@/e2e/support/server";
import { closeDriver } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { webhookAttempts, webhookDeliveries } from "@/lib/db/schema";
import { parseEnv } from "@/lib/env";
import { signInCookie } from "@/e2e/support/session";
import { createSpace } from "@/lib/services/spaces/create";
import { createUser } from "@/lib/services/users/create";
import { resendWebhookDelivery } from "@/lib/services/webhooks/resend";
import { updateWebhook } from "@/lib/services/webhooks/update";
import { eventIdFor } from "./events";

const EMAIL = "hooks@example.com";
const PASSWORD = "hooks-password-1";

describe("webhook settings page", () => {
  let server: TestServer;
  let spaceId: string;
  let secret: string;

  beforeAll(async () => {
    const dataDir = tempDataDir("vouch-hooks");
    copyMigratedPglite(dataDir);
    const env = parseEnv({ NODE_ENV: "test", DATA_DIR: dataDir });
    const db = await prepareDatabase(env);
    const user = await createUser({ db, input: { email: EMAIL, password: PASSWORD } });
    spaceId = (await createSpace({ db, userId: user.id, input: { name: "Hooked", templateId: "receipt" } })).id;
    // The guard refuses loopback; the test override stores it (the server itself, without
    // the override, refuses to send there: no traffic leaves this machine).
    await expect(updateWebhook({ db, userId: user.id, input: { spaceId, url: "http://127.0.0.1:9/hook", allowPrivate: false } })).rejects.toThrow(
      /private, loopback/,
    );
    const hook = await updateWebhook({ db, userId: user.id, input: { spaceId, url: "http://127.0.0.1:9/hook", allowPrivate: true } });
    secret = hook.secret ?? "";
    const [d] = await db
      .insert(webhookDeliveries)
      .values({
        spaceId,
        eventId: eventIdFor("doc-x", "ocr.completed"),
        eventType: "ocr.completed",
        url: hook.url ?? "",
        payload: {},
        status: "failed",
        attempts: 2,
      })
      .returning();
    if (!d) throw new Error("no delivery");
    await db.insert(webhookAttempts).values([
      { deliveryId: d.id, statusCode: 503, latencyMs: 41, responseExcerpt: "upstream busy", error: "HTTP 503" },
      { deliveryId: d.id, statusCode: null, latencyMs: 2000, error: "timed out after 2000 ms" },
    ]);
    await resendWebhookDelivery({ db, userId: user.id, input: { deliveryId: d.id } });
    await closeDriver(env);
    server = await startServer({ dataDir, env: { DATA_DIR: dataDir } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("lists the URL, the secret, and each attempt with status, latency and excerpt, with Resend", async () => {
    const cookie = await signInCookie(server.url, EMAIL, PASSWORD);
    const res = await fetch(`${server.url}/settings/webhooks?space=${spaceId}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("http://127.0.0.1:9/hook");
    expect(html).toContain(secret);
    expect(html).toContain(eventIdFor("doc-x", "ocr.completed"));
    expect(html).toMatch(/503[\s\S]{0,40}41[\s\S]{0,20}ms/);
    expect(html).toContain("upstream busy");
    expect(html).toContain("timed out after 2000 ms");
    expect(html).toContain("Resend");
    expect(html).toContain("pending"); // resent: queued again
  });
});

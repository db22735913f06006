/**
 * A real OpenID Connect provider on loopback for the SSO tests (the `oidc-provider` package,
 * the one certified implementation in npm): discovery, authorization code with PKCE, signed ID
 * tokens, and its own development sign-in page (any login name; the password is not checked —
 * the provider under test is the app, not this one). Accounts are declared by the test: login
 * name → claims (email, email_verified).
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** the app's env for this provider (OIDC_*). */
  env(name?: string): Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Start the provider on 127.0.0.1 with one confidential client whose only redirect URI is
 * `${appUrl}/api/auth/callback/oidc` (so the app must be reached at exactly that origin).
 */
export async function startOidcProvider(opts: { appUrl: string; accounts: Record<string, TestAccount> }): Promise<TestOidcProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "vouch-test";
  const clientSecret = crypto.randomBytes(24).toString("base64url");
  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: "test-key", use: "sig", alg: "RS256" };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${opts.appUrl}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [crypto.randomBytes(16).toString("hex")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // the scope's claims go into the ID token too (Auth.js reads the ID token, as with Entra, Google, Keycloak)
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    async findAccount(_ctx, sub) {
      const account = opts.accounts[sub];
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
    // first-party client: no consent screen, as a company's IdP is usually set up for its own apps
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  // quiet: the development-interactions warning is expected here
  provider.on("server_error", (_ctx, err) => console.error("[oidc-provider]", err));
  server.on("request", provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    env: (name = "Test IdP") => ({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret, OIDC_NAME: name }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A cookie jar over fetch: follows nothing by itself, keeps cookies per host. */
export class Browserless {
  private jars = new Map<string, Map<string, string>>();

  private jar(url: URL) {
    const j = this.jars.get(url.host) ?? new Map<string, string>();
    this.jars.set(url.host, j);
    return j;
  }

  cookieHeader(url: string): string {
    return [...this.jar(new URL(url))].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  cookieNames(url: string): string[] {
    return [...this.jar(new URL(url)).keys()];
  }

  /** One request; records Set-Cookie. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const c = this.cookieHeader(url);
    if (c) headers.set("cookie", c);
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    const jar = this.jar(new URL(url));
    for (const sc of res.headers.getSetCookie()) {
      const [pair, ...attrs] = sc.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired) jar.delete(name);
      else jar.set(name, pair.slice(eq + 1));
    }
    return res;
  }

  /** Follow redirects (GET) from `url`; returns every URL visited and the last response. */
  async follow(url: string, init: RequestInit = {}, max = 20): Promise<{ visited: string[]; res: Response }> {
    const visited = [url];
    let res = await this.request(url, init);
    while (res.status >= 300 && res.status < 400 && res.headers.get("location") && visited.length < max) {
      const next = new URL(res.headers.get("location") ?? "", visited[visited.length - 1]).toString();
      visited.push(next);
      res = await this.request(next);
    }
    return { visited, res };
  }
}

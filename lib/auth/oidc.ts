/**
 * Single sign-on through one OpenID Connect provider, configured by environment only
 * (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME). Auth.js finds the endpoints
 * and keys by discovery, so Entra ID, Google Workspace and Keycloak need nothing else.
 * Pure: no database here — who may come in is decided in lib/services/sso.
 */
import type { OIDCConfig } from "next-auth/providers";
import type { Env } from "@/lib/env";

/** Provider id: part of the redirect URI to register (`/api/auth/callback/oidc`). */
export const OIDC_PROVIDER_ID = "oidc";

/** The claims we read from the ID token / userinfo. */
export interface OidcClaims {
  sub: string;
  email?: string;
  email_verified?: boolean | string;
  /** Entra ID: "email domain owner verified" — Entra sends no email_verified for work accounts. */
  xms_edov?: boolean | string;
  name?: string;
  preferred_username?: string;
  picture?: string;
}

/** True when SSO is configured (all three variables set; env.ts refuses a partial set). */
export function ssoEnabled(e: Env): boolean {
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}

const truthy = (v: unknown) => v === true || v === "true";

/**
 * Whether the provider vouches for the address. `email_verified` when the provider sends it (Google,
 * Keycloak); otherwise Entra's `xms_edov`, which says the tenant owns the address's domain. Neither
 * → unverified: such an address may follow an invite made for it, never a domain rule.
 */
export function emailVerified(claims: Pick<OidcClaims, "email_verified" | "xms_edov">): boolean {
  if (claims.email_verified !== undefined) return truthy(claims.email_verified);
  return truthy(claims.xms_edov);
}

/** The address in the form users are stored in (lower case, trimmed), or null when the provider sent none. */
export function normalEmail(email: unknown): string | null {
  if (typeof email !== "string") return null;
  const e = email.trim().toLowerCase();
  return /^[^@\s]+@[^@\s]+$/.test(e) ? e : null;
}

/** The domain part of a normalised address. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1);
}

/** The Auth.js provider for the configured issuer, or null when SSO is off. */
export function oidcProvider(e: Env): OIDCConfig<OidcClaims> | null {
  if (!ssoEnabled(e)) return null;
  return {
    id: OIDC_PROVIDER_ID,
    name: e.OIDC_NAME,
    type: "oidc",
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    // PKCE binds the code to this browser, state binds the answer to our request, nonce the ID token
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    // The account is linked to an existing user of the same address only when the sign-in
    // callback allowed it (a verified address, lib/services/sso/admit.ts); Auth.js's own
    // linking rule cannot see the email_verified claim.
    allowDangerousEmailAccountLinking: true,
    // the provider's tokens are not used after sign-in: keeping none means a database copy holds none
    account: () => ({}),
    profile(claims) {
      return {
        id: claims.sub,
        email: normalEmail(claims.email) ?? undefined,
        name: claims.name ?? claims.preferred_username ?? null,
        image: claims.picture ?? null,
      };
    },
  };
}

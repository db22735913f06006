import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { emailDomain, emailVerified, normalEmail, oidcProvider, ssoEnabled } from "./oidc";

const full = { OIDC_ISSUER: "https://login.example.com/realms/acme", OIDC_CLIENT_ID: "vouch", OIDC_CLIENT_SECRET: "s3cret" };

describe("SSO configuration from the environment", () => {
  it("is off with nothing (or blanks) set, on with all three", () => {
    expect(ssoEnabled(parseEnv({}))).toBe(false);
    expect(parseEnv({}).OIDC_SESSION_HOURS).toBe(12);
    expect(() => parseEnv({ OIDC_SESSION_HOURS: "0" })).toThrow(/OIDC_SESSION_HOURS/);
    expect(oidcProvider(parseEnv({ OIDC_ISSUER: "", OIDC_CLIENT_ID: " ", OIDC_CLIENT_SECRET: "" }))).toBeNull();
    const p = oidcProvider(parseEnv({ ...full, OIDC_NAME: "Acme ID" }));
    expect(p).toMatchObject({ id: "oidc", type: "oidc", name: "Acme ID", issuer: full.OIDC_ISSUER, clientId: "vouch", checks: ["pkce", "state", "nonce"] });
  });

  it("refuses a partial set or an issuer that is not a URL, naming the variables", () => {
    expect(() => parseEnv({ OIDC_ISSUER: full.OIDC_ISSUER })).toThrow(/OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/);
    expect(() => parseEnv({ ...full, OIDC_ISSUER: "login.example.com" })).toThrow(/OIDC_ISSUER/);
  });

  it("maps claims to a user with the address in stored form; keeps no provider tokens", () => {
    const p = oidcProvider(parseEnv(full));
    expect(p?.profile?.({ sub: "abc", email: " Ana@Acme.TEST ", preferred_username: "ana" }, {})).toEqual({
      id: "abc",
      email: "ana@acme.test",
      name: "ana",
      image: null,
    });
    expect(p?.account?.({ access_token: "at", refresh_token: "rt", id_token: "it", token_type: "bearer" })).toEqual({});
  });
});

describe("claims", () => {
  it("email_verified decides when sent (also as a string); else Entra's xms_edov", () => {
    expect(emailVerified({ email_verified: true })).toBe(true);
    expect(emailVerified({ email_verified: "true" })).toBe(true);
    expect(emailVerified({ email_verified: false, xms_edov: true })).toBe(false);
    expect(emailVerified({ xms_edov: true })).toBe(true);
    expect(emailVerified({ xms_edov: "false" })).toBe(false);
    expect(emailVerified({})).toBe(false);
  });

  it("normalises addresses and takes the domain after the last @", () => {
    expect(normalEmail("  Bob@Example.COM")).toBe("bob@example.com");
    expect(normalEmail("not an address")).toBeNull();
    expect(normalEmail(undefined)).toBeNull();
    expect(emailDomain("bob@example.com")).toBe("example.com");
  });
});

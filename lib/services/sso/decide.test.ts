import { describe, expect, it } from "vitest";
import { decideSsoSignIn, type SsoFacts } from "./decide";

const base: SsoFacts = {
  email: "ana@acme.test",
  verified: true,
  linkedUser: null,
  userByEmail: null,
  invitedByLink: null,
  invitedByEmail: null,
  domainRule: null,
};
const rule = { teamId: "team-acme", role: "reviewer" };
const invite = (email: string | null) => ({ id: "inv-1", teamId: "team-b", role: "uploader", email });

describe("decideSsoSignIn", () => {
  it("signs in the user the identity is linked to, unless deactivated", () => {
    expect(decideSsoSignIn({ ...base, verified: false, linkedUser: { id: "u1", disabled: false } })).toEqual({ kind: "sign_in", userId: "u1" });
    expect(decideSsoSignIn({ ...base, linkedUser: { id: "u1", disabled: true }, domainRule: rule })).toEqual({ kind: "refuse", reason: "disabled" });
  });

  it("joins an existing account of the same address only on a verified address", () => {
    const userByEmail = { id: "u2", disabled: false };
    expect(decideSsoSignIn({ ...base, userByEmail })).toEqual({ kind: "sign_in", userId: "u2" });
    expect(decideSsoSignIn({ ...base, userByEmail, verified: false })).toEqual({ kind: "refuse", reason: "unverified" });
    expect(decideSsoSignIn({ ...base, userByEmail: { id: "u2", disabled: true } })).toEqual({ kind: "refuse", reason: "disabled" });
  });

  it("provisions a new address by its domain rule, only when verified", () => {
    expect(decideSsoSignIn({ ...base, domainRule: rule })).toEqual({ kind: "provision", teamId: "team-acme", role: "reviewer", inviteId: null, via: "domain" });
    expect(decideSsoSignIn({ ...base, domainRule: rule, verified: false })).toEqual({ kind: "refuse", reason: "unverified" });
  });

  it("an invite wins over the domain rule", () => {
    const d = decideSsoSignIn({ ...base, domainRule: rule, invitedByEmail: invite("ana@acme.test") });
    expect(d).toMatchObject({ kind: "provision", teamId: "team-b", role: "uploader", inviteId: "inv-1", via: "invite" });
  });

  it("an invite made out to an address needs that address verified; an open invite link does not", () => {
    expect(decideSsoSignIn({ ...base, verified: false, invitedByEmail: invite("ana@acme.test") })).toEqual({ kind: "refuse", reason: "unverified" });
    expect(decideSsoSignIn({ ...base, verified: false, invitedByLink: invite(null) })).toMatchObject({ kind: "provision", via: "invite" });
    expect(decideSsoSignIn({ ...base, invitedByLink: invite("bob@acme.test") })).toEqual({ kind: "refuse", reason: "unverified" });
    expect(decideSsoSignIn({ ...base, invitedByLink: invite("ana@acme.test") })).toMatchObject({ kind: "provision", inviteId: "inv-1" });
  });

  it("refuses an address with neither invite nor domain rule, and a provider that sent no address", () => {
    expect(decideSsoSignIn(base)).toEqual({ kind: "refuse", reason: "no_access" });
    expect(decideSsoSignIn({ ...base, email: null, domainRule: rule })).toEqual({ kind: "refuse", reason: "no_email" });
  });
});

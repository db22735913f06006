"use server";

import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentUser, SSO_INVITE_COOKIE, signIn, signOut } from "@/lib/auth";
import { OIDC_PROVIDER_ID } from "@/lib/auth/oidc";
import { getDb } from "@/lib/db/client";
import { ServiceError } from "@/lib/services/errors";
import { createFirstAdmin } from "@/lib/services/users/create-first-admin";

export type FormState = { error?: string; email?: string; name?: string } | undefined;

/** Sign in with email + password; wrong credentials come back as a sentence. */
export async function loginAction(_prev: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  const t = await getTranslations("auth");
  if (!email || !password) return { error: t("enterBoth"), email };
  try {
    await signIn("credentials", { email, password, redirectTo: safeNext(form.get("next")) });
  } catch (err) {
    if (err instanceof AuthError) {
      const throttled = (err as AuthError & { code?: string }).code === "throttled";
      return { error: throttled ? t("throttled") : t("wrong"), email };
    }
    throw err; // Next's redirect on success travels as an exception
  }
  return undefined;
}

/**
 * "Sign in with <provider>": off to the identity provider, back to `next`. An invite link's
 * token (form field `invite`) rides along in a short-lived cookie for the sign-in callback. A
 * browser still signed in as someone else is signed out first — Auth.js would otherwise link
 * the provider's identity to that other user.
 */
export async function ssoSignInAction(form: FormData): Promise<void> {
  const next = safeNext(form.get("next"));
  // (redirectTo too: sign-out stores its own callback URL, which the sign-in below would not overwrite when unchanged)
  if (await currentUser()) await signOut({ redirect: false, redirectTo: next });
  const invite = String(form.get("invite") ?? "");
  if (/^[\w-]{16,200}$/.test(invite)) {
    (await cookies()).set(SSO_INVITE_COOKIE, invite, { httpOnly: true, sameSite: "lax", path: "/api/auth", maxAge: 600 });
  }
  await signIn(OIDC_PROVIDER_ID, { redirectTo: next });
}

/** First run: create the admin, then sign in as them. */
export async function setupAction(_prev: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  const confirm = String(form.get("confirm") ?? "");
  const name = String(form.get("name") ?? "");
  const teamName = String(form.get("teamName") ?? "");
  // Every answer carries what was typed back, so a mistake does not clear the form.
  const t = await getTranslations("auth");
  if (password !== confirm) return { error: t("differ"), email, name };
  try {
    await createFirstAdmin({ db: await getDb(), input: { email, password, name, teamName } });
  } catch (err) {
    if (err instanceof ServiceError) {
      if (err.code === "already_exists") redirect("/login");
      return { error: err.message, email, name };
    }
    console.error("[setup] failed:", err);
    return { error: t("setupFailed"), email, name };
  }
  await signIn("credentials", { email, password, redirectTo: "/" });
  return undefined;
}

function safeNext(v: FormDataEntryValue | null): string {
  const s = typeof v === "string" ? v : "";
  return s.startsWith("/") && !s.startsWith("//") ? s : "/";
}

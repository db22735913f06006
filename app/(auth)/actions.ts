"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { ServiceError } from "@/lib/services/errors";
import { createFirstAdmin } from "@/lib/services/users/create-first-admin";

export type FormState = { error?: string; email?: string; name?: string } | undefined;

/** Sign in with email + password; wrong credentials come back as a sentence. */
export async function loginAction(_prev: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password.", email };
  try {
    await signIn("credentials", { email, password, redirectTo: safeNext(form.get("next")) });
  } catch (err) {
    if (err instanceof AuthError) {
      const throttled = (err as AuthError & { code?: string }).code === "throttled";
      return { error: throttled ? "Too many failed sign-ins. Wait a few minutes and try again." : "Wrong email or password.", email };
    }
    throw err; // Next's redirect on success travels as an exception
  }
  return undefined;
}

/** First run: create the admin, then sign in as them. */
export async function setupAction(_prev: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  const confirm = String(form.get("confirm") ?? "");
  const name = String(form.get("name") ?? "");
  // Every answer carries what was typed back, so a mistake does not clear the form.
  if (password !== confirm) return { error: "The two passwords differ.", email, name };
  try {
    await createFirstAdmin({ db: await getDb(), input: { email, password, name } });
  } catch (err) {
    if (err instanceof ServiceError) {
      if (err.code === "already_exists") redirect("/login");
      return { error: err.message, email, name };
    }
    console.error("[setup] failed:", err);
    return { error: "Could not create the admin; see the server log.", email, name };
  }
  await signIn("credentials", { email, password, redirectTo: "/" });
  return undefined;
}

function safeNext(v: FormDataEntryValue | null): string {
  const s = typeof v === "string" ? v : "";
  return s.startsWith("/") && !s.startsWith("//") ? s : "/";
}

/**
 * The one wrapper every server action of the web app runs in: the signed-in user is resolved
 * once, a service's typed failure comes back as a sentence with its code, anything else is
 * logged and answered with a generic sentence (never a stack). Navigation (redirect) stays the
 * action's own business after the wrapper returns.
 */
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { type AppUser, currentUser } from "@/lib/auth";
import { clientIpOf, type RequestOrigin, withRequestOrigin } from "@/lib/services/audit/context";
import { ServiceError, type ServiceErrorCode } from "@/lib/services/errors";
import { newRequestId } from "@/lib/http/request-id";

/** What an action body produced: its value, or why not. */
export type ActionResult<T> = { ok: true; value: T } | { ok: false; code: ServiceErrorCode | "unauthorized" | "internal"; error: string };

/** Run `body` as the signed-in user; `label` names the action in the server log. */
export async function asUser<T>(body: (user: AppUser) => Promise<T>, label = "action"): Promise<ActionResult<T>> {
  const user = await currentUser();
  if (!user) return { ok: false, code: "unauthorized", error: await actionError("unauthorized") };
  try {
    return { ok: true, value: await withRequestOrigin(await actionOrigin(), () => body(user)) };
  } catch (err) {
    // Next's own control flow (redirect, notFound) travels as exceptions: let it through.
    unstable_rethrow(err);
    if (err instanceof ServiceError) return { ok: false, code: err.code, error: await actionError(err.code, err.message) };
    console.error(`[action] ${label} failed:`, err);
    return { ok: false, code: "internal", error: await actionError("internal") };
  }
}

/**
 * An action's failure in the reader's language, by its code: English keeps the service's own sentence (it names the
 * field or the state), other languages word the code (messages `errors.service.*`).
 */
export async function actionError(code: ServiceErrorCode | "unauthorized" | "internal" | "no_team", message = ""): Promise<string> {
  const t = await getTranslations("errors");
  if (code === "unauthorized") return t("signIn");
  if (code === "internal") return t("internal");
  if (code === "no_team") return t("noTeam");
  return t(`service.${code}`, { message });
}

/** Run an action body that needs no signed-in user (accepting an invitation) inside its request's origin, for the audit log. */
export async function asVisitor<T>(body: () => Promise<T>): Promise<T> {
  return withRequestOrigin(await actionOrigin(), body);
}

/** Where the action's request came from: the address scripts/serve.ts saw, the id proxy.ts gave the request. */
async function actionOrigin(): Promise<RequestOrigin> {
  const h = await headers();
  return { ip: clientIpOf(h), requestId: h.get("x-request-id") ?? newRequestId() };
}

import { redirect } from "next/navigation";
import { ssoEnabled } from "@/lib/auth/oidc";
import { getDb } from "@/lib/db/client";
import { countUsers } from "@/lib/db/queries/users";
import { env } from "@/lib/env";
import { LoginForm } from "./login-form";
import { SsoButton } from "./sso-button";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if ((await countUsers(await getDb())) === 0) redirect("/setup");
  const { next } = await searchParams;
  // with single sign-on configured its button comes first; local passwords stay below it
  return (
    <>
      {ssoEnabled(env) && <SsoButton name={env.OIDC_NAME} next={next ?? "/"} />}
      <LoginForm next={next ?? "/"} withSso={ssoEnabled(env)} />
    </>
  );
}

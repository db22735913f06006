import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { countUsers } from "@/lib/db/queries/users";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if ((await countUsers(await getDb())) === 0) redirect("/setup");
  const { next } = await searchParams;
  return <LoginForm next={next ?? "/"} />;
}

// Test helper, run as its own process (PGlite allows one): migrate, create a user and API
// keys (the last one revoked), print them as JSON. Usage: tsx seed.ts <email> <n-keys>
import { parseEnv } from "@/lib/env";
import { closeDriver } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/migrate";
import { createApiKey } from "@/lib/services/api-keys/create";
import { revokeApiKey } from "@/lib/services/api-keys/revoke";
import { createUser } from "@/lib/services/users/create";

const [email = "api@example.com", n = "4"] = process.argv.slice(2);
const env = parseEnv(process.env);
const db = await prepareDatabase(env);
const user = await createUser({ db, input: { email, password: "api-test-password", role: "admin" } });
const keys: string[] = [];
for (let i = 0; i < Number(n); i++) keys.push((await createApiKey({ db, userId: user.id, input: { name: `test ${i}` } })).key);
const revoked = await createApiKey({ db, userId: user.id, input: { name: "revoked" } });
await revokeApiKey({ db, input: { idOrPrefix: revoked.id } });
await closeDriver(env);
console.log(JSON.stringify({ userId: user.id, email, keys, revoked: revoked.key }));

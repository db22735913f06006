// `npm run keys -- create --email <user> [--name <label>]`, `list --email <user>`,
// `revoke <id|prefix>`: API keys for headless installs. Opens the database directly, so
// with the embedded PGlite database the server must be stopped first (one process only).
import { parseArgs } from "node:util";

const USAGE = `Usage:
  npm run keys -- create --email <user> [--name <label>] [--space <id>] [--read-only]
                                                          print a new key of the user's first team they manage keys of (shown once)
  npm run keys -- list --email <user>                      the keys of the user's teams (prefix, last use)
  npm run keys -- revoke <id|prefix>                       revoke a key

With the embedded database (no DATABASE_URL) stop the server first: PGlite allows one process.`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      space: { type: "string" },
      "read-only": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, target] = positionals;
  if (values.help || !command) fail(USAGE, values.help ? 0 : 2);

  let envModule: typeof import("@/lib/env");
  try {
    envModule = await import("@/lib/env");
  } catch (err) {
    fail((err as Error).message);
  }
  const { env } = envModule;
  const { DatabaseConfigError, closeDriver } = await import("@/lib/db/client");
  const { prepareDatabase } = await import("@/lib/db/migrate");
  let db: Awaited<ReturnType<typeof prepareDatabase>>;
  try {
    db = await prepareDatabase(env);
  } catch (err) {
    if (err instanceof DatabaseConfigError) {
      fail(
        /in use by another Vouch process/.test(err.message)
          ? `${err.message}\n\nThe server is running on this data directory: stop it, run this command, then start it again.`
          : err.message,
      );
    }
    throw err;
  }
  const { getUserByEmail } = await import("@/lib/db/queries/users");
  const { ServiceError } = await import("@/lib/services/errors");
  const userFor = async () => {
    if (!values.email) fail(`--email is required.\n\n${USAGE}`, 2);
    const user = await getUserByEmail(db, values.email);
    if (!user) fail(`No user with the email ${values.email}. Create one in the web app (or with ADMIN_EMAIL/ADMIN_PASSWORD).`);
    return user;
  };

  try {
    if (command === "create") {
      const user = await userFor();
      const { createApiKey } = await import("@/lib/services/api-keys/create");
      const k = await createApiKey({
        db,
        userId: user.id,
        input: { name: values.name, ...(values.space ? { spaceId: values.space } : {}), readOnly: values["read-only"] ?? false },
      });
      console.error(`Created "${k.name}" (${k.prefix}…, id ${k.id}) for ${user.email}. It is shown only now:`);
      console.log(k.key);
    } else if (command === "list") {
      const user = await userFor();
      const { listApiKeys } = await import("@/lib/db/queries/api-keys");
      const keys = await listApiKeys(db, { userId: user.id });
      if (keys.length === 0) console.log(`${user.email} has no API keys.`);
      for (const k of keys) {
        const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : "active";
        const used = k.lastUsedAt ? `last used ${k.lastUsedAt.toISOString()}` : "never used";
        console.log(`${k.id}  ${k.prefix}…  ${k.name}  ${state}  ${used}`);
      }
    } else if (command === "revoke") {
      if (!target) fail(`Which key? Give its id or prefix.\n\n${USAGE}`, 2);
      const { revokeApiKey } = await import("@/lib/services/api-keys/revoke");
      const r = await revokeApiKey({ db, input: { idOrPrefix: target } });
      console.log("alreadyRevoked" in r ? `${r.prefix}… was already revoked.` : `Revoked ${r.prefix}… (${r.name}).`);
    } else fail(`Unknown command "${command}".\n\n${USAGE}`, 2);
  } catch (err) {
    if (err instanceof ServiceError) fail(err.message);
    throw err;
  } finally {
    await closeDriver(env);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

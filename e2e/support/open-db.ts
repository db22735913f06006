// Opens the database the environment names, prints "opened" or the error message, exits.
// Used by the integration test proving a second process cannot open a PGlite directory.
import { DatabaseConfigError, getDriver } from "@/lib/db/client";
import { parseEnv } from "@/lib/env";

try {
  await getDriver(parseEnv(process.env));
  console.log("opened");
  process.exit(0);
} catch (err) {
  console.log(err instanceof DatabaseConfigError ? `refused: ${err.message}` : `error: ${(err as Error).message}`);
  process.exit(3);
}

import { defineConfig } from "drizzle-kit";

// Migrations are generated once from lib/db/schema.ts and applied at start-up by
// lib/db/migrate.ts, identically on PGlite and PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./drizzle",
});

// `npm run worker`: an extra extraction worker process for scale mode. It needs
// DATABASE_URL (PostgreSQL) and the same storage as the web processes (S3_* or a shared
// DATA_DIR); any number may run, on any machine that reaches the database.
import type { Env } from "@/lib/env";

function die(message: string): never {
  console.error(`\n[worker] cannot start:\n${message}\n`);
  process.exit(1);
}

async function main() {
  // An engine process like `npm start`'s: glibc limited to two malloc arenas (scripts/malloc-arena.mjs); the
  // libvips, onnxruntime and tesseract threads otherwise each keep one (25 photos, both readers: peak RSS 1079 vs 759 MB).
  const { ensureArenaLimit } = (await import("./malloc-arena.mjs" as string)) as { ensureArenaLimit(): Promise<void> };
  await ensureArenaLimit();
  let env: Env;
  try {
    ({ env } = await import("@/lib/env"));
  } catch (err) {
    die((err as Error).message);
  }
  if (!env.DATABASE_URL) {
    die(
      "Separate worker processes need PostgreSQL: set DATABASE_URL=postgres://user:pass@host:5432/db.\n" +
        "With the embedded database (PGlite) only one process may open DATA_DIR, so the web\n" +
        "process runs the workers itself (VOUCH_WORKERS, default 1): `npm start` is all you need.",
    );
  }
  const { DatabaseConfigError, closeDriver } = await import("@/lib/db/client");
  const { prepareDatabase } = await import("@/lib/db/migrate");
  try {
    await prepareDatabase(env);
  } catch (err) {
    if (err instanceof DatabaseConfigError) die(err.message);
    throw err;
  }
  const { startBackground, stopBackground } = await import("@/lib/jobs/runtime");
  const { closeEngine } = await import("@/lib/services/ocr/process-engine");
  // A worker process exists to work: at least one worker even when VOUCH_WORKERS=0.
  await startBackground({ env, workers: Math.max(1, env.VOUCH_WORKERS) });
  console.log(`[worker] pid ${process.pid} processing extract-document jobs`);

  const shutdown = async (signal: string) => {
    console.log(`[worker] ${signal}: finishing the current job, then stopping`);
    try {
      await stopBackground({ timeoutMs: 30_000 });
      await closeEngine();
      await closeDriver(env);
    } finally {
      process.exit(0);
    }
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err) => {
  console.error("[worker] failed:", err);
  process.exit(1);
});

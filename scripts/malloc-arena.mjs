// glibc gives each thread that allocates its own malloc arena (up to 8 per core). libvips, onnxruntime and the
// tesseract workers allocate from many threads, and what one arena frees is seldom given back to the system, so the
// server's resident memory stays near its peak. MALLOC_ARENA_MAX can only be set before the process starts: without
// it, `npm start` runs itself again as a child with it set, and waits for that child. Fused reader over 6 pages: peak
// RSS 957 → 780 MB, RSS after 825 → 767 MB (one run each).
import { spawn } from "node:child_process";
import os from "node:os";

/** In a process without MALLOC_ARENA_MAX on Linux: run this script again with it and exit with its code (never returns). */
export async function ensureArenaLimit(limit = "2") {
  if (process.platform !== "linux" || process.env.MALLOC_ARENA_MAX) return;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, MALLOC_ARENA_MAX: limit },
  });
  // SIGTERM/SIGHUP come from a process manager to this pid: pass them on. SIGINT (Ctrl+C) reaches the child through
  // the terminal's process group already; a second one would cut its graceful shutdown short.
  for (const sig of ["SIGTERM", "SIGHUP"]) process.on(sig, () => child.kill(sig));
  process.on("SIGINT", () => {});
  const code = await new Promise((resolve) => child.on("exit", (c, signal) => resolve(c ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1))));
  process.exit(code);
}

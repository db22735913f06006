import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const run = (env: Record<string, string>) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arena-"));
  const script = path.join(dir, "probe.mjs");
  // What start.mjs does first, then report what the serving process sees, and exit with a code of its own.
  fs.writeFileSync(
    script,
    `import { ensureArenaLimit } from ${JSON.stringify(path.resolve("scripts/malloc-arena.mjs"))};\nawait ensureArenaLimit();\nconsole.log(process.env.MALLOC_ARENA_MAX);\nprocess.exit(3);\n`,
  );
  try {
    return spawnSync(process.execPath, [script], { env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", ...env }, encoding: "utf8" });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

describe.runIf(process.platform === "linux")("ensureArenaLimit (npm start)", () => {
  it("runs the server again with MALLOC_ARENA_MAX=2 and exits with its code", () => {
    const r = run({});
    expect(r.stdout.trim()).toBe("2");
    expect(r.status).toBe(3);
  });

  it("keeps a limit already set, in the same process", () => {
    const r = run({ MALLOC_ARENA_MAX: "4" });
    expect(r.stdout.trim()).toBe("4");
    expect(r.status).toBe(3);
  });
});

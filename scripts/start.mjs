#!/usr/bin/env node
// `npm start`: build if the sources changed since the last build, then serve
// (migrations, first-run admin and job workers are handled by scripts/serve.ts).
import { ROOT, ensureBuild } from "./build-state.mjs";
import { ensureArenaLimit } from "./malloc-arena.mjs";

await ensureArenaLimit();

process.chdir(ROOT);
if (!process.argv.includes("--no-build") && !(await ensureBuild())) {
  console.error("[vouch] the build failed; see the messages above.");
  process.exit(1);
}
const { register } = await import("tsx/esm/api");
register();
await import("./serve.ts");

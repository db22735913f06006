#!/usr/bin/env node
// `npm run test:e2e [-- e2e/<file>...]`: the browser end-to-end tests alone — builds the app first when its
// sources changed (as `npm test` does), then runs vitest's e2e project on the files given (all when none).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ROOT, ensureBuild } from "./build-state.mjs";

process.chdir(ROOT);
if (!(await ensureBuild())) {
  console.error("[e2e] the build failed: end-to-end tests cannot run");
  process.exit(1);
}
const vitest = path.join(ROOT, "node_modules", ".bin", "vitest");
const r = spawnSync(vitest, ["run", "--project", "e2e", ...process.argv.slice(2)], { stdio: "inherit", env: process.env });
process.exit(r.status ?? 1);

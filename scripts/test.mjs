#!/usr/bin/env node
// `npm test`: typecheck, lint, dependency rules (docs/architecture.md), unit tests, production build, integration tests (PGlite,
// plus PostgreSQL when TEST_DATABASE_URL is set) and browser end-to-end tests.
// Every step runs; the exit code is non-zero if any failed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, ensureBuild } from "./build-state.mjs";

process.chdir(ROOT);
const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);
const results = [];
let passed = 0;
let failed = 0;
const failures = [];
fs.mkdirSync("test-results", { recursive: true });

function run(name, cmd, args) {
  console.log(`\n━━ ${name} ━━ ${[path.basename(cmd), ...args].join(" ")}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  const ok = r.status === 0;
  results.push({ name, ok, ms: Date.now() - t0 });
  return ok;
}

function vitest(project) {
  const out = `test-results/${project}.json`;
  fs.rmSync(out, { force: true });
  const ok = run(`${project} tests`, bin("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  try {
    const j = JSON.parse(fs.readFileSync(out, "utf8"));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    // Named again in the summary: CI shows only the tail of the log, and a failure's name is what one needs first.
    for (const file of j.testResults ?? []) {
      const rel = path.relative(ROOT, file.name);
      for (const t of file.assertionResults ?? []) if (t.status === "failed") failures.push(`${project}: ${rel} › ${t.fullName}`);
      if (file.status === "failed" && !(file.assertionResults ?? []).some((t) => t.status === "failed"))
        failures.push(`${project}: ${rel} (${(file.message ?? "failed before its tests ran").split("\n")[0].slice(0, 200)})`);
    }
    // A suite that crashed before its tests ran counts as a failure, not as zero tests.
    if (!ok && j.numFailedTests === 0) failed += 1;
  } catch {
    if (!ok) failed += 1;
  }
  return ok;
}

const dbs = process.env.TEST_DATABASE_URL ? "PGlite and PostgreSQL (TEST_DATABASE_URL)" : "PGlite (set TEST_DATABASE_URL to add PostgreSQL)";
console.log(`[test] integration databases: ${dbs}`);

run("typecheck", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
run("lint", bin("biome"), ["lint", "."]);
// The formatter check: an unformatted file fails `npm test` (`npm run format` fixes the tree).
run("format", bin("biome"), ["format", "."]);
run("dependency rules", process.execPath, ["scripts/check-deps.mjs"]);
vitest("unit");
console.log("\n━━ build ━━ next build (skipped when the sources did not change)");
const built = await ensureBuild();
results.push({ name: "build", ok: built, ms: 0 });
if (built) {
  vitest("integration");
  vitest("e2e");
} else {
  console.error("[test] the build failed: integration and end-to-end tests cannot run");
}

console.log("\n━━ summary ━━");
for (const r of results) console.log(`${r.ok ? "ok  " : "FAIL"} ${r.name}${r.ms ? ` (${Math.round(r.ms / 1000)} s)` : ""}`);
const bad = results.filter((r) => !r.ok);
for (const f of failures) console.log(`failed: ${f}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(bad.length ? 1 : 0);

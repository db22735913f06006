// Decides whether the Next.js production build is out of date: a hash of every input
// the build reads, compared with the one stored beside the last build.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
// messages/ and i18n/ are read by the build too (the catalogues are bundled): a changed message must rebuild.
const INPUTS = ["app", "components", "lib", "public", "messages", "i18n", "proxy.ts", "next.config.ts", "package-lock.json", "tsconfig.json"];
const DIST = process.env.VOUCH_DIST_DIR || ".next";
const STAMP = path.join(ROOT, DIST, "vouch-build-hash");

function walk(p, out) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) {
      if (name === "node_modules" || name === "__fixtures__" || name === "tessdata" || name.endsWith(".test.ts")) continue;
      walk(path.join(p, name), out);
    }
  } else out.push(p);
}

/** Hash of the build's inputs (paths + contents). */
export function inputHash() {
  const files = [];
  for (const i of INPUTS) walk(path.join(ROOT, i), files);
  const h = crypto.createHash("sha256");
  for (const f of files) {
    h.update(path.relative(ROOT, f));
    h.update(fs.readFileSync(f));
  }
  return h.digest("hex");
}

/** True when .next holds a build of exactly the current sources. */
export function buildIsFresh() {
  if (!fs.existsSync(path.join(ROOT, DIST, "BUILD_ID"))) return false;
  return fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === inputHash();
}

/** Record that .next was built from the current sources. */
export function stampBuild() {
  fs.writeFileSync(STAMP, inputHash());
}

/** Build when needed; returns false if the build failed. */
export async function ensureBuild() {
  if (buildIsFresh()) return true;
  const { spawnSync } = await import("node:child_process");
  console.log("[vouch] building the web app (first start or sources changed; takes a few minutes)…");
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    stdio: "inherit",
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (r.status !== 0) return false;
  stampBuild();
  return true;
}

export { ROOT };

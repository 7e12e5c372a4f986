#!/usr/bin/env node
// Entry point for `yalu`: runs the compiled CLI in dist/ (`npm run build`, which `npm ci` runs).
// Without a build, or with src/ changed since (a checkout, an edit), it runs the TypeScript sources
// through tsx (a dev dependency) and says so on stderr: slower to start, never stale.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
// The build's last output (the dashboard is built first), so its time is the build's.
const compiled = join(root, "dist", "cli", "main.js");

/** The newest modification time of the files under `dir`. */
function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

const why = !existsSync(compiled)
  ? "not built"
  : existsSync(join(root, "src")) && newest(join(root, "src")) > statSync(compiled).mtimeMs
    ? "src/ changed since the build"
    : null;

let main;
if (why === null) ({ main } = await import("../dist/cli/main.js"));
else {
  const tsx = await import("tsx/esm/api").catch(() => null);
  if (tsx !== null) {
    process.stderr.write(`yalu: ${why}; running the sources (slower to start: npm run build)\n`);
    tsx.register();
    ({ main } = await import("../src/cli/main.ts"));
  } else if (existsSync(compiled)) {
    process.stderr.write(`yalu: ${why}; running the old build (npm run build)\n`);
    ({ main } = await import("../dist/cli/main.js"));
  } else {
    process.stderr.write("yalu: not built, and no tsx to run the sources: npm ci, or npm run build\n");
    process.exit(1);
  }
}
process.exitCode = await main(process.argv);

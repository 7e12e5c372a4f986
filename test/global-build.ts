import { execFileSync, spawnSync } from "node:child_process";

/**
 * Vitest global setup: tests that run `yalu` or serve the dashboard use the build (dist/), so build
 * first when the CLI says it would run the sources instead (not built, or src/ changed since). A
 * failing build is reported and the tests go on: those CLIs then run the sources.
 */
export default function buildIfStale(): void {
  const probe = spawnSync(process.execPath, ["bin/yalu.js", "--version"], { encoding: "utf8" });
  if (probe.status === 0 && probe.stderr === "") return;
  console.warn(`test setup: ${probe.stderr.trim() || "yalu --version failed"}; running npm run build`);
  try {
    execFileSync("npm", ["run", "build"], { stdio: ["ignore", "inherit", "inherit"] });
  } catch {
    console.warn("test setup: npm run build failed; tests that run yalu will run the sources");
  }
}

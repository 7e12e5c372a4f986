import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";

/** `npm run fuzz -- …args` without npm: the runner's command line only (no target is run). */
const fuzz = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "test/fuzz/run.ts", ...args],
      { timeout: 60_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    );
  });

describe("npm run fuzz's command line", () => {
  it("--help prints the usage and exits 0", async () => {
    const r = await fuzz(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run fuzz/);
    expect(r.stdout).toContain("--runs");
    expect(r.stderr).not.toMatch(/at .*run\.ts/);
  });

  it("names a bad option or value with the usage, exit 2, no stack trace", async () => {
    for (const [args, named] of [
      [["--bogus"], "--bogus"],
      [["--runs", "many"], "--runs"],
      [["--seed", "-3"], "--seed"],
      [["--only", "no such target"], "no such target"],
    ] as const) {
      const r = await fuzz([...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toContain(named);
      expect(r.stderr, args.join(" ")).toContain("usage: npm run fuzz");
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

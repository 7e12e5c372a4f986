import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { expect } from "vitest";

/** Set to write (or rewrite) golden files on purpose: `YALU_WRITE_GOLDEN=1 npx vitest run test/…`. */
export const WRITE_GOLDEN = "YALU_WRITE_GOLDEN";

export interface GoldenOptions {
  /** Write `actual` as the golden (default: $YALU_WRITE_GOLDEN is "1"); refused in CI. */
  write?: boolean;
  ci?: boolean;
}

/**
 * Compare JSON output with its checked-in golden file. A missing golden is a failure naming how to
 * write one; a mismatch writes the output beside the golden as `-changed` for review, and fails.
 * Goldens are written only on request, never by an ordinary test run.
 * @returns the golden's parsed content, for the caller's `expect(actual).toEqual(golden)`
 */
export function readGolden(path: string, actual: unknown, options: GoldenOptions = {}): unknown {
  const { write, ci } = {
    write: process.env[WRITE_GOLDEN] === "1",
    ci: process.env.CI === "true",
    ...options,
  } satisfies GoldenOptions;
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  const changed = path.replace(/(\.\w+)?$/, "-changed$1");
  if (write) {
    if (ci) throw new Error(`${WRITE_GOLDEN} is refused in CI: goldens are written and reviewed by hand`);
    // Checked-in files pass the formatter (`npm test` lints them), so write its layout.
    const biome = "node_modules/.bin/biome";
    writeFileSync(path, execFileSync(biome, ["format", "--stdin-file-path=golden.json"], { input: text }));
  }
  if (!existsSync(path)) {
    const test = expect.getState().testPath;
    const run = `${WRITE_GOLDEN}=1 npx vitest run ${test ? relative(process.cwd(), test) : "<the test file>"}`;
    throw new Error(`missing golden file ${path}: write it with ${run}, review it and commit it`);
  }
  const golden: unknown = JSON.parse(readFileSync(path, "utf8"));
  if (JSON.stringify(golden) === JSON.stringify(actual)) rmSync(changed, { force: true });
  else writeFileSync(changed, text);
  return golden;
}

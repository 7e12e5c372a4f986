import { execFile } from "node:child_process";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run `node bin/yalu.js …` in a subprocess, as a user would, with `env` over this process's
 * environment (YALU_TOKEN cleared unless given); `cwd` with `bin` (an absolute path) runs it elsewhere.
 */
export function yalu(
  args: string[],
  env: Record<string, string> = {},
  where: { cwd?: string; bin: string } = { bin: "bin/yalu.js" },
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [where.bin, ...args],
      { env: { ...process.env, YALU_TOKEN: "", ...env }, timeout: 120_000, cwd: where.cwd },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

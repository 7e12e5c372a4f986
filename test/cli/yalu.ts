import { execFile } from "node:child_process";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run `node bin/yalu.js …` in a subprocess, as a user would, with `env` over this process's
 * environment (YALU_TOKEN cleared unless given).
 */
export function yalu(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["bin/yalu.js", ...args],
      { env: { ...process.env, YALU_TOKEN: "", ...env }, timeout: 120_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

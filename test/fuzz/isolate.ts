import { fork } from "node:child_process";
import { join } from "node:path";

/** How long a single case may run before the target counts as hung (synchronous loops included). */
export const HANG_MS = 10_000;

/**
 * Fuzz a target in a child process with a watchdog: resolves with the number of cases run, or
 * rejects with the failure (or the input a hang happened on: its number, length and first bytes).
 */
export function fuzzIsolated(name: string, runs: number, seed: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(join(import.meta.dirname, "worker.ts"), [name, String(runs), String(seed)], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    let last = "before the first case";
    let settled = false;
    let stderr = "";
    let timer: NodeJS.Timeout;
    const finish = (err: Error | null, n = 0) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      if (err) reject(err);
      else resolve(n);
    };
    // Startup (loading tsx and the readers) gets a longer allowance than a single case.
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(
        () => finish(new Error(`${name}: hang: no result within ${ms} ms on case ${last}`)),
        ms,
      );
    };
    arm(60_000);
    child.stderr?.on("data", (d) => {
      stderr += d;
    });
    child.on(
      "message",
      (m: { type: string; n?: number; length?: number; head?: string; message?: string }) => {
        if (m.type === "case") {
          last = `${m.n} (${m.length} bytes, starting ${JSON.stringify(m.head)})`;
          arm(HANG_MS);
        } else if (m.type === "done") finish(null, m.n);
        else finish(new Error(m.message));
      },
    );
    child.on("exit", (code, signal) =>
      finish(
        new Error(`${name}: fuzz worker exited (${code ?? signal}) on case ${last}\n${stderr.slice(-500)}`),
      ),
    );
  });
}

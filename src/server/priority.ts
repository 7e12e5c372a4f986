import { readdirSync } from "node:fs";
import { getPriority, setPriority } from "node:os";

/**
 * Let the server's JS thread, which answers every request, have the CPU before the process's other
 * threads (DuckDB's workers and the libuv pool running its queries and imports, V8's helpers): on
 * Linux each of those gets a nice value `nice` steps above the process's, re-applied every `every`
 * ms as threads start lazily. On a busy machine reads then wait less behind an import, which runs on what is left.
 * Elsewhere (no /proc/self/task) nothing changes. Returns a function that stops re-applying.
 * @example const stop = favourMainThread(); … stop();
 */
export function favourMainThread(nice = 5, every = 1000): () => void {
  const value = Math.min(19, getPriority() + nice);
  const renice = (): boolean => {
    let threads: string[];
    try {
      threads = readdirSync("/proc/self/task");
    } catch {
      return false;
    }
    // On Linux the main thread's id is the process id; setpriority on another id is per thread.
    for (const t of threads) {
      if (Number(t) === process.pid) continue;
      try {
        setPriority(Number(t), value);
      } catch {
        // The thread ended meanwhile.
      }
    }
    return true;
  };
  if (!renice()) return () => {};
  const timer = setInterval(renice, every).unref();
  return () => clearInterval(timer);
}

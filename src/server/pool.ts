import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { HttpError } from "./error.ts";
import { type JobAnswer, type JobKind, type JobRequest, type Jobs, WORKER_MARK } from "./jobs.ts";

export interface PoolOptions {
  /** Worker threads at most (default: one fewer than the cores, from 1 to 4). */
  size: number;
  /** Jobs waiting for a worker at most: one more is 503 with Retry-After. */
  queue: number;
  /** Longest a job may run (ms) before its worker is stopped: 422. */
  timeMs: number;
  /** Heap of a worker (MB): a job that needs more is 422. */
  memoryMb: number;
  /** Called as a worker starts a job (for logs and tests). */
  onStart: (kind: JobKind) => void;
}

const defaults: PoolOptions = {
  size: Math.max(1, Math.min(4, availableParallelism() - 1)),
  queue: 32,
  timeMs: 30_000,
  memoryMb: 512,
  onStart: () => {},
};

/** The worker's module beside this one: jobs.js in a build, jobs.ts from the sources. */
const ENTRY = new URL(
  `./jobs.${fileURLToPath(import.meta.url).endsWith(".ts") ? "ts" : "js"}`,
  import.meta.url,
);

function spawn(memoryMb: number): Worker {
  const options = { workerData: WORKER_MARK, resourceLimits: { maxOldGenerationSizeMb: memoryMb } };
  if (ENTRY.pathname.endsWith(".js")) return new Worker(ENTRY, options);
  // From the TypeScript sources (tests, a run without a build) the worker loads them through tsx.
  // require.resolve finds tsx's CommonJS build of the API; its ES module build sits beside it.
  const api = createRequire(import.meta.url)
    .resolve("tsx/esm/api")
    .replace(/\.cjs$/, ".mjs");
  const tsx = pathToFileURL(api).href;
  const code = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(ENTRY.href)}); })`;
  return new Worker(code, { ...options, eval: true });
}

/** The answer to a job whose client left: nobody reads it, so it is not logged either. */
const cancelled = (what: string) =>
  new HttpError(503, `${what} was cancelled: its client closed the connection`);

interface Task {
  request: JobRequest;
  /** What the job is, for messages: "the forecast". */
  what: string;
  /** What makes it smaller, for the 422: "fewer actors or Monte Carlo runs". */
  hint: string;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  /** Stops the job's worker, while it runs. */
  stop?: () => void;
}

/** How busy a pool is. */
export interface PoolLoad {
  /** Jobs running, one a worker. */
  running: number;
  /** Jobs waiting for a worker. */
  waiting: number;
}

/**
 * A bounded pool of worker threads for the server's CPU-heavy work (forecasts, phases), so one
 * heavy request never holds the event loop: cheap requests are answered while it runs. Each job
 * runs within a time and memory budget (422 past it, and its worker is replaced); when every worker
 * is busy and `queue` jobs wait, the next is 503. A job whose `signal` aborts (its client left) is
 * dropped from the queue, or its worker is stopped. Idle workers do not keep the process alive.
 * @example await pool.run("forecast", input, "the forecast", "fewer actors", c.req.raw.signal)
 */
export class JobPool {
  private readonly opts: PoolOptions;
  private readonly idle: Worker[] = [];
  private readonly busy = new Set<Worker>();
  private readonly waiting: Task[] = [];
  private next = 1;

  constructor(options: Partial<PoolOptions> = {}) {
    this.opts = { ...defaults, ...options } satisfies PoolOptions;
  }

  run<K extends JobKind>(
    kind: K,
    input: Parameters<Jobs[K]>[0],
    what: string,
    hint: string,
    signal?: AbortSignal,
  ): Promise<Awaited<ReturnType<Jobs[K]>>> {
    if (signal?.aborted) return Promise.reject(cancelled(what));
    if (this.waiting.length >= this.opts.queue && this.idle.length + this.busy.size >= this.opts.size) {
      const message = `the server is busy: ${this.opts.size + this.opts.queue} heavy requests running or waiting; retry shortly`;
      return Promise.reject(new HttpError(503, message, undefined, { "Retry-After": "2" }));
    }
    return new Promise((resolve, reject) => {
      const request = { id: this.next++, kind, input };
      const abort = () => this.cancel(task);
      const settled = () => {
        task.stop = undefined;
        signal?.removeEventListener("abort", abort);
      };
      const task: Task = {
        request,
        what,
        hint,
        resolve: (value) => {
          settled();
          resolve(value as Awaited<ReturnType<Jobs[K]>>);
        },
        reject: (err) => {
          settled();
          reject(err);
        },
      };
      signal?.addEventListener("abort", abort, { once: true });
      this.waiting.push(task);
      this.dispatch();
    });
  }

  /** Jobs running and waiting now. */
  get load(): PoolLoad {
    return { running: this.busy.size, waiting: this.waiting.length };
  }

  /** Stop every worker; running and waiting jobs fail with 503. */
  async close(): Promise<void> {
    for (const t of this.waiting.splice(0)) t.reject(new HttpError(503, "the server is shutting down"));
    await Promise.all([...this.idle.splice(0), ...this.busy].map((w) => w.terminate()));
    this.busy.clear();
  }

  /** Drop a waiting job, or stop a running one's worker (a new one starts for the next job). */
  private cancel(task: Task): void {
    const i = this.waiting.indexOf(task);
    if (i >= 0) this.waiting.splice(i, 1);
    task.stop?.();
    task.reject(cancelled(task.what));
  }

  private dispatch(): void {
    while (this.waiting.length) {
      let worker = this.idle.pop();
      if (!worker && this.busy.size < this.opts.size) worker = spawn(this.opts.memoryMb);
      if (!worker) return;
      this.start(worker, this.waiting.shift()!);
    }
  }

  private start(worker: Worker, task: Task): void {
    this.busy.add(worker);
    worker.ref();
    let timer: NodeJS.Timeout | undefined;
    const done = (keep: boolean) => {
      clearTimeout(timer);
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      this.busy.delete(worker);
      if (keep) {
        worker.unref();
        this.idle.push(worker);
      } else void worker.terminate();
      this.dispatch();
    };
    task.stop = () => done(false);
    const onMessage = (m: JobAnswer) => {
      if (m.id !== task.request.id) return;
      if ("started" in m) {
        this.opts.onStart(task.request.kind);
        // The budget counts the job's own work, not the worker's start-up.
        timer = setTimeout(() => {
          done(false);
          const s = this.opts.timeMs / 1000;
          task.reject(new HttpError(422, `${task.what} ran past its budget of ${s} s: try ${task.hint}`));
        }, this.opts.timeMs);
        return;
      }
      done(true);
      if (m.ok) task.resolve(m.value);
      else task.reject(new Error(`${task.what} failed: ${m.message}`));
    };
    const onError = (err: Error & { code?: string }) => {
      done(false);
      if (err.code === "ERR_WORKER_OUT_OF_MEMORY")
        task.reject(
          new HttpError(422, `${task.what} needs more than ${this.opts.memoryMb} MB: try ${task.hint}`),
        );
      else task.reject(err);
    };
    const onExit = (code: number) => {
      done(false);
      task.reject(new Error(`${task.what}: its worker stopped (exit code ${code})`));
    };
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
    worker.postMessage(task.request);
  }
}

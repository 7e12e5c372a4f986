/**
 * Yalu's two-shard ClickHouse cluster on loopback: two `clickhouse-server` processes, each with its
 * own ports and temp folder, configured from ops/clickhouse/*.xml.
 *
 *   node --import tsx scripts/clickhouse-cluster.ts start   # prints the store URL, keeps running
 *   node --import tsx scripts/clickhouse-cluster.ts stop
 *
 * Tests import {@link startCluster} and stop it when done.
 */
import { type ChildProcess, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const OPS = join(dirname(fileURLToPath(import.meta.url)), "..", "ops", "clickhouse");
const STATE = join(tmpdir(), "yalu-clickhouse-cluster.json");

export interface ClusterNode {
  shard: number;
  httpPort: number;
  tcpPort: number;
  dir: string;
  pid: number;
}

export interface Cluster {
  /** Store URL of the first node: `clickhouse://127.0.0.1:PORT` (append `/database`). */
  url: string;
  nodes: ClusterNode[];
  /** Send a signal to one node (fault tests: SIGKILL, SIGSTOP, SIGCONT); `stop` cleans up the rest. */
  kill(shard: number, signal?: NodeJS.Signals): Promise<void>;
  /** Start a killed node again on its ports and data, and wait until it answers. */
  restart(shard: number): Promise<void>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  shards: number;
  /** Give up waiting for a server after this long. */
  readyTimeoutMs: number;
  /** Path of the clickhouse-server binary. */
  binary: string;
  /** Kill the servers when this process gets SIGTERM/SIGINT (off when the caller handles signals). */
  handleSignals: boolean;
}

const defaults: ClusterOptions = {
  shards: 2,
  readyTimeoutMs: 30_000,
  binary: "clickhouse-server",
  handleSignals: true,
};

/** The clickhouse-server binary on PATH (or /usr/sbin), or null when not installed. */
export function findServer(): string | null {
  for (const dir of [...(process.env.PATH ?? "").split(":"), "/usr/sbin", "/usr/bin"]) {
    const path = join(dir, "clickhouse-server");
    if (dir && existsSync(path)) return path;
  }
  return null;
}

/** Ports the OS reports free on 127.0.0.1, all held open until every one is chosen. */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const s = createServer();
          s.once("error", reject);
          s.listen(0, "127.0.0.1", () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => {
    const a = s.address();
    return typeof a === "object" && a ? a.port : 0;
  });
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/@([A-Z_]+)@/g, (m, key: string) => (key in values ? String(values[key]) : m));
}

async function ping(port: number): Promise<boolean> {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/ping`, { signal: AbortSignal.timeout(1000) });
    return r.ok;
  } catch {
    return false;
  }
}

async function waitReady(node: ClusterNode, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    if (await ping(node.httpPort)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  const log = join(node.dir, "log", "error.log");
  const tail = existsSync(log) ? readFileSync(log, "utf8").split("\n").slice(-5).join("\n") : "";
  throw new Error(`clickhouse shard ${node.shard} on port ${node.httpPort} did not become ready\n${tail}`);
}

function launch(binary: string, dir: string): ChildProcess {
  const out = openSync(join(dir, "log", "stdout.log"), "a");
  const child = spawn(binary, [`--config-file=${join(dir, "config.xml")}`], {
    cwd: dir,
    stdio: ["ignore", out, out],
  });
  child.on("error", () => undefined);
  return child;
}

/** Start a fresh cluster in temp folders on free loopback ports and wait until every node answers. */
export async function startCluster(options: Partial<ClusterOptions> = {}): Promise<Cluster> {
  const opts = { ...defaults, ...options } satisfies ClusterOptions;
  const root = mkdtempSync(join(tmpdir(), "yalu-ch-"));
  const ports = await freePorts(opts.shards * 2);
  const shardXml = readFileSync(join(OPS, "shard.xml"), "utf8");
  const shards = ports
    .slice(opts.shards)
    .map((tcp) => fill(shardXml, { TCP_PORT: tcp }))
    .join("");
  const children: ChildProcess[] = [];
  const nodes: ClusterNode[] = [];
  const stop = async () => {
    await Promise.all(children.map((c) => terminate(c)));
    rmSync(root, { recursive: true, force: true });
  };
  const onExit = () => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  };
  // A test runner killed by a signal must not leave servers behind.
  const onSignal = (signal: NodeJS.Signals) => {
    onExit();
    process.kill(process.pid, signal);
  };
  process.once("exit", onExit);
  if (opts.handleSignals) {
    process.once("SIGTERM", onSignal);
    process.once("SIGINT", onSignal);
  }
  reapOrphans();
  try {
    for (let i = 0; i < opts.shards; i++) {
      const dir = join(root, `shard${i + 1}`);
      for (const sub of ["log", "data", "tmp", "user_files", "format_schemas"]) {
        mkdirSync(join(dir, sub), { recursive: true });
      }
      const values = { DIR: dir, HTTP_PORT: ports[i], TCP_PORT: ports[opts.shards + i], SHARD: i + 1 };
      const config = fill(readFileSync(join(OPS, "config.xml"), "utf8"), { ...values, SHARDS: shards });
      writeFileSync(join(dir, "config.xml"), config);
      writeFileSync(join(dir, "users.xml"), readFileSync(join(OPS, "users.xml")));
      const child = launch(opts.binary, dir);
      children.push(child);
      nodes.push({
        shard: i + 1,
        httpPort: ports[i],
        tcpPort: ports[opts.shards + i],
        dir,
        pid: child.pid ?? 0,
      });
    }
    writeFileSync(
      join(root, "owner.json"),
      JSON.stringify({ owner: process.pid, pids: nodes.map((n) => n.pid) }),
    );
    await Promise.all(nodes.map((n, i) => waitReady(n, children[i], opts.readyTimeoutMs)));
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url: `clickhouse://127.0.0.1:${nodes[0].httpPort}`,
    nodes,
    kill: async (shard, signal = "SIGKILL") => {
      const child = children[shard - 1];
      const exited = child.exitCode !== null || child.signalCode !== null;
      const done = new Promise((resolve) => child.once("exit", resolve));
      child.kill(signal);
      if (!exited && (signal === "SIGKILL" || signal === "SIGTERM")) await done;
    },
    restart: async (shard) => {
      const node = nodes[shard - 1];
      const old = children[shard - 1];
      if (old.exitCode === null && old.signalCode === null) await terminate(old);
      children[shard - 1] = launch(opts.binary, node.dir);
      node.pid = children[shard - 1].pid ?? 0;
      await waitReady(node, children[shard - 1], opts.readyTimeoutMs);
    },
    stop: async () => {
      process.removeListener("exit", onExit);
      process.removeListener("SIGTERM", onSignal);
      process.removeListener("SIGINT", onSignal);
      await stop();
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kill servers of clusters whose owning process died without stopping them (e.g. kill -9). */
function reapOrphans(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith("yalu-ch-")) continue;
    const file = join(tmpdir(), name, "owner.json");
    if (!existsSync(file)) continue;
    try {
      const { owner, pids } = JSON.parse(readFileSync(file, "utf8")) as { owner: number; pids: number[] };
      if (alive(owner)) continue;
      for (const pid of pids) if (alive(pid)) process.kill(pid, "SIGKILL");
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
    } catch {
      // another process is reaping it
    }
  }
}

/** SIGTERM, then SIGKILL if the server has not exited within 5 s. */
function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGCONT");
    child.kill("SIGTERM");
  });
}

async function cli(command: string | undefined): Promise<void> {
  if (command === "start") {
    const binary = findServer();
    if (!binary) throw new Error("clickhouse-server is not installed");
    const cluster = await startCluster({ binary, handleSignals: false });
    writeFileSync(STATE, JSON.stringify({ pid: process.pid, url: cluster.url, nodes: cluster.nodes }));
    process.stdout.write(`${cluster.url}\n`);
    // Keep the servers as children of this process; `stop` (or Ctrl-C) ends both.
    const end = () => void cluster.stop().then(() => process.exit(0));
    process.on("SIGTERM", end);
    process.on("SIGINT", end);
    return;
  }
  if (command === "stop") {
    if (!existsSync(STATE)) return;
    const state = JSON.parse(readFileSync(STATE, "utf8")) as { pid: number };
    try {
      process.kill(state.pid, "SIGTERM");
    } catch {
      // already gone
    }
    rmSync(STATE, { force: true });
    return;
  }
  throw new Error("usage: clickhouse-cluster.ts start|stop");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  cli(process.argv[2]).catch((err: unknown) => {
    process.stderr.write(`clickhouse-cluster: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}

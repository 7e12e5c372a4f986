import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open.ts";

// A full disk, for real: `yalu serve` on a small tmpfs of its own (a private mount namespace, which
// `unshare -rm` gives without root), and `yalu import` under a file-size limit (`ulimit -f`).
const YALU = join(import.meta.dirname, "..", "..", "bin", "yalu.js");
const TOKEN = "full-disk-token";
const dir = mkdtempSync(join(tmpdir(), "yalu-full-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `n` distinct CHN→PRK events as JSON Lines, numbered from `from`, with descriptions of ~110 bytes. */
function jsonl(n: number, from = 0): string {
  const cameos = ["042", "043", "040", "036", "057", "112", "163", "190", "120", "138"];
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const date = new Date(Date.UTC(1900, 0, 1) + (i % 40_000) * 86_400_000).toISOString().slice(0, 10);
    const actor = (code: string) => ({ code, country: code, name: null });
    const cameo = cameos[Math.floor(i / 40_000) % cameos.length];
    const description = `event ${i} ${"x".repeat(100)}`;
    return JSON.stringify({ date, source: actor("CHN"), target: actor("PRK"), cameo, description });
  }).join("\n");
}

/** `yalu serve` on a tmpfs of `size` of its own; resolves once it listens. */
async function serveOnDisk(size: string) {
  const disk = mkdtempSync(join(dir, "disk-"));
  const script = `mount -t tmpfs -o size=${size} tmpfs "$0" && exec "$1" "$2" serve --no-web --port 0 --db "$0/db.duckdb"`;
  const child = spawn("unshare", ["-rm", "sh", "-c", script, disk, process.execPath, YALU], {
    env: { ...process.env, YALU_TOKEN: TOKEN },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /^(http:\/\/\S+)$/m.exec(out);
      if (m) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
  });
  /** Import batches of 20,000 events until one fails: the events stored, and the failure. */
  const fill = async () => {
    let stored = 0;
    for (let round = 0; round < 20; round++) {
      const res = await fetch(`${url}api/import`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
        body: jsonl(20_000, round * 20_000),
      });
      const body = (await res.json()) as { inserted?: number; error?: { message: string } };
      if (res.status !== 200) return { stored, status: res.status, message: body.error?.message ?? "" };
      stored += body.inserted ?? 0;
    }
    throw new Error("the disk never filled");
  };
  return { url, child, exited, fill, stderr: () => stderr };
}

describe("a full disk", () => {
  it("yalu serve answers 503 naming the cause of a refused write, and goes on serving reads", async () => {
    const server = await serveOnDisk("8m");
    try {
      const { stored, status, message } = await server.fill();
      expect(stored).toBeGreaterThan(0);
      expect(status).toBe(503);
      expect(message).toMatch(
        /^the record .*db\.duckdb could not be written \(nothing was stored\): .*No space left on device/,
      );
      const stats = await fetch(`${server.url}api/stats`);
      expect(stats.status).toBe(200);
      expect(((await stats.json()) as { events: number }).events).toBe(stored);
    } finally {
      server.child.kill();
    }
  });

  it("yalu serve answers 503 naming the cause of an invalidated database, then exits 1 for its supervisor", async () => {
    // 12 MB: the log of the third import fits, and the checkpoint it starts does not.
    const server = await serveOnDisk("12m");
    const { stored, status, message } = await server.fill();
    expect(stored).toBeGreaterThan(0);
    expect(status).toBe(503);
    expect(message).toMatch(
      /^the record .*db\.duckdb failed and must be reopened: .*No space left on device/,
    );
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toMatch(
      /yalu: the record .* failed and must be reopened: .*No space left on device.*; the server stopped/,
    );
    expect(server.stderr()).not.toMatch(/cannot rollback|internal error|\n\s+at /);
  });

  it("yalu import names the cause, never a failed rollback, and stores nothing", async () => {
    const db = join(dir, "limited.duckdb");
    const store = await openStore(db, { flagship: true });
    const before = await store.countEvents({});
    await store.close();
    const file = join(dir, "events.jsonl");
    writeFileSync(file, jsonl(40_000));
    // 4 MB: the database opens, and the import's log of 40,000 events outgrows it.
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile(
        "sh",
        ["-c", 'ulimit -f 4000 && exec "$0" "$1" import "$2" --db "$3"', process.execPath, YALU, file, db],
        (err, _out, stderr) => resolve({ code: err ? (err.code as number) : 0, stderr }),
      ),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/could not be written \(nothing was stored\): .*file too large/i);
    expect(run.stderr).not.toMatch(/cannot rollback|no transaction is active/);
    const after = await openStore(db, { flagship: false });
    expect(await after.countEvents({})).toBe(before);
    await after.close();
  });
});

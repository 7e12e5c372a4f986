import { execFileSync } from "node:child_process";
import { getPriority } from "node:os";
import { describe, expect, it } from "vitest";

/** In a child process: open a DuckDB store (its threads), favour the main thread, report nice values. */
const CHILD = `
import { readdirSync, readFileSync } from "node:fs";
import { favourMainThread } from "./src/server/priority.ts";
import { openDuckDBStore } from "./src/store/duckdb/index.ts";
const store = await openDuckDBStore(":memory:");
await store.countEvents({});
const stop = favourMainThread(7, 50);
await new Promise((r) => setTimeout(r, 200));
stop();
const nice = (tid) => Number(readFileSync("/proc/self/task/" + tid + "/stat", "utf8").split(") ")[1].split(" ")[16]);
const threads = readdirSync("/proc/self/task").map(Number);
console.log(JSON.stringify({ main: nice(process.pid), others: threads.filter((t) => t !== process.pid).map(nice) }));
await store.close();
`;

describe("favouring the main thread", () => {
  it.runIf(process.platform === "linux")("lowers every other thread's priority, not the main one's", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", CHILD], {
      encoding: "utf8",
      timeout: 60_000,
    });
    const { main, others } = JSON.parse(out.trim().split("\n").at(-1)!) as { main: number; others: number[] };
    expect(main).toBe(getPriority());
    // DuckDB's and libuv's threads, V8's helpers: 7 steps lower.
    expect(others.length).toBeGreaterThan(2);
    expect(others).toEqual(others.map(() => Math.min(19, main + 7)));
  });
});

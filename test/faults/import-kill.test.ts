import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateGdelt2 } from "../../bench/synthetic.ts";
import { readGdelt } from "../../src/formats/gdelt.ts";
import type { Event } from "../../src/model/event.ts";
import { openStore } from "../../src/store/open.ts";
import { clickhouseAvailable, freshDatabase, useCluster } from "../store/clickhouse-cluster.ts";
import { fixtureEvents } from "../store/fixtures.ts";

const ROWS = 30_000;
const CHILD = join(import.meta.dirname, "import-child.ts");
const dir = mkdtempSync(join(tmpdir(), "yalu-faults-"));
const file = join(dir, "events.gdelt2.csv");
const before = fixtureEvents();
let firstId = "";
let lastId = "";

beforeAll(async () => {
  await generateGdelt2(file, ROWS, 11);
  const events: Event[] = [];
  for await (const e of readGdelt(file)) events.push(e);
  expect(events).toHaveLength(ROWS);
  [firstId, lastId] = [events[0].id, events[ROWS - 1].id];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run the import child; resolves with its stdout once it exits (or is killed after "midway"). */
function runImport(db: string, args: string[], kill: boolean): Promise<{ out: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, "--db", db, "--file", file, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.stdout.on("data", (d) => {
      out += d;
      if (kill && out.includes("midway")) child.kill("SIGKILL");
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (kill ? signal === "SIGKILL" && out.includes("midway") : code === 0) resolve({ out, child });
      else reject(new Error(`import child: code ${code} signal ${signal}\n${out}\n${err}`));
    });
  });
}

/** What a fresh reader sees: count, and whether the first and last events of the file are there. */
async function look(db: string) {
  const store = await openStore(db, { flagship: false });
  try {
    return {
      count: await store.countEvents({}),
      first: (await store.getEvent(firstId)) !== null,
      last: (await store.getEvent(lastId)) !== null,
    };
  } finally {
    await store.close();
  }
}

async function seed(db: string): Promise<void> {
  const store = await openStore(db, { flagship: false });
  await store.importEvents(before);
  await store.close();
}

function killScenario(db: () => string, pauseArgs: string[]) {
  return async () => {
    await seed(db());
    await runImport(db(), pauseArgs, true);
    // Killed inside the batch: nothing of it is visible.
    expect(await look(db())).toEqual({ count: before.length, first: false, last: false });
    // Re-running completes it exactly once; a third run adds nothing.
    const again = await runImport(db(), [], false);
    expect(JSON.parse(again.out)).toEqual({ inserted: ROWS, duplicates: 0 });
    expect(await look(db())).toEqual({ count: before.length + ROWS, first: true, last: true });
    const third = await runImport(db(), [], false);
    expect(JSON.parse(third.out)).toEqual({ inserted: 0, duplicates: ROWS });
    expect((await look(db())).count).toBe(before.length + ROWS);
  };
}

// kill -9 of `yalu import` itself (both backends, mid-stream) is in cli-import-kill.test.ts; this
// file kills at the point only a hook can reach: every shard holds the rows, the commit is not written.
describe.skipIf(!clickhouseAvailable)("kill -9 during an import: clickhouse", () => {
  const { url } = useCluster();
  const dbs = new Map<string, string>();
  const db = (key: string) => () => {
    if (!dbs.has(key)) dbs.set(key, `${url()}/${freshDatabase("kill")}`);
    return dbs.get(key)!;
  };
  it(
    "after every shard holds the rows, before the commit: nothing visible, re-run exactly once",
    killScenario(db("commit"), ["--pause-before-commit"]),
    120_000,
  );
});

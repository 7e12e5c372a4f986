import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateScaleGdelt2 } from "../../bench/scale-synthetic.ts";
import { openStore } from "../../src/store/open.ts";
import { clickhouseAvailable, freshDatabase, useCluster } from "../store/clickhouse-cluster.ts";

// `yalu import` itself, killed with SIGKILL once it is inside its batch (a chunk staged), then re-run.
const ROWS = 120_000;
const YALU = join(import.meta.dirname, "..", "..", "bin", "yalu.js");
const dir = mkdtempSync(join(tmpdir(), "yalu-cli-kill-"));
const file = join(dir, "events.gdelt2.csv");
const childTmp = join(dir, "tmp");

beforeAll(async () => {
  mkdirSync(childTmp);
  await generateScaleGdelt2(file, ROWS, 5);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function yalu(db: string): ChildProcess & { output: Promise<{ code: number | null; out: string }> } {
  const child = spawn(process.execPath, [YALU, "import", file, "--format", "gdelt2", "--db", db], {
    env: { ...process.env, TMPDIR: childTmp },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  const output = new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, out })),
  );
  return Object.assign(child, { output });
}

/** Poll `inside` until it reports the import is mid-batch, then kill -9; fails after 90 s. */
async function killInside(db: string, inside: () => Promise<boolean>): Promise<void> {
  const child = yalu(db);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await inside()) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(child.exitCode).toBeNull();
  child.kill("SIGKILL");
  expect((await child.output).code).toBeNull();
}

async function count(db: string): Promise<number> {
  const store = await openStore(db, { flagship: false });
  try {
    return await store.countEvents({});
  } finally {
    await store.close();
  }
}

async function rerunExactlyOnce(db: string): Promise<void> {
  expect(await count(db)).toBe(0);
  const again = await yalu(db).output;
  expect(again).toMatchObject({ code: 0, out: expect.stringContaining(`inserted ${ROWS}, duplicates 0`) });
  const third = await yalu(db).output;
  expect(third.out).toContain(`inserted 0, duplicates ${ROWS}`);
  expect(await count(db)).toBe(ROWS);
}

describe("kill -9 of `yalu import`", () => {
  it("duckdb: killed once a chunk is staged, nothing visible, re-run stores each event once", async () => {
    const db = join(dir, "cli.duckdb");
    const staged = () =>
      Promise.resolve(
        readdirSync(childTmp).some(
          (d) =>
            d.startsWith("yalu-import-") &&
            existsSync(join(childTmp, d)) &&
            readdirSync(join(childTmp, d)).length > 0,
        ),
      );
    await killInside(db, staged);
    await rerunExactlyOnce(db);
  }, 240_000);

  describe.skipIf(!clickhouseAvailable)("clickhouse", () => {
    const { url } = useCluster();
    it("killed once staging holds rows, nothing visible, re-run stores each event once", async () => {
      const name = freshDatabase("cli");
      const db = `${url()}/${name}`;
      const http = `http://127.0.0.1:${new URL(url()).port}/`;
      const staged = async () => {
        const res = await fetch(http, {
          method: "POST",
          body: `SELECT sum(rows) FROM system.parts WHERE database = '${name}' AND table LIKE 'staging%' AND active`,
        }).catch(() => null);
        return res?.ok === true && Number((await res.text()).trim()) > 0;
      };
      await killInside(db, staged);
      await rerunExactlyOnce(db);
    }, 240_000);
  });
});

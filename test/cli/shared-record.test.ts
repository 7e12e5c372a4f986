import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sidecarPath } from "../../src/store/sidecar.ts";
import { gdeltLine } from "../formats/gdelt-lines.ts";
import { yalu } from "./yalu.ts";

// `yalu serve` holds a real DuckDB file while the CLI, in other processes, reads and imports.
const dir = mkdtempSync(join(tmpdir(), "yalu-shared-"));
const db = join(dir, "record.duckdb");
const TOKEN = "test-token-123";
let server: ChildProcess;
let url: string;
/** `yalu phases` and `yalu indicators` answers through the server, to compare with the file's own. */
const served: string[] = [];
const analyses = [
  ["phases", "--dyad", "CHN-PRK", "--json", "--db"],
  ["indicators", "--dyad", "CHN-PRK", "--json", "--db"],
];

const run = (args: string[], env: Record<string, string> = {}) =>
  yalu(args, { YALU_DB: join(dir, "unused.duckdb"), ...env });

/** Start `yalu serve` on the database; resolves with its URL once it prints it. */
function serve(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["bin/yalu.js", "serve", "--db", db, "--port", "0", "--no-web"], {
    env: { ...process.env, YALU_TOKEN: TOKEN },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d) => {
      out += d;
      const m = /(http:\/\/\S+)\n/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", () => resolve())));

const row = (id: string, date: string, a: string, b: string, cameo: string) =>
  gdeltLine({ GLOBALEVENTID: id, SQLDATE: date, Actor1Code: a, Actor2Code: b, EventCode: cameo }, 2);

const file = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
};

const stats = async () => {
  const r = await run(["stats", "--json", "--db", db]);
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as { events: number; location: string };
};

beforeAll(async () => {
  ({ child: server, url } = await serve());
}, 120_000);
afterAll(async () => {
  if (server.exitCode === null) {
    server.kill("SIGTERM");
    await exited(server);
  }
  rmSync(dir, { recursive: true, force: true });
});

describe("the CLI beside a running server on the same DuckDB file", () => {
  it("the server announces itself beside the database", () => {
    const note = JSON.parse(readFileSync(sidecarPath(db), "utf8"));
    expect(note).toMatchObject({ url, pid: server.pid, database: db });
  });

  it("reads and imports through the server's API, at once, losing nothing", async () => {
    const a = file("a.CSV", [
      row("1", "20130212", "CHNGOV", "PRKGOV", "112"),
      row("2", "20180326", "PRK", "CHN", "042"),
    ]);
    const b = file("b.CSV", [row("3", "20190620", "CHNGOV", "PRKGOV", "042")]);
    const env = { YALU_TOKEN: TOKEN };
    const [ia, ib, s] = await Promise.all([
      run(["import", a, "--db", db], env),
      run(["import", b, "--db", db], env),
      run(["stats", "--db", db]),
    ]);
    expect([ia.code, ia.stdout, ia.stderr]).toEqual([0, "inserted 2, duplicates 0\n", ""]);
    expect([ib.code, ib.stdout]).toEqual([0, "inserted 1, duplicates 0\n"]);
    expect(s.code).toBe(0);
    expect(s.stdout).toContain(`through yalu serve, process ${server.pid}`);
    expect((await stats()).events).toBe(3);

    const events = await run(["events", "--dyad", "CHN-PRK", "--from", "2018", "--json", "--db", db]);
    expect(events.code).toBe(0);
    const dates = events.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).date);
    expect(dates).toEqual(["2018-03-26", "2019-06-20"]);
    const table = await run(["events", "--actor", "USA", "--db", db]);
    expect(table.stdout).toMatch(/^0 events$/m);

    const out = join(dir, "out.csv");
    const exp = await run(["export", "--out", out, "--db", db]);
    expect(exp.code).toBe(0);
    expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(4);

    const claims = file("claims.yaml", ["- {dyad: CHN-PRK, period: 2013, claim: deteriorated}"]);
    const check = await run(["check", claims, "--json", "--db", db]);
    expect([check.code, check.stderr]).toEqual([0, ""]);
    expect(JSON.parse(check.stdout)).toHaveLength(1);

    for (const args of analyses) {
      const r = await run([...args, db]);
      expect([r.code, r.stderr]).toEqual([0, ""]);
      served.push(r.stdout);
    }
  }, 120_000);

  it("a write without the token fails naming the server and the two ways out; a bad row stores nothing", async () => {
    const c = file("c.CSV", [row("4", "20200101", "CHN", "PRK", "042")]);
    const r = await run(["import", c, "--db", db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`held by yalu serve (process ${server.pid}) at ${url}`);
    expect(r.stderr).toContain("YALU_TOKEN");
    expect(r.stderr).toContain("stop the server");
    const wrong = await run(["import", c, "--db", db], { YALU_TOKEN: "nope" });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("missing or wrong bearer token");

    const bad = file("bad.CSV", [
      row("5", "20200102", "CHN", "PRK", "042"),
      row("6", "20200103", "CHN", "PRK", "99x"),
    ]);
    const b = await run(["import", bad, "--db", db], { YALU_TOKEN: TOKEN });
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('invalid CAMEO code "99x"');
    expect((await stats()).events).toBe(3);
  }, 120_000);

  it("a second server, and what the API cannot answer, are refused naming the running server", async () => {
    const second = await run(["serve", "--db", db, "--port", "0", "--no-web"]);
    expect([second.code, second.stderr]).toEqual([
      1,
      `yalu: the record ${db} is already served by process ${server.pid} at ${url}: use that server, or stop it first\n`,
    ]);
    const derive = await run(["forecast", "china-dprk", "--derive", "--db", db]);
    expect(derive.code).toBe(1);
    expect(derive.stderr).toContain(`is not available through yalu serve (process ${server.pid}) at ${url}`);
  }, 60_000);

  it("a file locked by a process that announced no server: a message naming it", async () => {
    const note = readFileSync(sidecarPath(db), "utf8");
    unlinkSync(sidecarPath(db));
    try {
      const r = await run(["stats", "--db", db]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`the database ${db} is in use by process ${server.pid}`);
      expect(r.stderr).toContain("stop that process");
    } finally {
      writeFileSync(sidecarPath(db), note);
    }
  }, 60_000);

  it("after the server stops, its note is gone and the CLI opens the file with everything in it", async () => {
    server.kill("SIGTERM");
    await exited(server);
    expect(existsSync(sidecarPath(db))).toBe(false);
    const s = await stats();
    expect(s).toMatchObject({ events: 3, location: db });
    // Phases and indicators through the server were those of the file itself (three events, one a
    // year: too few to call a phase, which both say).
    expect(JSON.parse(served[0]).thin).toMatch(/^too few events to call a phase/);
    for (const [i, args] of analyses.entries()) expect((await run([...args, db])).stdout).toBe(served[i]);
  }, 60_000);

  it("a note left by a killed server is stale: detected by its process, removed", async () => {
    const dead = spawn(process.execPath, ["-e", ""]);
    await exited(dead);
    writeFileSync(
      sidecarPath(db),
      JSON.stringify({ url: "http://localhost:1/", pid: dead.pid, database: db }),
    );
    expect((await stats()).events).toBe(3);
    expect(existsSync(sidecarPath(db))).toBe(false);
  }, 60_000);
});

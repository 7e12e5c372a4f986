import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

// The compiled build (dist/, made by `npm run build`; the test setup builds it when stale), run as
// `yalu` and `npm start` run it: data files it finds relative to its own modules must be there.
const DIST = resolve("dist");
const dir = mkdtempSync(join(tmpdir(), "yalu-build-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * `node bin/yalu.js …` with the default database (the user data directory's, loaded with the
 * flagship on first use; one named by $YALU_DB starts empty) in the temp folder.
 */
const defaultEnv = { XDG_DATA_HOME: dir, YALU_DB: "" };
async function yalu(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env, ...defaultEnv };
  return promisify(execFile)(process.execPath, ["bin/yalu.js", ...args], { env, timeout: 120_000 });
}

function jsFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(join(folder, e.name)) : e.name.endsWith(".js") ? [join(folder, e.name)] : [],
  );
}

describe("the compiled build", () => {
  it("is what yalu runs: no TypeScript, nothing on stderr", async () => {
    const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    expect(existsSync(join(DIST, "cli", "main.js"))).toBe(true);
    expect(await yalu("--version")).toEqual({ stdout: `${version}\n`, stderr: "" });
  });

  it("finds every file its modules name relative to themselves", () => {
    const paths = jsFiles(join(DIST)).flatMap((file) => {
      const code = readFileSync(file, "utf8");
      const named = [
        ...code.matchAll(/new URL\("(\.[^"]+)", import\.meta\.url\)/g),
        ...code.matchAll(/require\("(\.[^"]+)"\)/g),
      ];
      return named.map((m) => resolve(dirname(file), m[1]));
    });
    // The parser model, lexicon, roles, event sense, actors, taxonomy, scenarios, flagship, claims, web.
    expect(paths.length).toBeGreaterThanOrEqual(12);
    expect(paths.filter((p) => !existsSync(p))).toEqual([]);
    expect(paths.every((p) => !p.startsWith(`${DIST}/data`))).toBe(true);
  });

  it("parses and codes text with the shipped model, lexicon, actors and event sense", async () => {
    const story = join(dir, "story.txt");
    writeFileSync(story, "Chinese President Xi Jinping met North Korean leader Kim Jong Un in Beijing.\n");
    const parsed = await yalu("parse", story);
    expect(parsed.stdout).toContain("2\tPresident\tPresident\tPROPN");
    expect(parsed.stderr).toBe("");
    const coded = await yalu("code", story, "--doc-date", "2018-03-26", "--sense");
    const event = JSON.parse(coded.stdout.split("\n")[0]);
    expect(event).toMatchObject({ source: { country: "CHN" }, target: { country: "PRK" }, root: "04" });
    expect(coded.stderr).not.toContain("running the sources");
  });

  it("forecasts a shipped scenario and loads the flagship record on first use", async () => {
    const forecast = JSON.parse((await yalu("forecast", "china-dprk", "--json")).stdout);
    expect(forecast).toMatchObject({ scenario: "china-dprk", model: "smp" });
    expect(forecast.actors).toContain("DPRK");
    const stats = JSON.parse((await yalu("stats", "--json")).stdout);
    const flagship = readFileSync("data/flagship/events.jsonl", "utf8").trim().split("\n");
    expect(stats.events).toBe(flagship.length);
  });

  it("serves the dashboard and the API as npm start does (PORT from the environment)", async () => {
    const child = spawn(process.execPath, ["bin/yalu.js", "serve"], {
      env: { ...process.env, ...defaultEnv, PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((done) => child.once("exit", done));
    try {
      const out = await new Promise<string>((done, fail) => {
        let text = "";
        child.stdout.on("data", (d: Buffer) => {
          text += d;
          if (text.includes("http://")) done(text);
        });
        child.once("exit", (code) => fail(new Error(`yalu serve exited (${code}): ${stderr}`)));
      });
      const url = out.slice(out.indexOf("http://")).trim();
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<script type="module"');
      const brief = await fetch(`${url}api/check/brief`);
      expect(brief.status).toBe(200);
      const scenarios = await fetch(`${url}api/forecast/scenarios`);
      expect(JSON.stringify(await scenarios.json())).toContain("china-dprk");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stderr).toBe("");
  });
});

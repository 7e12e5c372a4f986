import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseFlagshipEvents, parseIndicatorCsv } from "../../src/store/flagship.ts";
import { openStore } from "../../src/store/open.ts";
import { defaultDatabase } from "../../src/store/paths.ts";

const dir = mkdtempSync(join(tmpdir(), "yalu-open-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const event = (date: string, cameo: string, url: string) =>
  JSON.stringify({
    date,
    source: { code: "CHNGOV", country: "CHN", name: "Beijing" },
    target: { code: "PRKGOV", country: "PRK", name: "Pyongyang" },
    cameo,
    description: `event of ${date}`,
    origin: "yalu",
    evidence: { citation: { publication: "Test", title: "t", date, url } },
  });
const header = "indicator,subject,series,period,value,unit,source,url,note";

function flagshipDir(name: string, events: string[], trade: string[]): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, "events.jsonl"), `${events.join("\n")}\n`);
  writeFileSync(join(d, "trade.csv"), `${[header, ...trade].join("\n")}\n`);
  return d;
}

describe("openStore", () => {
  it("defaults to $YALU_DB, else the user data directory", () => {
    expect(defaultDatabase({ YALU_DB: "/x/y.duckdb" }, "/home/u")).toBe("/x/y.duckdb");
    expect(defaultDatabase({ XDG_DATA_HOME: "/data" }, "/home/u")).toBe("/data/yalu/yalu.duckdb");
    expect(defaultDatabase({}, "/home/u")).toBe("/home/u/.local/share/yalu/yalu.duckdb");
  });

  it("creates the default database with the flagship record and updates it when it changes", async () => {
    const path = join(dir, "data", "yalu", "yalu.duckdb");
    const env = { XDG_DATA_HOME: join(dir, "data") };
    const v1 = flagshipDir(
      "v1",
      [event("1949-10-06", "057", "u1"), event("1961-07", "057", "u2")],
      ['trade,CHN-PRK,total,2019,2.8e9,USD,"Customs, China",https://example.org,'],
    );
    let store = await openStore(undefined, { env, flagshipDir: v1 });
    expect(store.location).toBe(path);
    expect(await store.countEvents({})).toBe(2);
    expect(await store.indicators({ indicator: "trade" })).toHaveLength(1);
    await store.close();

    const v2 = flagshipDir("v2", [event("1949-10-06", "057", "u1"), event("1961", "057", "u3")], []);
    store = await openStore(undefined, { env, flagshipDir: v2 });
    expect((await store.queryEvents({})).map((e) => e.date)).toEqual(["1949-10-06", "1961"]);
    await store.close();
  });

  it("does not load the flagship into a named database, by location or by $YALU_DB alike", async () => {
    const d = flagshipDir("v3", [event("1949-10-06", "057", "u1")], []);
    const store = await openStore(join(dir, "explicit.duckdb"), { flagshipDir: d });
    expect(await store.countEvents({})).toBe(0);
    await store.close();
    const env = { YALU_DB: join(dir, "by-env.duckdb") };
    const viaEnv = await openStore(undefined, { env, flagshipDir: d });
    expect(viaEnv.location).toBe(env.YALU_DB);
    expect(await viaEnv.countEvents({})).toBe(0);
    await viaEnv.close();
  });

  it("keeps a named database that holds the flagship record current, however it is named", async () => {
    const path = join(dir, "holds.duckdb");
    const v4 = flagshipDir("v4", [event("1949-10-06", "057", "u1")], []);
    const first = await openStore(path, { flagship: true, flagshipDir: v4 });
    expect(await first.countEvents({})).toBe(1);
    await first.close();
    const v5 = flagshipDir("v5", [event("1949-10-06", "057", "u1"), event("1950", "057", "u5")], []);
    const byPath = await openStore(path, { flagshipDir: v5 });
    expect(await byPath.countEvents({})).toBe(2);
    await byPath.close();
    const v6 = flagshipDir("v6", [event("1951", "057", "u6")], []);
    const byEnv = await openStore(undefined, { env: { YALU_DB: path }, flagshipDir: v6 });
    expect((await byEnv.queryEvents({})).map((e) => e.date)).toEqual(["1951"]);
    await byEnv.close();
  });

  it("replaces a flagship event whose content changed under the same id, in a database loaded before", async () => {
    const path = join(dir, "changed.duckdb");
    const v7 = flagshipDir("v7", [event("2017-09-11", "057", "u7"), event("2017-12-22", "057", "u8")], []);
    const first = await openStore(path, { flagship: true, flagshipDir: v7 });
    const [before] = await first.queryEvents({ from: "2017-09", to: "2017-09" });
    await first.close();
    const fixed = JSON.stringify({
      ...JSON.parse(event("2017-09-11", "057", "u7")),
      description: "adopted 15-0",
    });
    const v8 = flagshipDir("v8", [fixed, event("2017-12-22", "057", "u8")], []);
    const second = await openStore(path, { flagshipDir: v8 });
    const events = await second.queryEvents({});
    expect(events.map((e) => [e.id, e.description])).toEqual([
      [before.id, "adopted 15-0"],
      [events[1].id, "event of 2017-12-22"],
    ]);
    await second.close();
  });

  it("names a corrupt database file", async () => {
    const path = join(dir, "corrupt.duckdb");
    writeFileSync(path, "this is not a database, just some text that is long enough to matter".repeat(100));
    await expect(openStore(path)).rejects.toThrow(`cannot open database "${path}"`);
  });

  it("leaves a clear branch for ClickHouse URLs", async () => {
    await expect(openStore("clickhouse://localhost:8123/yalu")).rejects.toThrow("clickhouse");
  });
});

describe("flagship files", () => {
  it("names the line of a bad event", () => {
    const text = `${event("2018-03-26", "042", "a")}\n\n${event("2018-13-01", "042", "b")}\n`;
    expect(() => parseFlagshipEvents(text)).toThrow(/^events\.jsonl:3: date: invalid date/);
    expect(() => parseFlagshipEvents("{oops")).toThrow(/^events\.jsonl:1: /);
  });

  it("parses quoted CSV fields and names a bad value", () => {
    const points = parseIndicatorCsv(
      `${header}\ntrade,CHN-PRK,exports,2019,1.5e9,USD,,,"a ""quoted"", note"\n`,
    );
    expect(points).toEqual([
      {
        indicator: "trade",
        subject: "CHN-PRK",
        series: "exports",
        period: "2019",
        value: 1.5e9,
        unit: "USD",
        source: null,
        url: null,
        note: 'a "quoted", note',
      },
    ]);
    expect(() => parseIndicatorCsv(`${header}\ntrade,CHN-PRK,exports,2019,"1,5",USD,,,\n`)).toThrow(
      'trade.csv:2: column value: invalid number "1,5"',
    );
    expect(() => parseIndicatorCsv("a,b\n")).toThrow("trade.csv:1: expected header");
  });
});

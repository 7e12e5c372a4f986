import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  detectFormat,
  type FormatError,
  type FormatName,
  readEvents,
  writeEvents,
} from "../../src/formats/index.ts";
import { fromPlover } from "../../src/formats/plover.ts";
import { normalizeEvent } from "../../src/model/normalize.ts";
import { fixtureEvents } from "../store/fixtures.ts";
import { gdeltLine } from "./gdelt-lines.ts";

const dir = mkdtempSync(join(tmpdir(), "yalu-format-errors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function read(path: string, format?: FormatName, skipBad = false) {
  const bad: string[] = [];
  const events = [];
  for await (const e of readEvents(path, format, {
    skipBad,
    onBad: (err: FormatError) => bad.push(err.message),
    name: basename(path),
  })) {
    events.push(e);
  }
  return { events, bad };
}

const good = {
  GLOBALEVENTID: "1",
  SQLDATE: "20130212",
  Actor1Code: "CHN",
  Actor2Code: "PRK",
  EventCode: "112",
};

describe("a malformed row names file, line and column", () => {
  it("GDELT: bad CAMEO code, bad date, wrong column count", async () => {
    const path = file(
      "events.CSV",
      [
        gdeltLine(good, 2),
        gdeltLine({ ...good, EventCode: "99x" }, 2),
        gdeltLine({ ...good, SQLDATE: "20131301" }, 2),
        "1\t2\t3",
        gdeltLine({ ...good, GoldsteinScale: "high" }, 2),
      ].join("\n"),
    );
    await expect(read(path)).rejects.toThrow('events.CSV:2: column EventCode: invalid CAMEO code "99x"');
    const { events, bad } = await read(path, undefined, true);
    expect(events).toHaveLength(1);
    expect(bad).toEqual([
      'events.CSV:2: column EventCode: invalid CAMEO code "99x"',
      'events.CSV:3: column SQLDATE: invalid date "2013-13-01"',
      "events.CSV:4: expected 61 columns, found 3",
      'events.CSV:5: column GoldsteinScale: invalid Goldstein score "high"',
    ]);
  });

  it("CSV: names the column and value, counting lines inside quoted fields", async () => {
    const csvPath = join(dir, "ok.csv");
    await writeEvents(fixtureEvents().slice(0, 2), "csv", csvPath);
    const text = (await import("node:fs")).readFileSync(csvPath, "utf8");
    const lines = text.trimEnd().split("\n");
    const bad = lines[1].replace(",112,", ",99x,");
    const path = file("events.csv", [lines[0], '"x",2013,,,"A\nB",,,,,,040', bad, lines[2]].join("\n"));
    const { events, bad: errors } = await read(path, undefined, true);
    expect(events).toHaveLength(1);
    expect(errors).toEqual([
      "events.csv:2: expected 26 columns, found 11",
      'events.csv:4: column cameo: CAMEO code must be 2 to 4 digits, got "99x"',
    ]);
  });

  it("JSON Lines: invalid JSON and a bad field", async () => {
    const ok = JSON.stringify(fixtureEvents()[0]);
    const path = file(
      "events.jsonl",
      [ok, "{not json", JSON.stringify({ ...fixtureEvents()[1], date: "2013-13" })].join("\n"),
    );
    await expect(read(path)).rejects.toThrow(/^events\.jsonl:2: invalid JSON/);
    const { bad } = await read(path, undefined, true);
    expect(bad[1]).toBe("events.jsonl:3: column date: invalid date");
  });

  it("PLOVER: unknown event type", async () => {
    const rec = {
      date: "2018-03-26",
      source: [{ code: "PRK", sector: "GOV" }],
      target: [{ code: "CHN" }],
      event: "HUG",
    };
    const path = file("events.json", JSON.stringify([rec, { ...rec, event: "CONSULT" }]));
    await expect(read(path)).rejects.toThrow('events.json:1: column event: unknown PLOVER event type "HUG"');
  });

  it("a file of another format is rejected, not misread", async () => {
    const path = file("events.tab", "Event ID\tEvent Date\n1\t2018-01-01\n");
    await expect(read(path)).rejects.toThrow("events.tab:2: expected 20 or 21 columns, found 2");
    await expect(read(file("x.csv", "hello,world\n"))).rejects.toThrow("cannot tell the format");
  });
});

describe("PLOVER records", () => {
  it("maps a PLOVER record to an event via the CAMEO table", () => {
    const input = fromPlover({
      id: "GSR-1",
      date: "2000-01-01",
      source: [{ actorText: "Portugal", code: "PRT" }],
      target: [{ actorText: "U.N. Security Council", code: "IGO", sector: "GOV" }],
      event: "AGREE",
      mode: "",
      context: "",
      text: "Portugal will support the resolution.",
      publication: "Test",
    });
    const e = normalizeEvent(input);
    expect(e).toMatchObject({
      source: { code: "PRT", country: "PRT", name: "Portugal" },
      target: { code: "IGOGOV", country: null },
      plover: "AGREE",
      root: "03",
      evidence: { docId: "GSR-1", sentence: "Portugal will support the resolution." },
    });
    expect(
      fromPlover({ date: "2000-01-01", source: [{ code: "USA" }], target: "", event: "AGREE" }),
    ).toBeNull();
  });
});

describe("format detection", () => {
  it("by extension and first line", async () => {
    await writeEvents(fixtureEvents(), "csv", join(dir, "d.csv.gz"));
    await writeEvents(fixtureEvents(), "gdelt1", join(dir, "d.export.CSV"));
    await writeEvents(fixtureEvents(), "gdelt2", join(dir, "d2.export.CSV.zip"));
    await writeEvents(fixtureEvents(), "icews", join(dir, "d.tab"));
    await writeEvents(fixtureEvents(), "plover", join(dir, "d.json"));
    await writeEvents(fixtureEvents(), "jsonl", join(dir, "d.jsonl"));
    await writeEvents(fixtureEvents(), "parquet", join(dir, "d.parquet"));
    const detected = await Promise.all(
      ["d.csv.gz", "d.export.CSV", "d2.export.CSV.zip", "d.tab", "d.json", "d.jsonl", "d.parquet"].map((f) =>
        detectFormat(join(dir, f)),
      ),
    );
    expect(detected).toEqual(["csv", "gdelt1", "gdelt2", "icews", "plover", "jsonl", "parquet"]);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { fractionDate } from "../../src/formats/dates.ts";
import { detectFormat, readEvents } from "../../src/formats/index.ts";
import { MAX_EXPANSION, MAX_LINE } from "../../src/formats/lines.ts";
import type { FormatName } from "../../src/formats/options.ts";
import { petrarchDate } from "../../src/formats/petrarch-xml.ts";
import type { Event } from "../../src/model/event.ts";
import { normalizeEvent } from "../../src/model/normalize.ts";
import { fixtureEvents } from "../store/fixtures.ts";

// Inputs that used to change data silently, crash or hang: each is read whole or refused with a
// message naming the file (and the line and byte where there is one).
const dir = mkdtempSync(join(tmpdir(), "yalu-inputs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, data: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};
const all = async (path: string, format?: FormatName) => {
  const out: Event[] = [];
  for await (const e of readEvents(path, format)) out.push(e);
  return out;
};
/** The events as Yalu's JSON Lines. */
const jsonl = (events: Event[]) => `${events.map((e) => JSON.stringify(e)).join("\n")}\n`;
const EVENTS = fixtureEvents();

describe("format detection", () => {
  it("reads a .jsonl written with spaces after colons and commas (Python's json) as Yalu events", async () => {
    // A first event with its evidence: the PLOVER reader would drop docId, sentence and offsets.
    const spaced = EVENTS.map((e) => JSON.stringify(e).replace(/":/g, '": ').replace(/,"/g, ', "'));
    expect(spaced[0]).toContain('"source": {"code"');
    const path = file("python.jsonl", `${spaced.join("\n")}\n`);
    expect(await detectFormat(path)).toBe("jsonl");
    expect(await all(path)).toEqual(EVENTS);
  });

  it("tells PLOVER records by their event type, however they are spaced", async () => {
    const plover = { id: "p1", date: "2020-01-02", source: { code: "CHN" }, target: "PRK", event: "CONSULT" };
    const path = file("plover.jsonl", `${JSON.stringify(plover, null, 0).replace(/":/g, '": ')}\n`);
    expect(await detectFormat(path)).toBe("plover");
    const [e] = await all(path);
    expect(e.plover).toBe("CONSULT");
    expect(e.evidence?.docId).toBe("p1");
  });
});

describe("archives", () => {
  const text = new TextEncoder().encode(jsonl(EVENTS));

  it("reads a .zip whose first entry is a folder from the file after it", async () => {
    const path = file("folder.jsonl.zip", zipSync({ "events/": new Uint8Array(0), "events/a.jsonl": text }));
    expect(await all(path)).toEqual(EVENTS);
  });

  it("names a .zip entry compressed with bzip2, and a .zip cut short", async () => {
    const zip = zipSync({ "a.jsonl": [text, { level: 0 }] });
    const bzip2 = Uint8Array.from(zip);
    const view = new DataView(bzip2.buffer);
    // The compression method: at byte 8 of the local header and 10 of the central directory's.
    view.setUint16(8, 12, true);
    let central = bzip2.length - 4;
    while (view.getUint32(central, true) !== 0x02014b50) central--;
    view.setUint16(central + 10, 12, true);
    const bz = file("bzip2.jsonl.zip", bzip2);
    await expect(all(bz)).rejects.toThrow(`${bz}: "a.jsonl" is compressed with bzip2 (method 12)`);
    const deflated = zipSync({ "a.jsonl": text });
    const cut = file("cut.jsonl.zip", deflated.subarray(0, Math.floor(deflated.length / 2)));
    await expect(all(cut)).rejects.toThrow(new RegExp(`^${cut}: (truncated|damaged) zip`));
    const none = file("none.jsonl.zip", zipSync({ "events/": new Uint8Array(0) }));
    await expect(all(none)).rejects.toThrow(`${none}: no file in the zip archive`);
  });

  it("names a truncated .gz and a .gz that is not gzip", async () => {
    const gz = gzipSync(text);
    const cut = file("cut.jsonl.gz", gz.subarray(0, gz.length - 20));
    await expect(all(cut)).rejects.toThrow(`${cut}: not a readable gzip file (unexpected end of file)`);
    const plain = file("plain.jsonl.gz", text);
    await expect(all(plain)).rejects.toThrow(new RegExp(`^${plain}: not a readable gzip file`));
  });

  it("refuses a decompression bomb: a small .gz of one huge line", async () => {
    const bomb = gzipSync(Buffer.alloc(100 * 2 ** 20, "a"), { level: 9 });
    expect(bomb.length).toBeLessThan(200_000);
    const path = file("bomb.jsonl.gz", bomb);
    await expect(all(path)).rejects.toThrow(
      new RegExp(`^${path}: expands more than ${MAX_EXPANSION}-fold .*: refused as a decompression bomb$`),
    );
  });
});

describe("text", () => {
  it("names the line of a line longer than the limit", async () => {
    const path = file("long.jsonl", `${jsonl(EVENTS.slice(0, 2))}${"x".repeat(MAX_LINE + 1)}\n`);
    await expect(all(path)).rejects.toThrow(`${path}: line 3 is longer than ${MAX_LINE} characters`);
  });

  it("names file, line and byte of invalid UTF-8 in JSON Lines and GDELT, never U+FFFD", async () => {
    const good = Buffer.from(jsonl(EVENTS.slice(0, 2)));
    const prefix = Buffer.from('{"date": "2020-01-01", "description": "caf');
    const path = file("latin1.jsonl", Buffer.concat([good, prefix, Buffer.from([0xe9, 0x22, 0x7d])]));
    await expect(all(path)).rejects.toThrow(
      `${path}: invalid UTF-8 at line 3, byte ${good.length + prefix.length}`,
    );
    const row = Buffer.from("1\t20200101\t");
    const tsv = file("bad.export.CSV", Buffer.concat([row, Buffer.from([0xff]), Buffer.from("\n")]));
    await expect(all(tsv, "gdelt2")).rejects.toThrow(`${tsv}: invalid UTF-8 at line 1, byte ${row.length}`);
  });
});

describe("years before 100", () => {
  it("are read as written in PETRARCH dates and FractionDates, not as 19xx", () => {
    expect(petrarchDate("0050-02-28")).toBe("0050-02-28");
    expect(petrarchDate("00480229")).toBe("0048-02-29");
    expect(petrarchDate("00490229")).toBeNull();
    const e = normalizeEvent({
      date: "0050-03-01",
      source: { code: "CHN" },
      target: { code: "PRK" },
      cameo: "042",
    });
    expect(Number(fractionDate(e.date, "day"))).toBeCloseTo(50 + 60 / 365, 4);
    expect(fractionDate("0050", "year")).toBe("50");
  });
});

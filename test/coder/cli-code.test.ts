import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { runCode } from "../../src/cli/code.ts";

const dir = mkdtempSync(join(tmpdir(), "yalu-code-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Run `yalu code` in-process; returns what it wrote to stdout and stderr. */
async function run(path: string, opts: Parameters<typeof runCode>[1] = {}, stdin = "") {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => {
    out += d;
  });
  stderr.on("data", (d) => {
    err += d;
  });
  await runCode(path, opts, { stdin: Readable.from([Buffer.from(stdin)]), stdout, stderr });
  return { out, err };
}

/** The events of document `text` (written to `name`, dated `docDate`) as "SOURCE TARGET CAMEO". */
async function dyads(name: string, text: string, docDate: string): Promise<string[]> {
  const { out } = await run(file(name, text), { docDate, format: "tsv" });
  return out
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split("\t").slice(3, 6).join(" "));
}

const news = "Seoul, 3 May 2024. Japan condemned Russia on Monday. Beijing and Moscow signed a trade deal.\n";

describe("yalu code", () => {
  it("says so when the document has no date and its undated sentences give no events", async () => {
    const undated = file("undated.txt", "Japan condemned Russia. China criticised the United States.\n");
    const plain = await run(undated);
    expect(plain.out).toBe("");
    expect(plain.err).toMatch(/no document date .*--doc-date or --published/);
    const dated = await run(undated, { docDate: "2024-05-06" });
    expect(dated.out.trim().split("\n")).toHaveLength(2);
    expect(dated.err).not.toMatch(/no document date/);
  });

  it("codes no standing position stated in the present in a document's body, but a statement's own words", async () => {
    const rows = await dyads(
      "stance.txt",
      "China imposed sanctions on U.S. companies on Tuesday.\n\nTaiwan rejects China's sovereignty claims. The DPRK strongly denounces and rejects the act of the U.S.\n",
      "2024-12-10",
    );
    expect(rows).toContain("CHN USABUS 163");
    expect(rows).not.toContain("TWN CHN 120");
    expect(rows).toContain("PRK USA 120");
  });

  it("reads a reply to the last event's act, by its target, as directed at its source", async () => {
    const rows = await dyads(
      "reply.txt",
      "Tokyo lodged a protest with Beijing on Monday.\n\nChina rejected the protest.\n",
      "2024-11-13",
    );
    expect(rows).toEqual(["JPNGOV CHNGOV 114", "CHN JPNGOV 120"]);
  });

  it("reads 'the two ministers' as the pair of the last event", async () => {
    const rows = await dyads(
      "pair.txt",
      "Japan met China in Lima on Monday. The two ministers agreed to keep communicating.\n",
      "2024-11-13",
    );
    expect(rows).toEqual(["JPN CHN 040", "JPN CHN 030", "CHN JPN 030"]);
  });

  it("knows a titled person the registry lacks by surname in later sentences", async () => {
    const rows = await dyads(
      "babis.txt",
      "Czech Prime Minister Andrej Babis met German Chancellor Olaf Scholz on Monday.\n\nBabis criticised the European Commission.\n",
      "2024-05-06",
    );
    expect(rows).toEqual(["CZEGOV DEUGOV 040", "CZEGOV IGOEUREEC 110"]);
  });

  it("writes JSON Lines events with evidence", async () => {
    const { out, err } = await run(file("news.txt", news), { docDate: "2024-05-08" });
    const events = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(events.map((e) => `${e.source.code} ${e.target.code} ${e.cameo} ${e.date}`)).toEqual([
      "JPN RUS 111 2024-05-06",
      "CHNGOV RUSGOV 057 2024-05-08",
      "RUSGOV CHNGOV 057 2024-05-08",
    ]);
    const sentence = "Japan condemned Russia on Monday.";
    expect(events[0].evidence).toMatchObject({
      docId: "news.txt",
      sentence,
      start: news.indexOf(sentence),
      end: news.indexOf(sentence) + sentence.length,
    });
    expect(err).toMatch(/coded 3 sentences → 3 events/);
  });

  it("writes TSV with a header and GDELT 2.0 rows of 61 columns, reading standard input", async () => {
    const tsv = await run("-", { format: "tsv", docDate: "2024-05-08" }, news);
    expect(tsv.out.split("\n")[0]).toMatch(/^id\tdate\tprecision\tsource\ttarget\tcameo/);
    expect(tsv.out.trim().split("\n")).toHaveLength(4);
    const gdelt = await run("-", { format: "gdelt2", docDate: "2024-05-08" }, news);
    const rows = gdelt.out.trim().split("\n");
    expect(rows).toHaveLength(3);
    expect(rows[0].split("\t")).toHaveLength(61);
  });

  it("stores the events with --store, once however often it runs", async () => {
    const path = file("store.txt", news);
    const db = join(dir, "events.duckdb");
    expect((await run(path, { docDate: "2024-05-08", store: true, db })).err).toMatch(
      /stored 3 new, 0 already present/,
    );
    const again = await run(path, { docDate: "2024-05-08", store: true, db });
    expect(again.out).toBe("");
    expect(again.err).toMatch(/stored 0 new, 3 already present/);
  });

  it("fills the citation from --url, --title, --publication and --published, which dates the document", async () => {
    const cited = {
      url: "https://example.org/harbour",
      title: "Tokyo Protests",
      publication: "The Harbour Times",
      published: "2024-05-09",
    };
    const { out, err } = await run(file("cited.txt", news), cited);
    const events = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(events[0].evidence.citation).toEqual({
      publication: "The Harbour Times",
      title: "Tokyo Protests",
      date: "2024-05-09",
      url: "https://example.org/harbour",
    });
    expect(events[0].evidence.docId).toBe("https://example.org/harbour");
    // "on Monday" counts back from the publication date, not from the header's 3 May.
    expect(events.map((e) => `${e.date} ${e.publicationDate}`)).toEqual([
      "2024-05-06 2024-05-09",
      "2024-05-09 2024-05-09",
      "2024-05-09 2024-05-09",
    ]);
    expect(err).toMatch(/document date 2024-05-09/);
    const dated = await run(file("cited.txt", news), { ...cited, docDate: "2024-05-08" });
    expect(JSON.parse(dated.out.split("\n")[0]).date).toBe("2024-05-06");
    expect(JSON.parse(dated.out.split("\n")[1])).toMatchObject({
      date: "2024-05-08",
      publicationDate: "2024-05-09",
    });
    await expect(run(file("cited.txt", news), { published: "9 May 2024" })).rejects.toThrow(
      /invalid --published "9 May 2024" \(expected YYYY-MM-DD\)/,
    );
    await expect(run(file("cited.txt", news), { url: "harbour" })).rejects.toThrow(/invalid --url "harbour"/);
  });

  it("stores an article once, coded with and without footnotes under one --url", async () => {
    const db = join(dir, "cited.duckdb");
    const opts = { url: "https://example.org/r", published: "2024-05-08", store: true, db };
    const noted = news.replace("Monday.", "Monday.¹") + '\n¹ A. Writer, "Notes", Nikkei Asia, 7 May 2024.\n';
    expect((await run(file("r.txt", news), opts)).err).toMatch(/stored 3 new, 0 already present/);
    expect((await run(file("r-notes.txt", noted), opts)).err).toMatch(/stored 0 new, 3 already present/);
  });

  const dicts = "../shared/reference/eventdata/petrarch2/dictionaries/PETR.Validate";
  it.skipIf(!existsSync(`${dicts}.verbs.txt`))(
    "codes with PETRARCH dictionaries given --dictionaries (skips without ../shared)",
    async () => {
      const xml =
        '<Sentences><Sentence date="19950101" id="T1"><Text>Arnor is about to restore full diplomatic ties with Gondor.</Text></Sentence></Sentences>';
      const { out } = await run(file("unit.xml", xml), { dictionaries: dicts });
      expect(JSON.parse(out.trim())).toMatchObject({
        source: { code: "ARN" },
        target: { code: "GON" },
        cameo: "064",
      });
    },
  );

  it("rejects bad flags with a usage error", async () => {
    await expect(run(file("a.txt", news), { docDate: "2024-13-01" })).rejects.toThrow(
      /invalid --doc-date "2024-13-01"/,
    );
    await expect(run(file("a.txt", news), { format: "xml" })).rejects.toThrow(/invalid --format "xml"/);
    await expect(run(join(dir, "missing.txt"))).rejects.toThrow(/missing\.txt: no such file/);
  });
});

describe("yalu code on bad input", () => {
  it("refuses a binary file", async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 37) % 256);
    await expect(run(file("blob.bin", bytes))).rejects.toThrow(/blob\.bin: binary file, not text/);
  });

  it("names the line and byte of invalid UTF-8", async () => {
    const bytes = Buffer.concat([
      Buffer.from("China condemned Japan.\nok\n"),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(" x\n"),
    ]);
    await expect(run(file("latin.txt", bytes))).rejects.toThrow(
      /latin\.txt: invalid UTF-8 at line 3, byte 26/,
    );
  });

  it("gives a clean empty result for an empty or blank input", async () => {
    const r = await run(file("empty.txt", ""));
    expect(r.out).toBe("");
    expect(r.err).toMatch(/empty input, no events/);
    expect((await run(file("blank.txt", "\n\n   \n"))).out).toBe("");
  });

  it("codes a 50 MB single line without running out of memory or time", { timeout: 180_000 }, async () => {
    const words = "the talks went on and on without end while delegates waited ";
    const line = words.repeat(Math.ceil((50 * 1024 * 1024) / words.length));
    const r = await run(file("long.txt", line));
    expect(r.out).toBe("");
    expect(r.err).toMatch(/over 3000 characters: not coded/);
  });

  it("reports broken PETRARCH XML with file and line", async () => {
    const xml = '<Sentences>\n<Sentence date="20200101" id="a">\n<Text>Japan condemned China.</Text>\n';
    await expect(run(file("broken.xml", xml))).rejects.toThrow(/broken\.xml:2: <Sentence> is never closed/);
    const bad = '<Sentences>\n<Sentence date="2020" id="b"><Text>x</Text></Sentence>\n</Sentences>';
    await expect(run(file("date.xml", bad))).rejects.toThrow(/date\.xml:2: invalid date "2020"/);
  });

  it("reads YYMMDD record dates, names a bad record, and skips it with --skip-bad", async () => {
    const xml = [
      "<Sentences>",
      '<Sentence date="121108" id="OK-1"><Text>Japan condemned Russia.</Text></Sentence>',
      '<Sentence date="1211" id="AFP-1"><Text>Japan condemned China.</Text></Sentence>',
      '<Sentence date="121109" id="OK-2"><Text>Russia condemned Japan.</Text></Sentence>',
      "</Sentences>",
    ].join("\n");
    const path = file("mixed.xml", xml);
    await expect(run(path)).rejects.toThrow('mixed.xml:3: invalid date "1211" in record "AFP-1"');
    const r = await run(path, { skipBad: true });
    const events = r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(events.map((e) => `${e.evidence.docId} ${e.date}`)).toEqual([
      "OK-1 2012-11-08",
      "OK-2 2012-11-09",
    ]);
    expect(r.err).toMatch(/mixed\.xml:3: invalid date "1211" in record "AFP-1" .*: skipped/);
    expect(r.err).toMatch(/1 bad records skipped/);
  });

  it("dates an undated PETRARCH XML record by --published (or --doc-date)", async () => {
    const xml = '<Sentences><Sentence id="U-1"><Text>Japan condemned Russia.</Text></Sentence></Sentences>';
    const path = file("undated.xml", xml);
    expect((await run(path)).out).toBe("");
    const r = await run(path, { published: "2012-11-08" });
    expect(JSON.parse(r.out)).toMatchObject({ date: "2012-11-08", publicationDate: "2012-11-08" });
  });
});

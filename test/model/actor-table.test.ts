import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { shippedRegistry } from "../../src/formats/actor-data.ts";
import { ActorTable, formatActorTable } from "../../src/model/actor-table.ts";

const countryOf = (code: string) =>
  /^[A-Z]{3}/.test(code) && !code.startsWith("IGO") ? code.slice(0, 3) : null;

describe("actor table format", () => {
  const text = formatActorTable(
    ["made up for a test"],
    [
      {
        kind: "person",
        code: "FROELI",
        roles: [
          { code: "FROGOV", from: "2001-02-03", to: null },
          { code: "FROELI", from: null, to: "2001-02-02" },
        ],
        forms: ["bilbo baggins", "baggins"],
      },
      { kind: "state", code: "FRO", roles: [], forms: ["hobbiton"] },
      { kind: "agent", code: "UAF", roles: [], forms: ["orc", "orcs"] },
    ],
  );

  it("writes a header and one line per row", () => {
    expect(text.split("\n")).toEqual([
      "# made up for a test",
      "p\tFROELI\tFROGOV:20010203-,FROELI:-20010202\tbilbo baggins|baggins",
      "s\tFRO\t\thobbiton",
      "a\tUAF\t\torc|orcs",
      "",
    ]);
  });

  it("reads entries back, built when asked for", () => {
    const t = new ActorTable(text, "t.tsv", "t", "test table", countryOf);
    expect(t.size).toBe(3);
    expect([...t.forms()]).toEqual([
      ["bilbo baggins", 0],
      ["baggins", 0],
      ["hobbiton", 1],
      ["orc", 2],
      ["orcs", 2],
    ]);
    expect(t.entry(0)).toEqual({
      id: "t-1",
      kind: "person",
      code: "FROELI",
      country: "FRO",
      name: "Bilbo Baggins",
      aliases: ["baggins"],
      generated: true,
      roles: [
        { code: "FROGOV", title: "test table", from: "2001-02-03", to: null, source: "test table" },
        { code: "FROELI", title: "test table", from: null, to: "2001-02-02", source: "test table" },
      ],
    });
    expect(t.entry(2).country).toBeNull();
    expect(t.isAgent(2)).toBe(true);
    expect(t.rowOf("t-2")).toBe(1);
    expect(t.rowOf("t-9")).toBe(-1);
    expect(t.rowOf("u-1")).toBe(-1);
  });

  it("names the file and line of a malformed row", () => {
    expect(() => new ActorTable("# h\nx\tFRO\t\thobbiton\n", "bad.tsv", "b", "s", countryOf)).toThrow(
      "bad.tsv:2: malformed actor table line",
    );
    expect(() => new ActorTable("s\tFRO\t\n", "bad.tsv", "b", "s", countryOf)).toThrow("bad.tsv:1");
  });
});

describe("the registry with the generated Phoenix table", () => {
  const reg = shippedRegistry();

  it("resolves a date-restricted entry by the date", () => {
    expect(reg.lookup("Sali Berisha", "1990-06-01")?.code).toBe("ALBELI");
    expect(reg.lookup("Sali Berisha", "1995-06-01")?.code).toBe("ALBGOV");
    expect(reg.lookup("Sali Berisha", "2000-06-01")?.code).toBe("ALBELI");
    expect(reg.lookup("sali  berisha", "2006-06-01")?.code).toBe("ALBGOV");
    expect(reg.entry(reg.lookup("Sali Berisha")!.entryId)?.generated).toBe(true);
  });

  it("leaves every form the hand-written registry has to it", () => {
    expect(reg.lookup("Kabul")).toMatchObject({ code: "AFGGOV", entryId: "afg", via: "capital" });
    expect(reg.candidates("Afghanistan").map((e) => e.id)).toEqual(["afg"]);
    expect(reg.lookup("Helmand")).toMatchObject({ code: "AFG", country: "AFG" });
    for (const id of reg.generatedForms().values()) expect(id).toMatch(/^phoenix-\d+$/);
    expect(reg.generatedForms().has("afghanistan")).toBe(false);
  });

  it("keeps the generated table's codes in Yalu's tables", () => {
    const generated = reg.entries().filter((e) => e.generated);
    expect(generated.length).toBeGreaterThan(20000);
    for (const e of generated) {
      expect(reg.codes().isKnown(e.code), e.id).toBe(true);
      for (const r of e.roles ?? []) expect(reg.codes().isKnown(r.code), e.id).toBe(true);
    }
  });
});

const DICTS = "../shared/reference/eventdata/petrarch2/dictionaries";
const present = existsSync(DICTS);
if (!present) console.warn(`skipping the generated-table check: ${DICTS} is absent`);

describe.skipIf(!present)("data/actors/generated/phoenix.tsv (../shared, skipped when absent)", () => {
  it("is what scripts/build-actors.ts builds from the Phoenix dictionaries", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "scripts/build-actors.ts", "--check"], {
      encoding: "utf8",
    });
    expect(out).toMatch(/is up to date/);
  }, 60_000);
});

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  ACTOR_DATA_DIR,
  loadActorData,
  shippedActorData,
  shippedRegistry,
} from "../../src/formats/actor-data.ts";
import { ActorDataError, ActorRegistry, surfaceKey } from "../../src/model/actors.ts";

/** UN member states (193) by ISO 3166-1 alpha-3, from the UN's member-states list. */
const UN_MEMBERS =
  "AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE".split(
    " ",
  );

const reg = shippedRegistry();
let dirs: string[] = [];

/** A copy of data/actors in a temporary directory, with `file` replaced by `text`. */
function withFile(file: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "yalu-actors-"));
  dirs.push(dir);
  cpSync(ACTOR_DATA_DIR, dir, { recursive: true });
  writeFileSync(join(dir, file), text);
  return dir;
}

afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe("actor tables", () => {
  it("cover every UN member state plus Taiwan, Kosovo and Palestine, with names", () => {
    expect(UN_MEMBERS).toHaveLength(193);
    for (const code of [...UN_MEMBERS, "TWN", "KSV", "PSE"]) {
      expect(reg.countryName(code), code).toBeTruthy();
    }
  });

  it("give every state a name and a demonym or capital; the six states all three", () => {
    const states = reg.entries().filter((e) => e.kind === "state" && !e.generated);
    for (const s of states) {
      expect((s.demonyms ?? []).length + (s.capitals ?? []).length, s.id).toBeGreaterThan(0);
    }
    for (const code of ["CHN", "PRK", "KOR", "USA", "JPN", "RUS"]) {
      const s = reg.byCode(code)!;
      expect(s.aliases.length, code).toBeGreaterThan(0);
      expect(s.demonyms!.length, code).toBeGreaterThan(0);
      expect(s.capitals!.length, code).toBeGreaterThan(0);
      const people = reg
        .entries()
        .filter((e) => e.kind === "person" && e.roles?.some((r) => r.code === `${code}GOV`));
      expect(people.length, `${code} office holders`).toBeGreaterThanOrEqual(5);
    }
  });

  it("have no surface form claimed by two entries unless shared-forms.yaml lists it", () => {
    expect(reg.conflicts()).toEqual([]);
  });

  it("give every role a source and a start date (the hand-written entries)", () => {
    for (const e of reg.entries().filter((x) => !x.generated)) {
      for (const r of e.roles ?? []) {
        expect(r.source.length, `${e.id} ${r.title}`).toBeGreaterThan(0);
        expect(r.from, `${e.id} ${r.title}`).not.toBeNull();
      }
    }
  });

  it("list every form once per entry in surfaceForms, flagging acronyms", () => {
    const forms = reg.surfaceForms();
    const pyongyang = forms.find((f) => f.text === "Pyongyang");
    expect(pyongyang).toEqual({
      text: "Pyongyang",
      entryId: "prk",
      via: "capital",
      caseSensitive: false,
      needsCapital: true,
    });
    expect(forms.find((f) => f.text === "US")?.caseSensitive).toBe(true);
    expect(forms.every((f) => surfaceKey(f.text).length > 0)).toBe(true);
  });
});

describe("validation of the data files", () => {
  it("names the file and entry id of a bad entry", () => {
    const file = join("registry", "people-prk.yaml");
    const text = readFileSync(join(ACTOR_DATA_DIR, file), "utf8").replace(
      "from: 2011-12-17",
      "from: 2011-13-17",
    );
    const dir = withFile(file, text);
    expect(() => loadActorData(dir)).toThrow(ActorDataError);
    expect(() => loadActorData(dir)).toThrow(
      /people-prk\.yaml: entry "kim-jong-un": roles\.0\.from: expected YYYY-MM-DD/,
    );
  });

  it("rejects an unknown actor code, naming the entry", () => {
    const file = join("registry", "orgs.yaml");
    const text = readFileSync(join(ACTOR_DATA_DIR, file), "utf8").replace("code: PRKMED", "code: PRKXYZ");
    expect(() => loadActorData(withFile(file, text))).toThrow(
      /orgs\.yaml: entry "prk-kcna": unknown actor code "PRKXYZ"/,
    );
  });

  it("rejects a duplicate id and a role ending before it starts", () => {
    const dup =
      "about: { title: t, sources: [s] }\nkind: state\nentries:\n  - { id: chn, code: CHN, name: China again }\n";
    expect(() => loadActorData(withFile(join("registry", "zz.yaml"), dup))).toThrow(
      /entry "chn" duplicates an id/,
    );
    const bad =
      "about: { title: t, sources: [s] }\nkind: person\nentries:\n  - id: someone\n    code: CHNELI\n    name: Someone\n    roles: [{ code: CHNGOV, title: Minister, from: 2020-01-02, to: 2020-01-01, source: s }]\n";
    expect(() => loadActorData(withFile(join("registry", "zz.yaml"), bad))).toThrow(
      /zz\.yaml: entry "someone": role "Minister" ends \(2020-01-01\) before it starts/,
    );
  });

  it("rejects malformed YAML with the file name", () => {
    expect(() => loadActorData(withFile("codes.yaml", "roles: [unclosed"))).toThrow(/codes\.yaml/);
  });
});

describe("fromEntries", () => {
  it("builds a registry over given entries with the project's tables", () => {
    const r = ActorRegistry.fromEntries(
      [
        {
          id: "x",
          kind: "person",
          code: "PRKELI",
          country: "PRK",
          name: "Test Person",
          aliases: ["T. Person"],
          roles: [{ code: "PRKGOV", title: "Minister", from: "2020-01-01", to: null, source: "test" }],
        },
      ],
      shippedActorData().tables,
    );
    expect(r.lookup("t. PERSON", "2019-12-31")?.code).toBe("PRKELI");
    expect(r.lookup("T. Person", "2020-01-01")?.code).toBe("PRKGOV");
    expect(r.countryName("PRK")).toBe("North Korea");
    expect(() => r.resolve("nobody")).toThrow(/unknown actor entry "nobody"/);
  });
});

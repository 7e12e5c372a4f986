import { describe, expect, it } from "vitest";
import { shippedActorData, shippedRegistry } from "../../src/formats/actor-data.ts";
import { ActorCodes, roleAt } from "../../src/model/actors.ts";

const reg = shippedRegistry();
const codes = new ActorCodes(shippedActorData().tables);
const parseActorCode = (code: string) => codes.parse(code);
const isKnownActorCode = (code: string) => codes.isKnown(code);

/** Code and via of a lookup, or null. */
function look(text: string, date?: string | null) {
  const r = reg.lookup(text, date);
  return r && { code: r.code, via: r.via, entryId: r.entryId };
}

describe("actor lookups", () => {
  it("resolves names and aliases of states to their country code", () => {
    expect(look("North Korea")).toEqual({ code: "PRK", via: "name", entryId: "prk" });
    expect(look("DPRK")?.code).toBe("PRK");
    expect(look("Democratic People's Republic of Korea")?.code).toBe("PRK");
    expect(look("People's Republic of China")?.code).toBe("CHN");
    expect(look("the United States")?.code).toBe("USA");
    expect(look("Republic of Korea")?.code).toBe("KOR");
    expect(look("Russian Federation")?.code).toBe("RUS");
    expect(look("Japan")?.code).toBe("JPN");
  });

  it("resolves demonyms to the country", () => {
    expect(look("North Korean")).toEqual({ code: "PRK", via: "demonym", entryId: "prk" });
    expect(look("Chinese")?.code).toBe("CHN");
    expect(look("South Korean")?.code).toBe("KOR");
    expect(look("Japanese")?.code).toBe("JPN");
    expect(look("Russian")?.code).toBe("RUS");
    expect(look("American")?.code).toBe("USA");
  });

  it("resolves capitals to the government", () => {
    expect(look("Pyongyang")).toEqual({ code: "PRKGOV", via: "capital", entryId: "prk" });
    expect(look("Beijing")?.code).toBe("CHNGOV");
    expect(look("Seoul")?.code).toBe("KORGOV");
    expect(look("Tokyo")?.code).toBe("JPNGOV");
    expect(look("Washington")?.code).toBe("USAGOV");
    expect(look("Moscow", "2020-01-01")?.code).toBe("RUSGOV");
    expect(look("Moscow", "1961-07-11")?.code).toBe("SUNGOV");
  });

  it("is case-insensitive and tolerant of hyphens, apostrophes and spacing", () => {
    for (const form of ["Kim Jong-un", "Kim Jong Un", "Kim Jong-Un", "KIM  JONG UN", "kim jong-un"]) {
      expect(reg.lookup(form, "2018-06-12")?.entryId).toBe("kim-jong-un");
    }
    expect(look("Yoon Suk-yeol")?.entryId).toBe("yoon-suk-yeol");
    expect(look("Yoon Suk Yeol")?.entryId).toBe("yoon-suk-yeol");
    expect(look("China's")?.code).toBe("CHN");
    expect(look("Cote d’Ivoire")?.code).toBe("CIV");
    expect(look("no such actor")).toBeNull();
  });

  it("resolves IGOs and media to their CAMEO codes", () => {
    expect(look("United Nations")?.code).toBe("IGOUNO");
    expect(look("UN Security Council")).toEqual({ code: "IGOUNO", via: "name", entryId: "unsc" });
    expect(look("IAEA")?.code).toBe("IGOUNOIAE");
    expect(look("NATO")?.code).toBe("IGOWSTNAT");
    expect(look("European Union")?.code).toBe("IGOEUREEC");
    expect(look("ASEAN")?.code).toBe("IGOSEAASN");
    expect(look("KCNA")?.code).toBe("PRKMED");
    expect(look("Xinhua")?.code).toBe("CHNMED");
    expect(look("Yonhap")?.code).toBe("KORMED");
    expect(look("Soviet Union")?.code).toBe("SUN");
    expect(look("Taiwan")?.code).toBe("TWN");
  });

  it("resolves generic role nouns to role codes via title", () => {
    expect(look("foreign ministry")).toEqual({
      code: "GOV",
      via: "title",
      entryId: "agent-foreign-ministry",
    });
    expect(look("troops")?.code).toBe("MIL");
    expect(look("navy")?.code).toBe("MIL");
    expect(look("police")?.code).toBe("COP");
    expect(look("rebels")?.code).toBe("REB");
    expect(look("opposition")?.code).toBe("OPP");
    expect(look("prime minister")?.code).toBe("GOV");
    expect(look("defence minister")?.code).toBe("GOVMIL");
  });
});

describe("dated roles", () => {
  it("makes Kim Jong-un government from 2011-12-17, elite before", () => {
    expect(reg.lookup("Kim Jong-un", "2011-12-16")?.code).toBe("PRKELI");
    expect(reg.lookup("Kim Jong-un", "2011-12-18")).toMatchObject({ code: "PRKGOV", via: "role" });
    expect(reg.lookup("Kim Jong-il", "2011-12-18")?.code).toBe("PRKELI");
    expect(reg.lookup("Kim Jong-il", "2005-05-01")?.code).toBe("PRKGOV");
  });

  it("settles the shared form 'Kim' by who led at the date", () => {
    expect(reg.lookup("Kim", "1980-01-01")?.entryId).toBe("kim-il-sung");
    expect(reg.lookup("Kim", "2005-01-01")?.entryId).toBe("kim-jong-il");
    expect(reg.lookup("Kim", "2018-04-27")?.entryId).toBe("kim-jong-un");
    expect(reg.lookup("Kim", null)?.entryId).toBe("kim-jong-un");
    expect(reg.lookup("Bush", "1991-01-17")?.entryId).toBe("george-h-w-bush");
    expect(reg.lookup("Bush", "2003-03-20")?.entryId).toBe("george-w-bush");
    expect(reg.lookup("Clinton", "2010-06-01")?.entryId).toBe("hillary-clinton");
  });

  it("dates Xi Jinping's posts", () => {
    expect(reg.lookup("Xi Jinping", "2007-06-01")?.code).toBe("CHNELI");
    const xi = reg.entry("xi-jinping")!;
    expect(reg.resolve("xi-jinping", "2012-11-14").code).toBe("CHNGOV");
    expect(roleAt(xi, "2012-11-14")?.title).toMatch(/Vice President/);
    expect(roleAt(xi, "2012-11-16")?.title).toMatch(/General Secretary/);
    expect(roleAt(xi, "2013-03-14")?.title).toMatch(/^President/);
    expect(reg.lookup("President Xi", "2013-04-01")).toMatchObject({ code: "CHNGOV", entryId: "xi-jinping" });
  });

  it("follows Trump's two terms", () => {
    expect(reg.lookup("Trump", "2019-06-30")?.code).toBe("USAGOV");
    expect(reg.lookup("Trump", "2022-06-30")?.code).toBe("USAELI");
    expect(reg.lookup("Trump", "2025-09-01")?.code).toBe("USAGOV");
    expect(reg.lookup("Trump", "2016-11-09")?.code).toBe("USAELI");
  });

  it("dates presidents, prime ministers and Secretaries-General", () => {
    expect(reg.lookup("Moon Jae-in", "2018-04-27")?.code).toBe("KORGOV");
    expect(reg.lookup("Moon Jae-in", "2023-01-01")?.code).toBe("KORELI");
    expect(reg.lookup("Yoon Suk Yeol", "2025-05-01")?.code).toBe("KORELI");
    expect(reg.lookup("Lee Jae-myung", "2025-06-04")?.code).toBe("KORGOV");
    expect(reg.lookup("Shigeru Ishiba", "2025-01-01")?.code).toBe("JPNGOV");
    expect(reg.lookup("Shinzo Abe", "2010-01-01")?.code).toBe("JPNELI");
    expect(reg.lookup("Putin", "2010-01-01")?.code).toBe("RUSGOV");
    expect(reg.lookup("Gorbachev", "1989-05-15")?.code).toBe("SUNGOV");
    const g = reg.lookup("António Guterres", "2024-01-01");
    expect(g).toMatchObject({ code: "IGOUNO", country: null });
    expect(reg.lookup("Ban Ki-moon", "2020-01-01")).toMatchObject({ code: "KORELI", country: "KOR" });
  });

  it("rejects an invalid date with a clear error", () => {
    expect(() => reg.lookup("Xi Jinping", "2013-13-01")).toThrow(/invalid date "2013-13-01"/);
    expect(() => reg.lookup("China", "June 2013")).toThrow(/invalid date "June 2013"/);
    expect(() => reg.resolve("chn", "2013-02-30")).toThrow(/invalid date/);
  });

  it("takes a partial date from its first day", () => {
    expect(reg.lookup("Xi Jinping", "2013")?.code).toBe("CHNGOV");
    expect(reg.lookup("Kim Jong-un", "2011-12")?.code).toBe("PRKELI");
  });
});

describe("codes", () => {
  it("parses country, IGO and role parts", () => {
    expect(parseActorCode("CHNGOV")).toEqual({ country: "CHN", igo: null, roles: ["GOV"], rest: [] });
    expect(parseActorCode("IGOUNO")).toEqual({ country: null, igo: "UNO", roles: [], rest: [] });
    expect(parseActorCode("IGOWSTNAT").igo).toBe("WSTNAT");
    expect(parseActorCode("RUSGOVMIL").roles).toEqual(["GOV", "MIL"]);
    expect(parseActorCode("GOV")).toEqual({ country: null, igo: null, roles: ["GOV"], rest: [] });
    expect(() => parseActorCode("CHNGO")).toThrow(/invalid actor code "CHNGO"/);
  });

  it("knows every code used by an entry or a role", () => {
    for (const e of reg.entries()) {
      expect(isKnownActorCode(e.code), `${e.id}: ${e.code}`).toBe(true);
      for (const r of e.roles ?? []) expect(isKnownActorCode(r.code), `${e.id}: ${r.code}`).toBe(true);
    }
  });

  it("names countries and roles", () => {
    expect(reg.countryName("PRK")).toBe("North Korea");
    expect(reg.countryName("KSV")).toBe("Kosovo");
    expect(reg.roleName("GOV")).toBe("Government");
    expect(reg.byCode("CHN")?.id).toBe("chn");
    expect(reg.byCode("IGOUNO")?.id).toBe("un");
  });
});

describe("shared forms", () => {
  it("settles titles shared by office holders by date", () => {
    expect(reg.lookup("Premier Li", "1995-01-01")?.entryId).toBe("li-peng");
    expect(reg.lookup("Premier Li", "2015-01-01")?.entryId).toBe("li-keqiang");
    expect(reg.lookup("Premier Li", "2024-01-01")?.entryId).toBe("li-qiang");
    expect(reg.lookup("President Park", "1970-01-01")?.entryId).toBe("park-chung-hee");
    expect(reg.lookup("President Park", "2015-01-01")?.entryId).toBe("park-geun-hye");
    expect(reg.lookup("Chairman Kim", "2019-02-28")?.entryId).toBe("kim-jong-un");
  });

  it("lists the candidates of a shared form in preference order", () => {
    expect(reg.candidates("Kim").map((e) => e.id)).toEqual(["kim-jong-un", "kim-jong-il", "kim-il-sung"]);
    expect(reg.candidates("Brussels").map((e) => e.id)).toEqual(["eu", "bel"]);
    expect(reg.lookup("Brussels")?.code).toBe("IGOEUREEC");
  });
});

describe("longer forms", () => {
  it("keeps regions apart from the states whose names they contain", () => {
    expect(look("Latin America")?.code).toBe("LAM");
    expect(look("America")?.code).toBe("USA");
    expect(look("Middle East")?.code).toBe("MEA");
    expect(look("states")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { ActorMatcher } from "../../src/coder/actors.ts";
import { NativeCoder } from "../../src/coder/native.ts";
import { shippedCoderData } from "../../src/coder/shipped.ts";
import { tokenize } from "../../src/coder/tokens.ts";

const matcher = new ActorMatcher(shippedCoderData().registry, shippedCoderData().roles);
const coder = new NativeCoder(shippedCoderData());

/** The mentions of a sentence as "name:CODE" ("@" marks a place named as the scene). */
function mentions(text: string, date: string | null = "2024-05-15", datelineCountry?: string): string[] {
  return matcher
    .find(tokenize(text), text, 0, date, { datelineCountry })
    .map((m) => `${m.name}:${m.code}${m.location ? "@" : ""}`);
}
const code = (text: string, date = "2024-05-15"): string[] =>
  coder
    .code({ id: "s", text, date, docId: "t", offset: 0 })
    .map((e) => `${e.source.code} ${e.target.code} ${e.cameo}`);

describe("actors from the generated Phoenix table", () => {
  it("gives an agent coordinated with an actor that actor's country before the dateline's", () => {
    expect(
      mentions("Colombia tried to mediate between Maduro and the opposition.", "2024-09-13", "USA"),
    ).toContain("opposition:VENOPP");
  });

  it("joins a state's possessive to its role across adjectives ('South Korea's new president')", () => {
    expect(mentions("South Korea's new president met Japan's top diplomat.")).toEqual([
      "South Korea's new president:KORGOV",
      "Japan's top diplomat:JPNGOV",
    ]);
  });

  it("reads people counted ('thousands of people', '20 people') as civilians, other people not", () => {
    expect(mentions("Thousands of people protested in Tbilisi.")).toContain("people:GEOCVL");
    expect(mentions("The Korean people visited the statues.")).not.toContain("people:CVL");
  });

  it("joins a nationality to the titled holder after it ('Chinese Foreign Minister Wang Yi')", () => {
    expect(mentions("Sudanese officials met Chinese Foreign Minister Wang Yi.", "2024-05-15")).toContain(
      "Chinese Foreign Minister Wang Yi:CHNGOV",
    );
  });

  it("finds a person only the Phoenix dictionaries know, with the country of the dated role", () => {
    expect(code("In March 2000 the European Union imposed sanctions on Sali Berisha.", "2000-03-20")).toEqual(
      ["IGOEUREEC ALBELI 163"],
    );
    expect(mentions("Officials in Tirana said Sali Berisha would travel.", "1996-05-01")).toContain(
      "Sali Berisha:ALBGOV",
    );
  });

  it("reads lower-case words as words, not demonyms or places", () => {
    expect(mentions("The flag hung from a pole outside the station.")).toEqual([]);
    expect(mentions("A Pole was detained at the border.")).toEqual(["Pole:POL"]);
    expect(mentions("Two Poles and three Afghans were detained.")).toEqual(["Poles:POL", "Afghans:AFG"]);
    expect(mentions("Water from the helmand river was low.")).toEqual([]);
    expect(mentions("Fighting resumed in Helmand.")).toEqual(["Helmand:AFG@"]);
  });

  it("does not read one word of a longer name as an organisation", () => {
    // Phoenix knows an NGO called Amit; here it is a first name.
    expect(mentions("Party chief Amit Shah spoke in Kolkata.")).toEqual(["Kolkata:IND@"]);
  });

  it("keeps the hand-written registry first where both name an actor", () => {
    // Phoenix reads Kabul as AFG; the registry's capital stands for the government.
    expect(mentions("Kabul rejected the offer.")).toEqual(["Kabul:AFGGOV"]);
    expect(mentions("Kim Jong-un toured a factory.", "2012-01-05")).toEqual(["Kim Jong-un:PRKGOV"]);
  });

  it("takes the title as written over a stale role of the Phoenix table, but not a past title", () => {
    // Phoenix's dated roles end Mnangagwa's at defence minister (ZWEGOVMIL) and give Chamisa a
    // ministry's; the text's titles are current.
    expect(
      mentions(
        "Zimbabwe's opposition leader Nelson Chamisa rejected President Emmerson Mnangagwa's victory.",
        "2018-08-03",
      ),
    ).toEqual(["Zimbabwe's opposition leader Nelson Chamisa:ZWEOPP", "President Emmerson Mnangagwa:ZWEGOV"]);
    expect(mentions("Emmerson Mnangagwa spoke.", "2018-08-03")).toEqual(["Emmerson Mnangagwa:ZWEGOVMIL"]);
    expect(mentions("Former President Emmerson Mnangagwa spoke.", "2018-08-03")).toEqual([
      "Former President Emmerson Mnangagwa:ZWEELI",
    ]);
    // The hand-written registry's dated roles stand.
    expect(mentions("Chairman Kim Jong-un toured a factory.", "2012-01-05")).toEqual([
      "Chairman Kim Jong-un:PRKGOV",
    ]);
  });

  it("reads a group followed by a role noun as the group", () => {
    expect(mentions("Taliban fighters overran the district.")).toEqual(["Taliban fighters:AFGREB"]);
  });
});

describe("agents without a country", () => {
  it("take the country of the place named as the scene", () => {
    expect(mentions("Gunmen stormed a hotel in Kabul.")).toEqual(["Gunmen:AFGUAF", "Kabul:AFG@"]);
    expect(code("Police arrested four militants near Peshawar.")).toEqual(["PAKCOP PAKREB 173"]);
  });

  it("stay bare role codes when no place or dateline gives one", () => {
    expect(mentions("Police killed 33 terrorists on Tuesday.")).toEqual(["Police:COP", "terrorists:UAF"]);
    expect(code("Police killed 33 terrorists on Tuesday.")).toEqual(["COP UAF 190"]);
  });

  it("keep the nationality written with them", () => {
    expect(mentions("Pakistani police arrested the gunmen in Kabul.")).toEqual([
      "Pakistani police:PAKCOP",
      "gunmen:AFGUAF",
      "Kabul:AFG@",
    ]);
  });

  it("take the dateline's country, in its sentence and after it", () => {
    const first = "KABUL, May 3 - Gunmen attacked a checkpoint.";
    expect(matcher.dateline(tokenize(first), first, 0, "2024-05-03")).toBe("AFG");
    // The dateline itself is no actor, nor its credit.
    expect(mentions(first)).toEqual(["Gunmen:AFGUAF"]);
    expect(mentions("KABUL (Reuters) - Gunmen attacked a checkpoint.")).toEqual(["Gunmen:AFGUAF"]);
    expect(mentions("Police said the attackers fled.", "2024-05-03", "AFG")).toEqual(["Police:AFGCOP"]);
    expect(matcher.dateline(tokenize("Gunmen attacked."), "Gunmen attacked.", 0, null)).toBeNull();
    // A hyphen joining words is no dateline's dash.
    expect(
      matcher.dateline(tokenize("US-led forces attacked."), "US-led forces attacked.", 0, null),
    ).toBeNull();
    expect(tokenize("US-led forces").map((t) => t.joined)).toEqual([false, true, false]);
    // A domestic institution under a dateline is the dateline country's.
    expect(code("OSLO -- A court has convicted a Russian man of spying.")).toEqual(["NORJUD RUS 116"]);
    expect(mentions("THE HAGUE (AP) -- The government said it would appeal.")).toContain("government:NLDGOV");
  });

  it("are not read off a noun modifying another ('terrorist attack', 'fighter planes')", () => {
    expect(mentions("The council condemned the terrorist attack.")).toEqual([]);
    expect(mentions("Two fighter planes crashed.")).toEqual([]);
  });

  it("take a Phoenix role noun alone only for military words", () => {
    expect(mentions("Japan sent aid to the prison.")).toEqual(["Japan:JPN"]);
    expect(mentions("Rebels attacked a military base.")).toEqual(["Rebels:REB", "military base:MIL"]);
  });

  it("read 'opposition' as a stance, not a party, where the words say so", () => {
    expect(mentions("The plan met with opposition from Japan.")).toEqual(["Japan:JPN"]);
    expect(mentions("Seoul faced strong opposition to the deal.")).toEqual(["Seoul:KORGOV"]);
    expect(mentions("The opposition boycotted the vote.")).toEqual(["opposition:OPP"]);
    expect(code("A court in Venezuela banned the opposition from holding rallies.")).toEqual([
      "VENJUD VENOPP 172",
    ]);
  });

  it("give an institution named by the place it is in that place's state, but not troops", () => {
    expect(mentions("A court in Venezuela banned the rally.")).toEqual(["court:VENJUD", "Venezuela:VEN@"]);
    expect(mentions("Police in Japan arrested them.")[0]).toBe("Police:JPNCOP");
    expect(mentions("Troops in Afghanistan fired.")[0]).not.toMatch(/AFG/);
    expect(code("Authorities in Pakistan imposed a curfew.")).toEqual(["PAKGOV PAK 1723"]);
    expect(code("Officials in Beijing condemned Japan.")).toEqual(["CHNGOV JPN 111"]);
  });

  it("read an office the dictionaries list and its holder after it as the person", () => {
    expect(mentions("China criticized US President Donald Trump.", "2019-05-01")).toEqual([
      "China:CHN",
      "US President Donald Trump:USAGOV",
    ]);
  });

  it("read a capital named as the scene as the state, not its government", () => {
    expect(mentions("Thousands marched in Beijing.")).toEqual(["Beijing:CHN@"]);
  });
});

import { describe, expect, it } from "vitest";
import { ActorMatcher } from "../../src/coder/actors.ts";
import { codeDocument } from "../../src/coder/document.ts";
import { extractEvents } from "../../src/coder/events.ts";
import { NativeCoder } from "../../src/coder/native.ts";
import { targetWords } from "../../src/coder/roles.ts";
import { shippedCoderData, shippedLexicon } from "../../src/coder/shipped.ts";
import { datelineLength, tokenize } from "../../src/coder/tokens.ts";
import { findTriggers } from "../../src/coder/triggers.ts";
import type { Event } from "../../src/model/event.ts";
import { type ParsedWord, tree } from "../../src/parse/index.ts";

// Each case is one of the error classes of the word-order coder, with a sentence of our own; the
// parse-based reading must get it right.
const coder = new NativeCoder(shippedCoderData());
const linear = new NativeCoder({ ...shippedCoderData(), parser: null });

const brief = (e: Event): string => `${e.source.code} ${e.target.code} ${e.cameo}`;
function code(text: string, c = coder): string[] {
  return c.code({ id: "s", text, date: "2024-05-15", docId: "t", offset: 0 }).map(brief);
}

describe("NativeCoder reading the parse: modality, habit and naming", () => {
  it("reads a main clause's own 'would' as hypothetical, a speaker's 'would' as intent or threat", () => {
    expect(code("Vietnam would attack Laos.")).toEqual([]);
    expect(code("Vietnam said it would attack Laos.")).toEqual(["VNM LAO 1384"]);
    // Known parse error of the shipped model: "Laos" hangs on "said" as a vocative, so the threat
    // has no target; what must not happen is an attack coded as done.
    expect(code("Vietnam would attack Laos, the ministry said.")).not.toContain("VNM LAO 190");
  });

  it("reads 'seldom' and 'rarely' as habit, not a dated event, even where the parse misreads the adverb", () => {
    expect(code("Vietnam seldom criticizes Laos.")).toEqual([]);
    expect(code("Vietnam rarely criticizes Laos.")).toEqual([]);
    expect(code("Vietnam criticized Laos.")).toEqual(["VNM LAO 110"]);
  });

  it("reads 'called X a threat' as naming X, not a phone call", () => {
    expect(code("Vietnam called Laos a threat.")).toEqual([]);
    expect(code("Vietnam called Laos on Monday.")).toEqual(["VNM LAO 041"]);
  });
});

describe("NativeCoder reading the parse: persons the registry does not know", () => {
  it("codes a named person a state's court, police or government acts on as that state's civilian", () => {
    expect(code("A court in Lyon found Amelie Durand guilty of fraud.")).toEqual(["FRAJUD FRACVL 116"]);
    expect(code("French police arrested Jean Dupont on Monday.")).toEqual(["FRACOP FRACVL 173"]);
    expect(code("The German government deported Ahmed Ali.")).toEqual(["DEUGOV DEUCVL 174"]);
  });

  it("takes no day, month or organisation for a person, and no person where no institution acts", () => {
    expect(code("Chinese police arrested Monday a man.")).toEqual([]);
    expect(code("French police raided Acme Holdings.")).toEqual([]);
    expect(code("France praised Jean Dupont.")).toEqual([]);
  });
});

describe("NativeCoder reading the parse: direction and roles", () => {
  it("reads what an agreement or a meeting is 'on' as its topic, and coordinated parties as each other's partners", () => {
    expect(code("Russia and China have agreed to share information on North Korea.").sort()).toEqual([
      "CHN RUS 0314",
      "RUS CHN 0314",
    ]);
    expect(code("Russia held talks with China on Ukraine.")).toEqual(["RUS CHN 040"]);
    expect(code("China and Japan met in Beijing.").sort()).toEqual(["CHN JPN 040", "JPN CHN 040"]);
    // Calling for something is no call between the callers.
    expect(code("Brazil and Colombia called for the release of the voting tallies.")).toEqual([]);
    // What a restriction or an attack is on is its target.
    expect(code("China agreed to lift its ban on Japan.")).not.toContain("CHN CHN 0351");
  });

  it("takes no target from the attribution after an act ('…, Xinhua said', '…, KCNA reported')", () => {
    expect(
      code("Police detained 18 people after a fire that killed 19 people, Xinhua said.").some((e) =>
        e.includes("CHNMED"),
      ),
    ).toBe(false);
    expect(
      code("Kim Jong Un called for increased production of missiles, state media KCNA reported."),
    ).not.toContain("PRKGOV PRKMED 100");
  });

  it("leaves an act whose subject names no actor without a source, not to an actor named earlier", () => {
    expect(
      code(
        "Israeli airstrikes killed 25 Palestinians in Gaza, as mediators pressed Israel to agree to a ceasefire.",
      ),
    ).not.toContain("PSE ISR 020");
    // A subject phrase that holds an actor keeps it ("UK and EU negotiators").
    expect(code("UK and EU negotiators have agreed a landmark free trade agreement.").length).toBeGreaterThan(
      0,
    );
  });

  it("takes no target from what another verb of the sentence reports", () => {
    expect(
      code("Japan condemned the launches and said Tokyo had lodged a protest with North Korea."),
    ).not.toContain("JPN JPNGOV 111");
  });

  it("gives a verb with an object of its own no target from outside its phrase", () => {
    expect(
      code(
        "China urged the United States to stop arming Taiwan and said it would act to defend its sovereignty.",
      ),
    ).not.toContain("CHN USA 052");
  });

  it("reads a clause opened by 'after' as a circumstance of the report, not as what it reports", () => {
    const s =
      "North Korea fired missiles on Thursday, South Korea's military said, days after Pyongyang warned of action against drills by Seoul.";
    expect(code(s).some((e) => e.startsWith("KORMIL PRKGOV 11"))).toBe(false);
  });

  it("reads troops or security forces opening a sentence as the forces of the other side's country", () => {
    expect(code("Security forces killed five demonstrators in Khartoum on Monday.")).toEqual([
      "SDNCOP SDNOPP 190",
    ]);
    expect(code("Soldiers opened fire on protesters in Yangon.")).toEqual(["MMRMIL MMROPP 190"]);
    // A modified force is named by its modifier, not taken as a bare institution.
    expect(code("Swiss federal prosecutors shared evidence with the United States.")).not.toContain(
      "USAJUD USA 064",
    );
  });

  it("reads an unnamed place attacked as its country's, and unnamed people as its civilians", () => {
    expect(code("French police stormed a migrant camp in Calais on Sunday.")).toEqual(["FRACOP FRA 190"]);
    expect(code("A suicide bomber in Mogadishu killed six people.")).toEqual(["SOMREB SOMCVL 190"]);
    // No place, no target.
    expect(code("French police stormed a migrant camp.")).toEqual([]);
  });

  it("codes one event per dyad and root in a sentence, the most specific", () => {
    expect(code("A Saudi-led air strike on a Yemeni school bus killed 40 children.")).toEqual([
      "SAU YEMEDU 195",
    ]);
  });

  it("reads a participle joined to a name by a hyphen as an adjective naming the doer", () => {
    // "Russia-backed" is no act of support for the forces' target; "Saudi-led" names the attacker.
    expect(code("Russia-backed forces attacked Kyiv.").some((e) => e.endsWith(" 051"))).toBe(false);
    expect(code("US-led forces attacked Raqqa.")).toEqual(["USA SYR 190"]);
    expect(code("A Saudi-led strike on Yemen killed 40 children.")).toContain("SAU YEM 190");
  });

  it("reads a headline's participle without auxiliary, and one sharing a passive's, as passive", () => {
    // The dead are not the attackers: no event without the agent, rather than a reversed one; where
    // the attack that killed them is named, its nationality is the attacker.
    expect(code("Three Kenyan Soldiers Killed in Somalia")).toEqual([]);
    expect(
      code("Two Somali soldiers were killed and four others wounded on Monday in a Kenyan air strike."),
    ).toEqual(["KEN SOMMIL 190"]);
  });

  it("reads the nationality on the attack of a passive without 'by' as the attacker", () => {
    expect(code("Two Somali soldiers were killed in a Kenyan air strike.")).toEqual(["KEN SOMMIL 190"]);
  });

  it("reads a nationality on the attack that killed as the attacker, not the target", () => {
    expect(
      code("Two Somali soldiers were killed and four others wounded in a Kenyan air strike."),
    ).not.toContain("SOMMIL KEN 190");
  });

  it("reads a name after a headline's colon as its credit, not an object", () => {
    expect(code("Kenyan Sanctions Slammed: Somali Radio")).toEqual([]);
    expect(code("Kenya slammed Somalia: Somali Radio")).toEqual(["KEN SOM 110"]);
  });

  it("reads the actor of a subject that is an act after 'by'", () => {
    expect(code("A car bombing by the Islamic State group killed dozens of Syrian civilians.")).toEqual([
      "IMGMOS SYRCVL 190",
    ]);
    expect(code("A statement by Japan condemned China.")).toEqual(["JPN CHN 111"]);
  });

  it("parses sentences naming two actors even where word order finds no event", () => {
    const s = "A statement by Japan condemned China.";
    expect(code(s, linear)).toEqual([]);
    expect(code(s)).toEqual(["JPN CHN 111"]);
  });

  it("reads a passive participle's agent as the source ('X backed by Y')", () => {
    const s = "Somali troops backed by Kenyan soldiers entered the town.";
    expect(code(s, linear)).toContain("SOMMIL KENMIL 051");
    expect(code(s)).toEqual(["KENMIL SOMMIL 051"]);
  });

  it("does not take the topic of a meeting as its target", () => {
    const s = "Japan met South Korea in Tokyo to discuss North Korea.";
    expect(code(s, linear)).toContain("KOR PRK 040");
    expect(code(s)).toEqual(["JPN KOR 040"]);
    expect(code("China and Russia discussed Ukraine.").sort()).toEqual(["CHN RUS 040", "RUS CHN 040"]);
    expect(code("Japan discussed trade with South Korea.")).toEqual(["JPN KOR 040"]);
  });

  it("reads a headline's verb right after its actor, before 'on' or 'for', as a verb", () => {
    expect(code("China and Russia call on US to end sanctions against Iran").sort()).toEqual([
      "CHN USA 020",
      "RUS USA 020",
    ]);
  });

  it("reads a headline's present tense as a verb where the parse gives it a subject and an object", () => {
    const s = "Venezuela releases dozens of political activists.";
    expect(code(s, linear)).toEqual([]);
    expect(code(s)).toEqual(["VEN OPP 0841"]);
    // A noun stays a noun: no subject and object of its own.
    expect(code("The releases of political activists by Venezuela continued.")).toEqual([]);
  });

  it("still reaches the owner of what is condemned", () => {
    expect(code("Japan's foreign ministry condemned North Korea's missile launch.")).toEqual([
      "JPNGOV PRK 111",
    ]);
  });
});

describe("NativeCoder reading the parse: reported speech", () => {
  it("codes the speaker's accusation, not the act an actor reports", () => {
    const s = "The United States said Iran is defying the Security Council.";
    expect(code(s, linear)).toContain("IRN IGOUNO 128");
    expect(code(s)).toEqual(["USA IRN 112"]);
    // The reported actor is accused though its act names no target the registry knows.
    expect(code("The United States said Iran is defying the Council.")).toEqual(["USA IRN 112"]);
  });

  it("codes the speaker's own act when the reported clause's subject is a pronoun for the speaker", () => {
    expect(code("Peru said it condemned Ecuador.")).toEqual(["PER ECU 111"]);
    expect(code("Kenya said on Monday that it would not lift the ban on Somalia.")).toEqual(["KEN SOM 124"]);
    expect(code("The rebels said they will release the Kenyan hostages.")).toEqual(["REB KEN 0353"]);
    // "he" and "she" stand for a person, not a state; without a speaker, no source.
    expect(code("Peru said he condemned Ecuador.")).toEqual([]);
    expect(code("It condemned Ecuador.")).toEqual([]);
  });

  it("takes a wire's closing attribution of a past act as its source, neither accuser nor target", () => {
    const s = "Chinese troops killed three Indian soldiers in the Galwan valley, the Indian army said.";
    expect(code(s)).toEqual(["CHNMIL INDMIL 190"]);
    const missiles =
      "North Korea fired two ballistic missiles into the sea on Sunday, Japan's defence ministry said.";
    expect(code(missiles, linear).some((c) => c.includes("JPN"))).toBe(true);
    expect(code(missiles).some((c) => c.includes("JPN"))).toBe(false);
    // A claim about the present stays the speaker's accusation, wherever the attribution stands. (The
    // shipped parse joins "the United States" to "the Security Council" as a conjunct, the subject of
    // "said", so the Council accuses too: a known loss of that model; Iran defies no one here.)
    const defying = code("Iran is defying the Security Council, the United States said.");
    expect(defying).toContain("USA IRN 112");
    expect(defying.filter((c) => c.startsWith("IRN"))).toEqual([]);
  });

  it("reads 'X said Y must (should) act' as X's demand (appeal) of Y, not Y's act", () => {
    expect(code("The United States said China must release the activists.")).toEqual(["USA CHN 100"]);
    expect(code("China must release the activists.")).toEqual([]);
  });

  it("keeps an event reported by unnamed officials as fact", () => {
    expect(code("Officials said Russian forces shelled Ukrainian positions on Monday.")).toEqual([
      "RUSMIL UKR 194",
    ]);
  });
});

describe("NativeCoder reading the parse: negation and modality in words", () => {
  it("reads an act named as what another noun is about as a reference, not a report", () => {
    expect(code("China's support of UN sanctions against Pyongyang shows its independence.")).not.toContain(
      "IGOUNO PRKGOV 163",
    );
    expect(code("An Israeli air strike on Gaza killed five people.")).toEqual(["ISR PSE 195"]);
  });

  it("reads a counterfactual 'would have' as not done, down to the clauses that depend on it", () => {
    expect(code("China could have imposed sanctions on North Korea.")).toEqual([]);
    expect(
      code(
        "This would have maintained China's influence by attempting to mediate between North Korea and the US.",
      ),
    ).toEqual([]);
    expect(code("China imposed sanctions on North Korea.")).toEqual(["CHN PRK 163"]);
  });

  it("codes no event under reluctance, 'supposed to', failure or negation", () => {
    const reluctance = "Japan showed reluctance to endorse South Korea's plan.";
    expect(code(reluctance, linear)).toEqual(["JPN KOR 051"]);
    expect(code(reluctance)).toEqual([]);
    const supposed = "Germany was supposed to sign the agreement with France.";
    expect(code(supposed, linear)).toEqual(["DEU FRA 057"]);
    expect(code(supposed)).toEqual([]);
    expect(code("Turkey failed to reach a deal with Greece.")).toEqual([]);
    expect(code("Russia did not immediately condemn the attack by Ukraine.")).toEqual([]);
  });

  it("keeps refusals, intents and threats as their own codes", () => {
    expect(code("China refused to meet Japan's envoy.")).toEqual(["CHN JPNGOV 125"]);
    expect(code("Pakistan plans to visit India.")).toEqual(["PAK IND 036"]);
    expect(code("Iran threatened to attack Israel.")).toEqual(["IRN ISR 1384"]);
  });
});

describe("NativeCoder reading the parse: generic statements", () => {
  it("codes no dated event for habits and dispositions", () => {
    const habit = "The United States has long opposed Chinese expansion.";
    expect(code(habit, linear)).toEqual(["USA CHN 110"]);
    expect(code(habit)).toEqual([]);
    expect(code("Vietnam usually criticises China.")).toEqual([]);
    expect(code("China is known for supporting North Korea.")).toEqual([]);
  });
});

describe("NativeCoder reading the parse: word sense", () => {
  it("reads a ship's arrival as no state visit, a minister's as one", () => {
    expect(code("A Chinese navy ship arrived in Manila on Monday.", linear)).toEqual(["CHNMIL PHL 042"]);
    expect(code("A Chinese navy ship arrived in Manila on Monday.")).toEqual([]);
    expect(code("The Chinese foreign minister arrived in Pyongyang on Monday.")).toEqual(["CHNGOV PRK 042"]);
  });
});

describe("NativeCoder reading the parse: coordination", () => {
  it("gives one event per actor pair, in the order written", () => {
    expect(code("Egypt and Jordan condemned Israel.")).toEqual(["EGY ISR 111", "JOR ISR 111"]);
  });
});

describe("NativeCoder: dates", () => {
  it("reads 'on May 12' after 'fired missiles' as a time, not a target", () => {
    expect(
      code("North Korea fired two ballistic missiles on May 12, the South Korean military said."),
    ).toEqual(["PRK PRK 150"]);
  });

  it("dates a sentence opening with an event just reported ('The drills …') by that event", () => {
    const doc =
      "China and Russia held joint naval drills in the Sea of Japan on May 14.\n\n" +
      "The drills involved Chinese and Russian warships and were condemned by Japan.\n\nJapan protested to China.";
    const events = codeDocument(doc, { docDate: "2024-05-20", coder }).events;
    const dated = (code: string) => events.filter((e) => e.cameo === code).map((e) => e.date);
    expect(dated("062")).toEqual(["2024-05-14", "2024-05-14"]);
    // "The drills …" takes the drills' date; a sentence that does not open with them, the document's.
    expect(dated("111")).toEqual(["2024-05-14", "2024-05-14"]);
    expect(dated("114")).toEqual(["2024-05-20"]);
  });
});

describe("NativeCoder: context across sentences", () => {
  it("gives agents in later sentences the dateline's country", () => {
    const doc = "KABUL - Gunmen stormed a hotel on Monday.\n\nPolice arrested two Pakistani men on Tuesday.";
    const events = codeDocument(doc, { docDate: "2024-05-15", coder }).events.map(brief);
    expect(events).toEqual(["AFGCOP PAK 173"]);
  });
});

describe("NativeCoder reading the parse: datelines and event nouns", () => {
  it("measures a wire dateline by its dash or colon, not a hyphen inside a name", () => {
    const length = (text: string) => {
      const tokens = tokenize(text);
      return tokens
        .slice(0, datelineLength(tokens, text))
        .map((t) => t.text)
        .join(" ");
    };
    expect(length("TEL AVIV-- Israeli jets struck Gaza overnight.")).toBe("TEL AVIV");
    expect(length("KABUL (Pajhwok) : The army said it killed ten fighters.")).toBe("KABUL ( Pajhwok ) :");
    expect(length("LA PAZ, Bolivia -- Bolivia expelled two diplomats today.")).toBe("LA PAZ , Bolivia");
    expect(length("Washington - The president spoke on Monday evening.")).toBe("Washington");
    expect(length("UN-backed forces retook the town on Monday.")).toBe("");
    expect(length("Iran-allied groups returned the bases they seized.")).toBe("");
    expect(length("China and Japan - old rivals - met in Beijing.")).toBe("");
  });

  it("parses the sentence after a dateline, which would otherwise be read as its subject", () => {
    expect(
      code(
        "THE HAGUE, Netherlands -- A United Nations prosecutor charged a former Rwandan minister with contempt.",
      ),
    ).toEqual(["IGOUNO RWAGOV 173"]);
  });

  it("takes the subject of a doing verb as the actor of its event noun, not of a judging verb", () => {
    expect(code("Netanyahu ordered air strikes on Hamas.")).toEqual(["ISRGOV PSEREB 190"]);
    expect(code("Taliban militants have stepped up attacks on Afghan police.")).toEqual([
      "AFGREB AFGCOP 190",
    ]);
    expect(code("Britain condemned air strikes on Hamas.")).toEqual(["GBR PSEREB 111"]);
  });

  it("takes the parse's verb with a subject and an object over a tagger's adjective ('is striking … targets')", () => {
    expect(code("The IDF is currently striking Hamas targets in Gaza, it said.")).toEqual([
      "ISRMIL PSEREB 190",
    ]);
  });

  it("does not code what a noun of wanting or being able governs ('preference to negotiate', 'capacity to strike')", () => {
    expect(code("North Korea's preference to negotiate with the US directly has been evident.")).toEqual([]);
    expect(code("North Korea has the capacity to strike the United States.")).toEqual([]);
  });

  it("codes a party the registry does not know, banned by a state, as that state's opposition", () => {
    expect(code("Russia banned the Liberal Democratic Party.")).toEqual(["RUS RUSOPP 172"]);
    expect(code("Egypt banned Facebook.")).toEqual([]);
  });

  it("codes unnamed victims of violence as civilians of the scene the sentence names, and only then", () => {
    expect(code("A suicide bomber in Mogadishu killed at least six people near the palace.")).toEqual([
      "SOMREB SOMCVL 190",
    ]);
    expect(code("Israeli strikes killed 12 people in Gaza on Sunday.")).toEqual(["ISR PSECVL 190"]);
    expect(code("Russian missiles killed five people.")).toEqual([]);
    expect(
      code(
        "Guterres condemned the attack on a church in Pakistan's restive southwest that killed nine people.",
      ),
    ).toEqual(["IGOUNO PAK 111"]);
  });

  it("finds the target of a refusal or an agreement in the complement that carries the act", () => {
    expect(code("Poland has refused to send peacekeepers or instructors to Mali.")).toEqual(["POL MLI 120"]);
    expect(
      code("Chad's government agreed to allow the return of UN humanitarian workers to Darfur."),
    ).toEqual(["TCDGOV IGOUNO 030"]);
  });
});

describe("roles read off a misparse", () => {
  it("does not take a 'by' inside a relative clause for the actor of the noun it modifies", () => {
    // "The group, which condemns raids by Ethiopia, attacked Somalia": the relative clause's "by
    // Ethiopia" is no agent of "the group" (a participle's would be: "missiles fired by …").
    const text = "The group, which condemns raids by Ethiopia, attacked Somalia.";
    const tokens = tokenize(text);
    const rows: [string, number, string, string, string][] = [
      ["DET", 2, "det", "DT", "the"],
      ["NOUN", 10, "nsubj", "NN", "group"],
      ["PUNCT", 5, "punct", ",", ","],
      ["PRON", 5, "nsubj", "WDT", "which"],
      ["VERB", 2, "acl:relcl", "VBZ", "condemn"],
      ["NOUN", 5, "obj", "NNS", "raid"],
      ["ADP", 8, "case", "IN", "by"],
      ["PROPN", 5, "obl", "NNP", "Ethiopia"],
      ["PUNCT", 5, "punct", ",", ","],
      ["VERB", 0, "root", "VBD", "attack"],
      ["PROPN", 10, "obj", "NNP", "Somalia"],
      ["PUNCT", 10, "punct", ".", "."],
    ];
    expect(rows.length).toBe(tokens.length);
    const words: ParsedWord[] = rows.map(([upos, head, deprel, xpos, lemma], i) => ({
      id: i + 1,
      form: tokens[i].text,
      lemma,
      upos,
      xpos,
      head,
      deprel,
    }));
    const mentions = new ActorMatcher(shippedCoderData().registry, shippedCoderData().roles).find(
      tokens,
      text,
      0,
      "2024-05-15",
    );
    const inActor = (i: number) => mentions.some((m) => m.start <= i && i < m.end);
    const triggers = findTriggers(tokens, shippedLexicon(), inActor);
    const events = extractEvents(tokens, mentions, triggers, [], { lastSource: null }, tree(words));
    expect(events.some((e) => e.source.code === "ETH" && e.target.code === "SOM")).toBe(false);
  });

  it("takes a nominal complement of a verb without an object as its object ('called X' read as 'named X')", () => {
    // "Trump called Kishida", parsed as a small clause: called --xcomp--> Kishida, no obj.
    const w = (id: number, form: string, upos: string, head: number, deprel: string): ParsedWord => ({
      id,
      form,
      lemma: form.toLowerCase(),
      upos,
      xpos: "",
      head,
      deprel,
    });
    const words = [
      w(1, "Trump", "PROPN", 0, "root"),
      w(2, "called", "VERB", 1, "acl"),
      w(3, "Kishida", "PROPN", 2, "xcomp"),
    ];
    expect(targetWords(tree(words), 1, false)).toEqual([2]);
    // With an object, the complement is a predicate ("called him a liar"), not a target.
    const withObj = [
      w(1, "Trump", "PROPN", 2, "nsubj"),
      w(2, "called", "VERB", 0, "root"),
      w(3, "him", "PRON", 2, "obj"),
      w(4, "liar", "NOUN", 2, "xcomp"),
    ];
    expect(targetWords(tree(withObj), 1, false)).toEqual([2]);
  });
});

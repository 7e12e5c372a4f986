import { describe, expect, it } from "vitest";
import { actorCodes, readActorDictionary } from "../../src/coder/petrarch/actors.ts";
import { readAgentDictionary } from "../../src/coder/petrarch/agents.ts";
import { findDiscard, readDiscardList } from "../../src/coder/petrarch/discards.ts";
import { DictionaryError } from "../../src/coder/petrarch/lines.ts";
import { readVerbDictionary, verbEntriesFor, verbForms } from "../../src/coder/petrarch/verbs.ts";

const VERBS = `<!-- a tiny test dictionary -->
&FRUIT
+APPLE
+RED_PEAR_

&FOOD_
+&FRUIT
+BREAD

--- EAT [110] ---
EAT {ATE EATEN}   # irregular forms
DEVOUR [111]
+GOBBLE_UP
- * &FOOD [112]
- REFUSED_TO_* [113]
- + * WITH $ [114:115]

--- SLEEP [---] ---
SLEEP
- * SOUNDLY [120]
`;

describe("verb dictionary", () => {
  const d = readVerbDictionary(VERBS, "test.verbs");

  it("reads blocks, verb forms and codes", () => {
    expect(d.byForm.get("ATE")?.[0].code.primary).toBe("110");
    expect(d.byForm.get("EATEN")?.[0].block).toBe("EAT");
    // Listed irregular forms replace the regular ones, as in PETRARCH ("STOP {STOPS STOPPED}").
    expect(d.byForm.has("EATS")).toBe(false);
    expect(d.byForm.get("DEVOURED")?.[0].code.primary).toBe("111");
    expect(d.byForm.get("SLEEP")?.[0].code.primary).toBeNull();
    const gobble = d.byForm.get("GOBBLE")?.[0];
    expect(gobble?.words).toEqual(["GOBBLE", "UP"]);
    expect(d.patternCount).toBe(4);
  });

  it("expands nested synsets and plurals", () => {
    const food = d.synsets.get("&FOOD")!.map((w) => w.join(" "));
    expect(food).toContain("APPLE");
    expect(food).toContain("APPLES");
    expect(food).toContain("RED PEAR");
    expect(food).not.toContain("RED PEARS");
    expect(food).toContain("BREAD");
  });

  it("parses pattern markers, adjacency and paired codes", () => {
    const p = d.byForm.get("EAT")![0].patterns;
    const refused = p.find((x) => x.code.primary === "113")!;
    expect(refused.lower.map((t) => t.kind)).toEqual(["phrase", "phrase"]);
    expect(refused.lower[1].joined).toBe(true);
    expect(refused.verbJoined).toBe(true);
    const paired = p.find((x) => x.code.primary === "114")!;
    expect(paired.code.paired).toBe("115");
    expect(paired.lower.map((t) => t.kind)).toEqual(["target"]);
    expect(paired.upper.map((t) => t.kind)).toEqual(["phrase", "source"]);
  });

  it("makes regular verb forms", () => {
    expect(verbForms("DEPART")).toEqual(["DEPART", "DEPARTS", "DEPARTED", "DEPARTING"]);
    expect(verbForms("DEPLORE")).toEqual(["DEPLORE", "DEPLORES", "DEPLORED", "DEPLORING"]);
    expect(verbForms("RATIFY")).toContain("RATIFIED");
  });

  it("names file and line of a malformed entry", () => {
    expect(() => readVerbDictionary("--- EAT [110] ---\nEAT\n- * APPLE\n", "bad.verbs")).toThrow(
      /bad\.verbs:3: pattern without a \[code\]/,
    );
    expect(() => readVerbDictionary("EAT\n", "orphan.verbs")).toThrow(DictionaryError);
  });
});

describe("TABARI verb dictionary", () => {
  const d = readVerbDictionary(
    "ACCUS  [112] ;a stem\n- * + OF_ SPYING  [1125] ;jw\n- + { WAS | WERE } *  [111]\nACT_ [---]\n- * NOW [010]\n\n<TIME>\nyesterday [-1]\n</TIME>\n",
    "t.verbs",
  );

  it("reads one block per verb, stems and exact words", () => {
    expect(verbEntriesFor(d, "ACCUSED")?.[0].code.primary).toBe("112");
    expect(verbEntriesFor(d, "ACCUSING")?.[0].block).toBe("ACCUS");
    expect(verbEntriesFor(d, "ACT")?.[0].patterns.length).toBe(1);
    expect(verbEntriesFor(d, "ACTED")).toBeUndefined();
  });

  it("skips disjunctive patterns and <TIME> sections", () => {
    expect(verbEntriesFor(d, "ACCUSE")?.[0].patterns.map((p) => p.code.primary)).toEqual(["1125"]);
    expect(verbEntriesFor(d, "YESTERDAY")).toBeUndefined();
  });
});

describe("actor dictionary", () => {
  const d = readActorDictionary(
    `NORTHLAND_ [NTH]\n+NORTHLANDER\n\nBOB_SMITH\n\t[NTHCIV <20000101]\n\t[NTHGOV 20000101-20051231]\n\t[NTHELI]\nTWINS [AAA/BBB]\nOLDTIMER\n\t[OLD 950101-991231]\n`,
    "test.actors",
  );

  it("reads synonyms and default codes", () => {
    expect(d.entries[0].phrases).toEqual([["NORTHLAND"], ["NORTHLANDER"]]);
    expect(actorCodes(d.entries[0], 19990101)).toEqual(["NTH"]);
    expect(actorCodes(d.entries[2], null)).toEqual(["AAA", "BBB"]);
  });

  it("applies date restrictions, bounds inclusive, six-digit years", () => {
    const bob = d.entries[1];
    expect(actorCodes(bob, 19991231)).toEqual(["NTHCIV"]);
    expect(actorCodes(bob, 20000101)).toEqual(["NTHCIV"]);
    expect(actorCodes(bob, 20051231)).toEqual(["NTHGOV"]);
    expect(actorCodes(bob, 20060101)).toEqual(["NTHELI"]);
    expect(actorCodes(d.entries[3], 19970601)).toEqual(["OLD"]);
    expect(actorCodes(d.entries[3], 20010601)).toEqual([]);
  });

  it("names file and line of a bad code block", () => {
    expect(() => readActorDictionary("X [A B C D]\n", "bad.actors")).toThrow(
      /bad\.actors:1: malformed actor code/,
    );
  });
});

describe("agent dictionary", () => {
  const d = readAgentDictionary(
    `!KIN! = SON, DAUGHTER\nHEAD_TEACHER [~EDU]\nGOOSE {GEESE} [~GGS]\nSHEEP {} [~AGR]\nCHARITY [NGO~]\nGOD!KIN! [~REL]\n`,
    "test.agents",
  );
  const words = (code: string) => d.entries.filter((e) => e.code === code).map((e) => e.words.join(" "));

  it("generates plurals unless told otherwise", () => {
    expect(words("EDU")).toEqual(["HEAD TEACHER", "HEAD TEACHERS"]);
    expect(words("GGS")).toEqual(["GOOSE", "GEESE"]);
    expect(words("AGR")).toEqual(["SHEEP"]);
    expect(words("NGO")).toEqual(["CHARITY", "CHARITIES"]);
  });

  it("reads prefix codes and substitution sets", () => {
    expect(d.entries.find((e) => e.code === "NGO")?.prefix).toBe(true);
    expect(words("REL")).toEqual(["GODSON", "GODDAUGHTER"]);
  });

  it("rejects a code without a tilde, naming the line", () => {
    expect(() => readAgentDictionary("PRIEST [REL]\n", "bad.agents")).toThrow(/bad\.agents:1:/);
  });
});

describe("discard list", () => {
  const d = readDiscardList("+HURRICANE   # story\nFOOTBALL_\n");
  it("finds sentence and story discards", () => {
    expect(findDiscard(d, ["THE", "HURRICANES", "CAME"])?.story).toBe(true);
    expect(findDiscard(d, ["A", "FOOTBALL", "MATCH"])?.story).toBe(false);
    expect(findDiscard(d, ["FOOTBALLS", "FLEW"])).toBeNull();
  });
});

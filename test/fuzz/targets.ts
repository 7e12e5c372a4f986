import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { zipSync } from "fflate";
import { parseClaimsText } from "../../src/analysis/claims.ts";
import { codeDocument } from "../../src/coder/document.ts";
import { readActorDictionary } from "../../src/coder/petrarch/actors.ts";
import { readAgentDictionary } from "../../src/coder/petrarch/agents.ts";
import { readDiscardList } from "../../src/coder/petrarch/discards.ts";
import { readVerbDictionary } from "../../src/coder/petrarch/verbs.ts";
import { defaultCoder } from "../../src/coder/shipped.ts";
import { readKtabCsv, readKtabXml } from "../../src/forecast/io/ktab.ts";
import { type FormatName, readEvents, writeEvents } from "../../src/formats/index.ts";
import { readPetrarchXml } from "../../src/formats/petrarch-xml.ts";
import { createApp } from "../../src/server/app.ts";
import { forecastRoutes } from "../../src/server/routes/forecast.ts";
import { openStore } from "../../src/store/open.ts";
import { fixtureEvents } from "../store/fixtures.ts";

/**
 * One fuzzed reader: `run` consumes the input fully; `seed` gives a valid input to mutate (made on
 * first use, so a broken writer fails only its own target).
 */
export interface Target {
  name: string;
  seed: () => Promise<string>;
  run(bytes: Uint8Array): Promise<unknown>;
  /** True when the target must accept every input (the coder): any error is a failure. */
  total?: boolean;
  /** Errors about the whole document (no position to name), e.g. an empty claims file. */
  wholeFile?: RegExp;
  /** Known to fail (a hang found by this fuzzer): run by `npm run fuzz`, left out of `npm test`. */
  known?: string;
}

const dir = mkdtempSync(join(tmpdir(), "yalu-fuzz-"));
let files = 0;
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Errors about a whole input file: binary, or a damaged, bomb-like or unsupported archive. */
const WHOLE_INPUT =
  /: binary file, not text$|: not a readable gzip file|: (damaged|truncated) zip|: no file in the zip archive|: ".*" is compressed with|: expands more than \d+-fold/;

/**
 * Readers of event files: the bytes are written to a file and streamed back as events. `pack`
 * wraps the bytes first (gzip, or a zip archive, cut short or not), to fuzz the archive readers too.
 */
function eventFormat(format: FormatName, ext: string, pack?: (bytes: Uint8Array) => Uint8Array): Target {
  return {
    name: `${format} events${pack ? ` (.${ext.split(".").pop()})` : ""}`,
    wholeFile: WHOLE_INPUT,
    seed: async () => {
      const sample = join(dir, `sample.${ext.replace(/\.(gz|zip)$/, "")}`);
      await writeEvents(fixtureEvents().slice(0, 4), format, sample);
      return readFileSync(sample, "utf8");
    },
    run: async (bytes) => {
      const path = join(dir, `case${++files % 64}.${ext}`);
      writeFileSync(path, pack ? pack(bytes) : bytes);
      let n = 0;
      for await (const _ of readEvents(path, format, { name: "fuzz" })) n++;
      return n;
    },
  };
}

const PETRARCH = `<Sentences>
<Sentence date="20080804" id="A-1" category="DEMO" sentence="true">
<Text>North Korea accused South Korea of provocation.</Text>
<Parse>(ROOT (S (NP (NNP North) (NNP Korea)) (VP (VBD accused) (NP (NNP South) (NNP Korea)))))</Parse>
<EventCoding sentenceid="A-1" sourcecode="PRK" targetcode="KOR" eventcode="112"></EventCoding>
</Sentence>
</Sentences>
`;

const KTAB_CSV = `Test,A small scenario,3,1
Actor,Description,Capability,Position,Salience
A,First,100,10,50
B,Second,80,60,70
C,Third,50,90,40
`;

const KTAB_XML = `<?xml version="1.0"?>
<Scenario><name>Test</name><desc>Small</desc>
<Dimensions><dName>Policy</dName></Dimensions>
<Actors>
<Actor><name>A</name><description>First</description><capability>100</capability>
<Position><dCoord>10</dCoord></Position><Salience><dSal>50</dSal></Salience></Actor>
<Actor><name>B</name><description>Second</description><capability>80</capability>
<Position><dCoord>60</dCoord></Position><Salience><dSal>70</dSal></Salience></Actor>
</Actors></Scenario>
`;

const VERBS = `&FRUIT\n+APPLE\n\n--- EAT [110] ---\nEAT {ATE EATEN}\n- * &FRUIT [112]\n- + * WITH $ [114:115]\n`;
const ACTORS = `NORTHLAND_ [NTH]\n+NORTHLANDER\n\nBOB_SMITH\n\t[NTHCIV <20000101]\n\t[NTHGOV 20000101-20051231]\n`;
const AGENTS = `!minist!  [~GOV]\nSOLDIER [~MIL]\n+TROOPS\n`;

/** The GET routes whose query strings the API target fuzzes (each takes the same mutated query). */
const ROUTES = [
  "/api/events",
  "/api/series",
  "/api/phases",
  "/api/network",
  "/api/indicators",
  "/api/actors",
  "/api/stats",
  "/api/check/brief",
  "/api/forecast/scenarios",
  "/api/forecast/scenarios/china-dprk/run",
];

/** The app over the flagship record in a temp file, made once per fuzz process. */
let api: Promise<ReturnType<typeof createApp>> | undefined;
const apiApp = () => {
  api ??= openStore(join(dir, "api.duckdb"), { flagship: true }).then((store) =>
    createApp({ store, log: () => {}, mounts: { "/api/forecast": forecastRoutes() } }),
  );
  return api;
};

/**
 * Every read route's query parameters: the bytes, as text, are the query string of each route in
 * turn. An answer must be a 200, or a 4xx whose JSON names what is wrong; a 500 is a failure.
 */
const apiParameters: Target = {
  name: "api parameters",
  // Any error it throws is a 500 or an unnamed refusal: a failure, whatever its message.
  total: true,
  seed: async () => "dyad=CHN-PRK&from=2010&to=2020-06&bucket=year&limit=5&mc=2&model=eu&level=code",
  run: async (bytes) => {
    const app = await apiApp();
    const query = encodeURI(text(bytes)).replace(/#/g, "%23");
    for (const route of ROUTES) {
      const res = await app.request(`${route}?${query}`);
      const body = (await res.json()) as { error?: { message?: string } };
      if (res.status >= 500 || (res.status >= 400 && !body.error?.message))
        throw new Error(
          `GET ${route}?${query.slice(0, 200)}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`,
        );
    }
    return ROUTES.length;
  },
};

/** Every fuzz target whose code has landed. */
export async function targets(): Promise<Target[]> {
  const sync = (name: string, seed: string, f: (s: string) => unknown, total = false): Target => ({
    name,
    seed: async () => seed,
    total,
    run: async (bytes) => {
      const r = f(text(bytes));
      return r && typeof r === "object" && Symbol.iterator in r ? [...(r as Iterable<unknown>)].length : r;
    },
  });
  return [
    eventFormat("gdelt1", "gdelt1.csv"),
    eventFormat("gdelt2", "gdelt2.csv"),
    eventFormat("icews", "icews.tsv"),
    eventFormat("plover", "plover.jsonl"),
    eventFormat("csv", "csv"),
    eventFormat("jsonl", "jsonl"),
    eventFormat("jsonl", "jsonl.gz", (b) => gzipSync(b)),
    eventFormat("gdelt2", "gdelt2.csv.zip", (b) => {
      // A folder first, then the file; a case whose first byte is odd is cut short at a point it picks.
      const zip = zipSync({ "events/": new Uint8Array(0), "events/case.csv": b });
      return b.length && b[0] % 2 ? zip.subarray(0, (b[b.length - 1] * 97) % zip.length) : zip;
    }),
    sync("petrarch xml", PETRARCH, (s) => readPetrarchXml(s, "fuzz.xml")),
    sync("ktab csv", KTAB_CSV, (s) => readKtabCsv(s, "fuzz.csv")),
    sync("ktab xml", KTAB_XML, (s) => readKtabXml(s, "fuzz.xml")),
    sync("verb dictionary", VERBS, (s) => readVerbDictionary(s, "fuzz.verbs")),
    sync("actor dictionary", ACTORS, (s) => readActorDictionary(s, "fuzz.actors")),
    sync("agent dictionary", AGENTS, (s) => readAgentDictionary(s, "fuzz.agents")),
    sync("discard list", "DISCARD\nbaseball\n", (s) => readDiscardList(s)),
    {
      ...sync(
        "claims file",
        readFileSync(join(import.meta.dirname, "../../data/claims/brief.yaml"), "utf8"),
        (s) => parseClaimsText(s),
      ),
      wholeFile: /^claims must be a list|^claims file: \d+ characters long/,
    },
    sync(
      "coder",
      "Xi Jinping met Kim Jong Un in Beijing on 8 May 2018.",
      (s) => codeDocument(s, { coder: defaultCoder() }).events,
      true,
    ),
    apiParameters,
  ];
}

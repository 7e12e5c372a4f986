import { extname } from "node:path";
import { readBeside, readText } from "../../formats/index.ts";
import { parseBacktest } from "../backtest.ts";
import type { Backtest } from "../backtest-schema.ts";
import { parseScenario, type Scenario, type ScenarioLoader } from "../scenario.ts";
import type { ForecastInput } from "../types.ts";
import { looksLikeEuTable, readEuTable } from "./eum.ts";
import { readKtabCsv, readKtabXml } from "./ktab.ts";

/** Wrap a bare input (KTAB CSV/XML, EU table) as a scenario without rationale. */
export function scenarioOf(input: ForecastInput, file: string): Scenario {
  return {
    name: input.name || file,
    description: input.description,
    file,
    input,
    dimensions: input.dimensions.map((d) => ({ id: d, name: d, scale: "" })),
    rationale: {},
    codes: {},
    overrides: [],
  };
}

/**
 * Read a bargaining input from text, by file extension: `.csv` KTAB CSV (or an expected-utility
 * table when its first line names position, capability and salience columns), `.xml` KTAB XML,
 * `.yaml`/`.yml`/`.json` a Yalu scenario (a variant's `base:` read by `load`, by default from the
 * variant's folder), `.txt`/`.tsv` an expected-utility table (one issue, salience 0–1).
 */
export function parseForecastFile(text: string, file: string, load: ScenarioLoader = readBase): Scenario {
  const ext = extname(file).toLowerCase();
  if (ext === ".csv" && !looksLikeEuTable(text)) return scenarioOf(readKtabCsv(text, file), file);
  if (ext === ".xml") return scenarioOf(readKtabXml(text, file), file);
  if (ext === ".txt" || ext === ".tsv" || ext === ".csv") {
    const actors = readEuTable(text, file);
    return scenarioOf(
      {
        name: file,
        description: "",
        dimensions: ["issue"],
        actors: actors.map((a) => ({
          name: a.name,
          capability: a.capability,
          position: [a.position],
          salience: [a.salience * 100],
        })),
      },
      file,
    );
  }
  if (ext === ".yaml" || ext === ".yml" || ext === ".json") {
    return parseScenario(text, file, load);
  }
  throw new Error(
    `unknown input type "${ext}" for ${file} (expected .csv, .xml, .yaml, .yml, .json, .txt, .tsv)`,
  );
}

/** A file named inside another (a variant's base, a backtest's scenario): relative to its folder. */
const beside =
  (what: string): ScenarioLoader =>
  (path, from) => {
    try {
      return readBeside(path, from);
    } catch (err) {
      throw new Error(`${(err as Error).message} (${what})`);
    }
  };

/** A variant's base: a path relative to the variant file's folder, wherever yalu runs. */
const readBase = beside("a base is read relative to the variant's folder");

/** Read and parse a bargaining input file; `read` reads a file's text (default: from disk). */
export async function loadForecastFile(
  file: string,
  read: (file: string) => Promise<string> = readText,
): Promise<Scenario> {
  return parseForecastFile(await read(file), file);
}

/** Read and parse a backtest file; its scenario is read relative to the backtest's folder. */
export async function loadBacktestFile(
  file: string,
  read: (file: string) => Promise<string> = readText,
): Promise<Backtest> {
  return parseBacktest(
    await read(file),
    file,
    beside("a backtest's scenario is read relative to the backtest's folder"),
  );
}

import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, extname, resolve } from "node:path";
import { readEuTable } from "../forecast/io/eum.ts";
import { parseScenario, type Scenario } from "../forecast/scenario.ts";
import type { ForecastInput } from "../forecast/types.ts";
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
 * Read a bargaining input from text, by file extension: `.csv` KTAB CSV, `.xml` KTAB XML,
 * `.yaml`/`.yml`/`.json` a Yalu scenario (its `base:` read from disk next to it), `.txt`/`.tsv`
 * an expected-utility table (one issue, salience 0–1).
 */
export function parseForecastFile(text: string, file: string): Scenario {
  const ext = extname(file).toLowerCase();
  if (ext === ".csv") return scenarioOf(readKtabCsv(text, file), file);
  if (ext === ".xml") return scenarioOf(readKtabXml(text, file), file);
  if (ext === ".txt" || ext === ".tsv") {
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
    // A variant's base is a path relative to the variant file's folder, wherever yalu runs.
    return parseScenario(text, file, (path, from) => {
      const f = resolve(dirname(from), path);
      try {
        return { file: f, text: readFileSync(f, "utf8") };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
        throw new Error(`no such file ${f} (a base is read relative to the variant's folder)`);
      }
    });
  }
  throw new Error(
    `unknown input type "${ext}" for ${file} (expected .csv, .xml, .yaml, .yml, .json, .txt, .tsv)`,
  );
}

/** Read and parse a bargaining input file. */
export async function loadForecastFile(file: string): Promise<Scenario> {
  return parseForecastFile(await readFile(file, "utf8"), file);
}

/**
 * The PETRARCH unit-suite conformance score: `npm run bench:conformance [-- --verbose]`.
 * Codes ../shared/reference/eventdata/petrarch2/text/PETR.UnitTest.records.xml with its own
 * PETR.Validate dictionaries and prints the reproduced codings and the misses by category.
 */
import { readFile } from "node:fs/promises";
import { formatConformance, runConformance } from "../src/coder/petrarch/conformance.ts";
import { loadDictionaryCoder } from "../src/coder/petrarch/index.ts";

const root = "../shared/reference/eventdata/petrarch2";
const t0 = performance.now();
const coder = await loadDictionaryCoder(`${root}/dictionaries/PETR.Validate`);
const t1 = performance.now();
const xml = await readFile(`${root}/text/PETR.UnitTest.records.xml`, "utf8");
const report = runConformance(coder, xml, "PETR.UnitTest.records.xml");
const t2 = performance.now();
console.log(formatConformance(report, process.argv.includes("--verbose")));
console.log(
  `dictionaries loaded in ${(t1 - t0).toFixed(0)} ms; ${report.records.length} records coded in ${(t2 - t1).toFixed(0)} ms`,
);

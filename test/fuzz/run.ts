// npm run fuzz [-- --runs 10000 --only "gdelt2 events"]: fuzz every reader and the coder, printing
// the cases run per target and the first failure of each (shrunk by fast-check).
import { parseArgs } from "node:util";
import { fuzzIsolated } from "./isolate.ts";
import { targets } from "./targets.ts";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "10000" }, only: { type: "string" }, seed: { type: "string" } },
});
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
console.log(`fuzz seed ${seed}, ${runs} cases per target`);
let failed = 0;
let total = 0;
for (const target of await targets()) {
  if (values.only && target.name !== values.only) continue;
  const t = performance.now();
  try {
    const n = await fuzzIsolated(target.name, runs, seed);
    total += n;
    console.log(
      `${target.name.padEnd(18)} ${String(n).padStart(6)} cases  ok    ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  } catch (err) {
    failed++;
    const lines = (err as Error).message.split("\n");
    const key = lines.filter((l) => /Counterexample|Got error|Error:|hang|crash|names no|exited/.test(l));
    const message = (key.length ? key : lines).slice(0, 3).join(" | ").slice(0, 400);
    console.log(`${target.name.padEnd(18)} FAILED ${message}`);
  }
}
console.log(`${total} cases passed; ${failed} target(s) failed`);
process.exitCode = failed ? 1 : 0;

// npm run fuzz [-- --runs 10000 --only "gdelt2 events"]: fuzz every reader and the coder, printing
// the cases run per target and the first failure of each (shrunk by fast-check).
import { parseArgs } from "node:util";
import { fuzzIsolated } from "./isolate.ts";
import { targets } from "./targets.ts";

const USAGE = `usage: npm run fuzz [-- --runs N] [--only TARGET] [--seed S]
  --runs N       cases per target, a whole number from 1 (default 10000)
  --only TARGET  fuzz one target, by its name as the report prints it (e.g. "gdelt2 events")
  --seed S       the fast-check seed, a whole number from 0 (default: from the clock)
  --help         this text
`;

/** A bad command line: the reason and the usage on stderr, exit 2, no stack trace. */
function refuse(reason: string): never {
  process.stderr.write(`fuzz: ${reason}\n${USAGE}`);
  process.exit(2);
}

let values: { runs: string; only?: string; seed?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      runs: { type: "string", default: "10000" },
      only: { type: "string" },
      seed: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (err) {
  refuse((err as Error).message);
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const whole = (flag: string, value: string, min: number) => {
  if (!/^\d{1,15}$/.test(value) || Number(value) < min)
    refuse(`invalid ${flag} ${JSON.stringify(value)}: expected a whole number from ${min}`);
  return Number(value);
};
const runs = whole("--runs", values.runs, 1);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : whole("--seed", values.seed, 0);
const all = await targets();
if (values.only !== undefined && !all.some((t) => t.name === values.only))
  refuse(`unknown --only ${JSON.stringify(values.only)}: targets are ${all.map((t) => t.name).join(", ")}`);
console.log(`fuzz seed ${seed}, ${runs} cases per target`);
let failed = 0;
let total = 0;
for (const target of all) {
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

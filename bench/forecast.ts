/**
 * SMP benchmark: KTAB's dummyData-a040/a080/a160 and dummyData_6Dim, default parameters,
 * deterministic, one thread. Prints wall time per run and per turn, and CPU time per run (median
 * of `--runs`, default 3; the CPU time is steadier on a shared machine).
 *
 *   npm run bench:forecast [-- --runs 3 --only a160]
 */
import { existsSync, readFileSync } from "node:fs";
import { readKtabCsv } from "../src/forecast/io/ktab.ts";
import { runSmp } from "../src/forecast/smp/run.ts";

const DIR = "../shared/reference/bargaining/KTAB/smp";
/** KTAB's own C++ times from ../shared/reference/README.md (whole run, incl. SQLite output). */
const KTAB_SECONDS: Record<string, number> = {
  dummyData_6Dim: 2.83,
  "dummyData-a040": 5.76,
  "dummyData-a080": 56.2,
  "dummyData-a160": 956,
};

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) || 3;
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
if (!existsSync(DIR)) {
  console.error(`bench:forecast needs ${DIR}`);
  process.exit(1);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Warm the JIT on a small run first so the first input is not charged for compilation.
runSmp(readKtabCsv(readFileSync(`${DIR}/dummyData-a040.csv`, "utf8")), { trace: false });
console.log("input            actors×dims  turns   s/run    ms/turn  cpu s/run   KTAB s/run  speed-up");
for (const name of ["dummyData-a040", "dummyData-a080", "dummyData-a160", "dummyData_6Dim"]) {
  if (only && !name.includes(only)) continue;
  const input = readKtabCsv(readFileSync(`${DIR}/${name}.csv`, "utf8"), `${name}.csv`);
  const times: number[] = [];
  const cpu: number[] = [];
  let turns = 0;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = runSmp(input, { trace: false });
    times.push((performance.now() - t0) / 1000);
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1e6);
    turns = result.stopTurn;
  }
  const s = median(times);
  const ktab = KTAB_SECONDS[name];
  console.log(
    `${name.padEnd(17)}${`${input.actors.length}×${input.dimensions.length}`.padEnd(13)}${String(turns).padStart(5)}` +
      `${s.toFixed(3).padStart(8)}${((s * 1000) / Math.max(1, turns)).toFixed(2).padStart(11)}` +
      `${median(cpu).toFixed(3).padStart(11)}` +
      `${ktab.toFixed(2).padStart(12)}${`${(ktab / s).toFixed(0)}×`.padStart(10)}`,
  );
}

// npm run bench:startup [-- --runs 20]: how long `yalu --version` takes, start to exit, with the build
// (bin/yalu.js running dist/) and without it (the TypeScript sources through tsx, as `yalu` ran
// before the build and runs when unbuilt), alternated in one run; prints the medians and their ratio.
// Goal: < 300 ms with the build.
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { runs: { type: "string", default: "20" } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`invalid --runs "${values.runs}"`);

const SOURCES =
  'const { main } = await import("./src/cli/main.ts"); process.exitCode = await main(["node", "yalu", "--version"]);';
const commands = {
  "with the build": ["bin/yalu.js", "--version"],
  "without (tsx)": ["--import", "tsx", "--input-type=module", "-e", SOURCES],
};
type Name = keyof typeof commands;

/** Wall time of one run in ms; fails unless it printed the version alone. */
function time(name: Name): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, commands[name], { encoding: "utf8" });
  const ms = performance.now() - start;
  if (r.status !== 0 || r.stderr !== "" || !/^\d+\.\d+\.\d+\n$/.test(r.stdout))
    throw new Error(
      `${name}: exit ${r.status}, ${r.stderr.trim() || r.stdout.trim()} (npm run build first?)`,
    );
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const times: Record<Name, number[]> = { "with the build": [], "without (tsx)": [] };
for (const name of Object.keys(commands) as Name[]) time(name); // warm the file cache
for (let i = 0; i < runs; i++)
  for (const name of Object.keys(commands) as Name[]) times[name].push(time(name));

for (const [name, xs] of Object.entries(times))
  console.log(
    `yalu --version ${name.padEnd(15)} median ${median(xs).toFixed(0)} ms  (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, ${runs} runs)`,
  );
const ratio = median(times["without (tsx)"]) / median(times["with the build"]);
console.log(`the build starts ${ratio.toFixed(1)}× faster`);

// npm run bench:startup [-- --runs 20]: how long `yalu --version` takes, start to exit, with the build
// (bin/yalu.js running dist/) and without it (the TypeScript sources through tsx, as `yalu` ran
// before the build and runs when unbuilt), alternated in one run with Node starting alone (the floor
// on this machine as loaded now); prints the medians and the ratio. Goal: < 300 ms with the build.
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { runs: { type: "string", default: "20" } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`invalid --runs "${values.runs}"`);

const SOURCES = `const { main } = await import("./src/cli/main.ts");
process.exitCode = await main(["node", "yalu", "--version"]);`;
const commands = {
  "yalu --version, built": ["bin/yalu.js", "--version"],
  "yalu --version, tsx": ["--import", "tsx", "--input-type=module", "-e", SOURCES],
  "node alone": ["-e", 'process.stdout.write("0.0.0\\n")'],
};
type Name = keyof typeof commands;
const names = Object.keys(commands) as Name[];

/** Wall time of one run in ms; fails unless it printed a version alone. */
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

const times = new Map<Name, number[]>(names.map((name) => [name, []]));
for (const name of names) time(name); // warm the file cache
for (let i = 0; i < runs; i++) for (const name of names) times.get(name)?.push(time(name));

for (const [name, xs] of times)
  console.log(
    `${name.padEnd(22)} median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, ${runs} runs)`,
  );
const ratio =
  median(times.get("yalu --version, tsx") ?? []) / median(times.get("yalu --version, built") ?? []);
console.log(`with the build ${ratio.toFixed(1)}× faster to start`);

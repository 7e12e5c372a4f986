// Runs one fuzz target in a child process for ./isolate.ts: reports each case before running it,
// then the outcome. Arguments: target name, number of runs, seed.
import { fuzz } from "./property.ts";
import { targets } from "./targets.ts";

const [name, runs, seed] = process.argv.slice(2);
const send = (m: unknown) => new Promise<void>((resolve) => process.send!(m, () => resolve()));
const target = (await targets()).find((t) => t.name === name);
if (!target) {
  await send({ type: "error", message: `unknown fuzz target "${name}"` });
} else {
  try {
    const n = await fuzz(target, Number(runs), Number(seed), (i, bytes) => {
      const head = Buffer.from(bytes.subarray(0, 120)).toString("latin1");
      process.send!({ type: "case", n: i, length: bytes.length, head });
    });
    await send({ type: "done", n });
  } catch (err) {
    await send({ type: "error", message: (err as Error).message });
  }
}
process.disconnect();

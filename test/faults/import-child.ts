// A child process for the kill -9 fault tests: import a GDELT file into a store through
// `openStore` and print "midway" at the chosen point, then wait there so the parent can kill it
// inside the batch: `--pause-after N` pauses after reading N events; `--pause-before-commit` pauses
// (ClickHouse) once every shard holds the rows but before the batch is committed.
// Prints the ImportResult as JSON when it completes.
import { parseArgs } from "node:util";
import { readGdelt } from "../../src/formats/gdelt.ts";
import type { Event } from "../../src/model/event.ts";
import { ClickHouseStore } from "../../src/store/clickhouse/index.ts";
import { openStore } from "../../src/store/open.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    file: { type: "string" },
    "pause-after": { type: "string" },
    "pause-before-commit": { type: "boolean" },
  },
});
const pauseAfter = values["pause-after"] === undefined ? -1 : Number(values["pause-after"]);

const pause = async () => {
  process.stdout.write("midway\n");
  await new Promise((r) => setTimeout(r, 60_000));
};

async function* marked(events: AsyncIterable<Event>): AsyncGenerator<Event> {
  let n = 0;
  for await (const e of events) {
    if (n++ === pauseAfter) await pause();
    yield e;
  }
}

const store = await openStore(values.db!, { flagship: false });
if (values["pause-before-commit"]) {
  if (!(store instanceof ClickHouseStore)) throw new Error("--pause-before-commit needs a clickhouse store");
  store.hooks.beforeCommit = pause;
}
const result = await store.importEvents(marked(readGdelt(values.file!)));
await store.close();
process.stdout.write(`${JSON.stringify(result)}\n`);

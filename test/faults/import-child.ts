// A child process for the kill -9 fault tests: import a GDELT file into a store through
// `openStore`; with `--pause-before-commit` (ClickHouse) print "midway" once every shard holds the
// rows but before the batch is committed, and wait there so the parent can kill it.
// Prints the ImportResult as JSON when it completes.
import { parseArgs } from "node:util";
import { readGdelt } from "../../src/formats/gdelt.ts";
import { ClickHouseStore } from "../../src/store/clickhouse/index.ts";
import { openStore } from "../../src/store/open.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    file: { type: "string" },
    "pause-before-commit": { type: "boolean" },
  },
});

const pause = async () => {
  process.stdout.write("midway\n");
  await new Promise((r) => setTimeout(r, 60_000));
};

const store = await openStore(values.db!, { flagship: false });
if (values["pause-before-commit"]) {
  if (!(store instanceof ClickHouseStore)) throw new Error("--pause-before-commit needs a clickhouse store");
  store.hooks.beforeCommit = pause;
}
const result = await store.importEvents(readGdelt(values.file!));
await store.close();
process.stdout.write(`${JSON.stringify(result)}\n`);

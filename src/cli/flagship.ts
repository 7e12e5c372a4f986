import { asDuckDBStore, syncFlagship } from "../store/index.ts";
import { CliError } from "./error.ts";
import { openRecord } from "./record.ts";
import { ServedRecord } from "./served.ts";

/**
 * `yalu import --flagship [--db PATH]`: load the shipped China–DPRK record (events and trade) into a
 * DuckDB database, which then keeps it current as the default database does.
 */
export async function importFlagship(db: string | undefined): Promise<void> {
  const store = await openRecord(db);
  try {
    if (store instanceof ServedRecord)
      throw new CliError(
        `the record ${store.server.database} is held by ${store.who}: stop the server, run yalu import --flagship, and start it again`,
      );
    const duckdb = await asDuckDBStore(store);
    if (!duckdb)
      throw new CliError(
        "--flagship loads DuckDB databases; for ClickHouse, yalu import data/flagship/events.jsonl",
      );
    const loaded = await syncFlagship(duckdb);
    const [events, indicators] = [await store.countEvents({}), (await store.indicators({})).length];
    process.stdout.write(
      `${loaded ? "loaded" : "already holds"} the flagship record: ${events} events, ${indicators} indicator points in ${store.location}\n`,
    );
  } finally {
    await store.close();
  }
}

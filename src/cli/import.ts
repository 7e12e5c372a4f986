import { existsSync, statSync } from "node:fs";
import { basename } from "node:path";
import { type FormatError, readEvents } from "../formats/index.ts";
import type { Event } from "../model/index.ts";
import { CliError, usage } from "./error.ts";
import { parseFormat } from "./options.ts";
import { Progress } from "./progress.ts";
import { openRecord } from "./record.ts";
import { ServedRecord } from "./served.ts";

export interface ImportFlags {
  db?: string;
  format?: string;
  skipBad?: boolean;
  /** Load the shipped flagship record (before any files). */
  flagship?: boolean;
}

/**
 * `yalu import FILE...`: read every file and store all their events as one batch. A malformed row
 * fails the whole batch (nothing stored) unless --skip-bad, which reports each skipped row.
 */
export async function runImport(files: string[], flags: ImportFlags): Promise<void> {
  if (flags.flagship) await (await import("./flagship.ts")).importFlagship(flags.db);
  if (files.length === 0) {
    if (flags.flagship) return;
    throw usage("yalu import needs files to import, or --flagship");
  }
  const format = parseFormat(flags.format);
  for (const f of files) {
    if (!existsSync(f) || !statSync(f).isFile()) throw new CliError(`cannot read "${f}": no such file`);
  }
  const progress = new Progress(files.reduce((sum, f) => sum + statSync(f).size, 0));
  const skipped = new Map<string, number>();
  let bad = 0;
  const options = {
    skipBad: Boolean(flags.skipBad),
    onBad: (err: FormatError) => {
      bad++;
      process.stderr.write(`yalu: skipped ${err.message}\n`);
    },
    onBytes: (n: number) => {
      progress.bytes += n;
    },
  };
  async function* all(): AsyncGenerator<Event> {
    for (const file of files) {
      const onSkip = (reason: string) =>
        skipped.set(`${basename(file)}: ${reason}`, (skipped.get(`${basename(file)}: ${reason}`) ?? 0) + 1);
      for await (const e of readEvents(file, format, { ...options, onSkip })) {
        progress.events++;
        progress.tick();
        yield e;
      }
    }
  }
  /** The events again, quietly: the first pass has reported every skipped and bad row. */
  async function* again(): AsyncGenerator<Event> {
    const quiet = { skipBad: options.skipBad, onBad: () => {}, onSkip: () => {} };
    for (const file of files) yield* readEvents(file, format, quiet);
  }
  const store = await openRecord(flags.db);
  try {
    let result: Awaited<ReturnType<typeof store.importEvents>>;
    if (store instanceof ServedRecord) {
      // Through the running server an import is sent in batches, each its own transaction: read
      // every file through first, so a bad row still stores nothing; then send.
      for await (const _ of all());
      result = await store.importEvents(again());
    } else result = await store.importEvents(all());
    progress.done();
    for (const [what, n] of skipped) process.stderr.write(`yalu: not imported, ${n} rows (${what})\n`);
    if (bad) process.stderr.write(`yalu: skipped ${bad} malformed rows\n`);
    process.stdout.write(`inserted ${result.inserted}, duplicates ${result.duplicates}\n`);
  } catch (err) {
    progress.done();
    if (err instanceof Error && err.name === "FormatError") {
      throw new CliError(`${err.message} (nothing imported; --skip-bad skips bad rows)`);
    }
    throw err;
  } finally {
    await store.close();
  }
}

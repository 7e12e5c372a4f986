import { type DuckDBDataChunk, JSDuckDBValueConverter } from "@duckdb/node-api";

/** The longest stretch (ms) converting result rows runs before yielding to the event loop. */
const SLICE_MS = 4;

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/**
 * A result's rows as plain JS objects (as `getRowObjectsJS` gives them), converted in slices of
 * about {@link SLICE_MS} ms with the event loop free in between: turning 5,000 event rows into
 * objects takes ~100 ms of the server's one JS thread, which would otherwise hold up every
 * request waiting meanwhile.
 */
export async function rowObjects(
  names: readonly string[],
  chunks: readonly DuckDBDataChunk[],
): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  let slice = performance.now();
  for (const chunk of chunks) {
    const count = chunk.rowCount;
    for (let i = 0; i < count; i++) {
      const values = chunk.convertRowValues(i, JSDuckDBValueConverter);
      const row: Record<string, unknown> = {};
      for (let c = 0; c < names.length; c++) row[names[c]] = values[c];
      rows.push(row);
      if ((i & 31) === 31 && performance.now() - slice > SLICE_MS) {
        await yieldToLoop();
        slice = performance.now();
      }
    }
  }
  return rows;
}

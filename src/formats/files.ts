import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";

/** Read a whole text file as UTF-8. */
export function readText(file: string): Promise<string> {
  return readFile(file, "utf8");
}

/**
 * Read a text file named relative to the folder of another file (`from`), whatever the working
 * directory: a scenario's `base:`. A missing file is named by its resolved path.
 */
export function readBeside(path: string, from: string): { file: string; text: string } {
  const file = resolve(dirname(from), path);
  try {
    return { file, text: readFileSync(file, "utf8") };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    throw new Error(`no such file ${file}`);
  }
}

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type ActorData,
  type ActorFiles,
  ActorRegistry,
  parseActorData,
  parseEntriesFile,
  type TextFile,
} from "../model/index.ts";

/** The directory of the project's actor tables (data/actors). */
export const ACTOR_DATA_DIR = fileURLToPath(new URL("../../data/actors/", import.meta.url));

const read = (path: string): TextFile => ({ path, text: readFileSync(path, "utf8") });

/** The files of `dir` whose names end with `ext`, in name order (none when `dir` is missing). */
const filesOf = (dir: string, ext: string): TextFile[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(ext))
        .sort()
        .map((f) => read(join(dir, f)))
    : [];

/**
 * Read and validate every table under `dir` (default data/actors); `generated: false` leaves out
 * the generated tables (as scripts/build-actors.ts does while rebuilding them).
 */
export function loadActorData(
  dir: string = ACTOR_DATA_DIR,
  options: { generated?: boolean } = {},
): ActorData {
  const files: ActorFiles = {
    codes: read(join(dir, "codes.yaml")),
    registry: filesOf(join(dir, "registry"), ".yaml"),
    shared: read(join(dir, "shared-forms.yaml")),
    generated: options.generated === false ? [] : filesOf(join(dir, "generated"), ".tsv"),
  };
  return parseActorData(files);
}

let data: ActorData | undefined;
let registry: ActorRegistry | undefined;
let names: Map<string, string[]> | undefined;

/** The project's actor tables (data/actors), read once. */
export function shippedActorData(): ActorData {
  data ??= loadActorData();
  return data;
}

/** The project's actor registry, built once: what the coder matches actors with by default. */
export function shippedRegistry(): ActorRegistry {
  registry ??= ActorRegistry.fromData(shippedActorData());
  return registry;
}

/**
 * A state's name and aliases from the project's registry (data/actors/registry/states.yaml, read
 * once by itself: the whole registry is not needed for it), if listed.
 */
export async function stateNames(code: string): Promise<string[]> {
  names ??= new Map(
    parseEntriesFile(read(join(ACTOR_DATA_DIR, "registry", "states.yaml"))).map((e) => [
      e.code,
      [e.name, ...e.aliases],
    ]),
  );
  return names.get(code) ?? [];
}

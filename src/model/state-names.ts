import { join } from "node:path";
import { ACTOR_DATA_DIR, readEntriesFile } from "./actor-data.ts";

let table: Map<string, string[]> | undefined;

/** A state's name and aliases from the actor registry (data/actors/registry/states.yaml), if listed. */
export async function stateNames(code: string): Promise<string[]> {
  table ??= new Map(
    readEntriesFile(join(ACTOR_DATA_DIR, "registry", "states.yaml")).map((e) => [
      e.code,
      [e.name, ...e.aliases],
    ]),
  );
  return table.get(code) ?? [];
}

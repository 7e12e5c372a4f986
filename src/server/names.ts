import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const STATES = fileURLToPath(new URL("../../data/actors/registry/states.yaml", import.meta.url));

let table: Promise<Map<string, string[]>> | null = null;

async function load(): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  try {
    const doc = parse(await readFile(STATES, "utf8")) as unknown;
    const list = Array.isArray(doc) ? doc : ((doc as { entries?: unknown[] })?.entries ?? []);
    for (const s of list as { code?: string; name?: string; aliases?: string[] }[]) {
      if (typeof s?.code !== "string") continue;
      const names = [s.name, ...(Array.isArray(s.aliases) ? s.aliases : [])].filter(
        (x): x is string => typeof x === "string",
      );
      out.set(s.code, names);
    }
  } catch {
    // No registry (or an unreadable one): the vote indicator falls back to names in the record.
  }
  return out;
}

/** A state's name and aliases from the actor registry (data/actors/registry/states.yaml), if present. */
export async function stateNames(code: string): Promise<string[]> {
  table ??= load();
  return (await table).get(code) ?? [];
}

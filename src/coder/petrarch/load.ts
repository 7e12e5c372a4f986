import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { type ActorEntry, readActorDictionary } from "./actors.ts";
import { type AgentEntry, readAgentDictionary } from "./agents.ts";
import type { Dictionaries } from "./coder.ts";
import { type DiscardList, readDiscardList } from "./discards.ts";
import { PhraseIndex } from "./phrases.ts";
import { readVerbDictionary, type VerbDictionary } from "./verbs.ts";

/**
 * Finding and loading a set of dictionaries.
 *
 * `path` is a directory, or a directory plus a file-name prefix (`dictionaries/PETR.Validate`
 * loads only the files starting with "PETR.Validate"). In the chosen files:
 * - verbs: names containing "verbs" (`*.verbs`, `PETR.Validate.verbs.txt`) or starting "CAMEO."
 * - actors: names containing "actors"; agents: "agents"; discards: "discards"
 *
 * Without a prefix, PETRARCH's `*Validate*` test dictionaries are skipped when the directory also
 * holds operational ones (they exist only for the unit suite).
 */

export interface DictionaryFiles {
  verbs: string[];
  actors: string[];
  agents: string[];
  discards: string[];
}

const KINDS: [keyof DictionaryFiles, RegExp][] = [
  ["verbs", /verbs|^cameo\./i],
  ["actors", /actors/i],
  ["agents", /agents/i],
  ["discards", /discards/i],
];

/** The dictionary files under `path` (a directory, or directory + name prefix), by kind. */
export async function findDictionaryFiles(path: string): Promise<DictionaryFiles> {
  let dir = path;
  let prefix = "";
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) {
    dir = dirname(path);
    prefix = basename(path);
  }
  const names = (await readdir(dir).catch(() => null))?.sort();
  if (!names) throw new Error(`dictionary directory not found: "${dir}"`);
  let chosen = names.filter((n) => n.startsWith(prefix));
  if (!prefix && chosen.some((n) => !/validate/i.test(n)))
    chosen = chosen.filter((n) => !/validate/i.test(n));
  const files: DictionaryFiles = { verbs: [], actors: [], agents: [], discards: [] };
  for (const n of chosen) {
    const kind = KINDS.find(([, re]) => re.test(n));
    if (kind) files[kind[0]].push(join(dir, n));
  }
  if (files.verbs.length === 0) throw new Error(`no verb dictionary (*verbs*, CAMEO.*) in "${path}"`);
  if (files.actors.length === 0) throw new Error(`no actor dictionary (*actors*) in "${path}"`);
  return files;
}

function mergeVerbs(dicts: VerbDictionary[]): VerbDictionary {
  if (dicts.length === 1) return dicts[0];
  const out: VerbDictionary = { byForm: new Map(), stems: new Map(), synsets: new Map(), patternCount: 0 };
  for (const d of dicts) {
    out.patternCount += d.patternCount;
    for (const [k, v] of d.synsets) out.synsets.set(k, v);
    for (const [k, v] of d.byForm) out.byForm.set(k, [...(out.byForm.get(k) ?? []), ...v]);
    for (const [k, v] of d.stems) out.stems.set(k, [...(out.stems.get(k) ?? []), ...v]);
  }
  return out;
}

/** Read and index a set of dictionary files. */
export async function loadDictionaries(files: DictionaryFiles): Promise<Dictionaries> {
  const read = (f: string) => readFile(f, "utf8");
  // Operational dictionaries have a few malformed entries; they are skipped and reported.
  const warnings: string[] = [];
  const warn = (w: string) => warnings.push(w);
  const verbs = mergeVerbs(
    await Promise.all(files.verbs.map(async (f) => readVerbDictionary(await read(f), f, warn))),
  );
  const actors = new PhraseIndex<ActorEntry>();
  for (const f of files.actors) {
    for (const e of readActorDictionary(await read(f), f, warn).entries)
      e.phrases.forEach((p, k) => {
        actors.add(p, e, e.gaps[k]);
      });
  }
  const agents = new PhraseIndex<AgentEntry>();
  for (const f of files.agents)
    for (const e of readAgentDictionary(await read(f), f, warn).entries) agents.add(e.words, e, e.gaps);
  const discards: DiscardList = { entries: [] };
  for (const f of files.discards) discards.entries.push(...readDiscardList(await read(f)).entries);
  return { verbs, actors: actors.seal(), agents: agents.seal(), discards, warnings };
}

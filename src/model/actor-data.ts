import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ActorCodes, type CodeTables } from "./actor-codes.ts";
import { ActorTable } from "./actor-table.ts";
import type { ActorEntry, ActorKind } from "./actor-types.ts";
import { datePrecisionOf } from "./event.ts";

/** A surface form deliberately shared by several entries, settled by date, then by this order. */
export interface SharedForm {
  text: string;
  entries: string[];
  note: string;
}

/** A data file's text with its path (for messages). */
export interface TextFile {
  path: string;
  text: string;
}

/**
 * The files of the actor tables (data/actors), as read by formats' `loadActorData`: codes.yaml,
 * registry/*.yaml, shared-forms.yaml and generated/*.tsv, each list in file-name order.
 */
export interface ActorFiles {
  codes: TextFile;
  registry: TextFile[];
  shared: TextFile;
  generated: TextFile[];
}

/** Everything under data/actors, validated. */
export interface ActorData {
  tables: CodeTables;
  entries: ActorEntry[];
  shared: SharedForm[];
  /** The generated tables (data/actors/generated), whose entries come after the hand-written ones. */
  generated: ActorTable[];
}

/** A data file of the actor tables is malformed; the message names the file and the entry. */
export class ActorDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ActorDataError";
  }
}

const day = z.string().refine((s) => datePrecisionOf(s) === "day", { message: "expected YYYY-MM-DD" });
const code3 = z.string().regex(/^[A-Z0-9]{3}$/, "expected a three-character code");
const named = z.object({ code: code3, name: z.string().min(1) });
const kinds = ["state", "igo", "person", "org", "group", "agent"] as const satisfies readonly ActorKind[];

const codesFile = z.object({
  about: z.object({ title: z.string(), sources: z.array(z.string()) }),
  roles: z.array(named.extend({ kind: z.enum(["primary", "secondary", "organization"]) })),
  regions: z.array(named),
  religions: z.array(named),
  organizations: z.array(named),
});

const roleSchema = z.object({
  code: z.string().regex(/^[A-Z0-9]{3,}$/),
  title: z.string().min(1),
  from: day.nullable(),
  to: day.nullable(),
  source: z.string().min(1),
});

const entrySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "ids are lower-case words joined by hyphens"),
  kind: z.enum(kinds).optional(),
  code: z.string().regex(/^[A-Z0-9]{3,}$/),
  country: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullable()
    .optional(),
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  demonyms: z.array(z.string().min(1)).optional(),
  capitals: z.array(z.string().min(1)).optional(),
  roles: z.array(roleSchema).optional(),
  from: day.nullable().optional(),
  to: day.nullable().optional(),
});

const entriesFile = z.object({
  about: z.object({ title: z.string(), sources: z.array(z.string()).min(1) }),
  kind: z.enum(kinds),
  entries: z.array(z.unknown()),
});

const sharedFile = z.object({
  about: z.object({ title: z.string() }),
  shared: z.array(
    z.object({ text: z.string().min(1), entries: z.array(z.string()).min(2), note: z.string() }),
  ),
});

function readYaml({ path, text }: TextFile): unknown {
  try {
    return parseYaml(text);
  } catch (e) {
    throw new ActorDataError(`${path}: ${(e as Error).message}`);
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new ActorDataError(`${where}: ${issue.path.join(".") || "value"}: ${issue.message}`);
}

/** The entries of one registry file (data/actors/registry/*.yaml), each validated. */
export function parseEntriesFile(source: TextFile): ActorEntry[] {
  const file = source.path;
  const doc = check(entriesFile, readYaml(source), file);
  return doc.entries.map((raw, i) => {
    const id = (raw as { id?: unknown })?.id;
    const e = check(entrySchema, raw, `${file}: entry ${typeof id === "string" ? `"${id}"` : `#${i + 1}`}`);
    const kind = e.kind ?? doc.kind;
    const entry: ActorEntry = {
      id: e.id,
      kind,
      code: e.code,
      country: e.country !== undefined ? e.country : null,
      name: e.name,
      aliases: e.aliases,
    };
    for (const k of ["demonyms", "capitals", "roles", "from", "to"] as const) {
      if (e[k] !== undefined) Object.assign(entry, { [k]: e[k] });
    }
    return entry;
  });
}

/** Fill in countries from codes and check every code and role against the tables. */
function finish(entries: ActorEntry[], codes: ActorCodes, fileOf: Map<string, string>): void {
  for (const e of entries) {
    const where = `${fileOf.get(e.id) ?? "entries"}: entry "${e.id}"`;
    if (!codes.isKnown(e.code)) throw new ActorDataError(`${where}: unknown actor code "${e.code}"`);
    if (e.country === null && e.kind !== "agent") e.country = codes.parse(e.code).country;
    for (const r of e.roles ?? []) {
      if (!codes.isKnown(r.code))
        throw new ActorDataError(`${where}: role "${r.title}" has unknown code "${r.code}"`);
      if (r.from && r.to && r.from > r.to) {
        throw new ActorDataError(`${where}: role "${r.title}" ends (${r.to}) before it starts (${r.from})`);
      }
    }
  }
}

/**
 * The generated tables (data/actors/generated/*.tsv, built by scripts/build-actors.ts), entry ids
 * `<file name>-<row>`. Their codes were checked against the tables when built (the build's
 * `--check`, run by the tests, keeps them so).
 */
function generatedTables(files: TextFile[], codes: ActorCodes): ActorTable[] {
  const countryOf = (code: string) => (codes.isKnown(code) ? codes.parse(code).country : null);
  return files.map(({ path, text }) => {
    const name = path.split(/[\\/]/).pop() ?? path;
    try {
      return new ActorTable(text, path, name.replace(/\.tsv$/, ""), `generated/${name}`, countryOf);
    } catch (e) {
      throw new ActorDataError((e as Error).message);
    }
  });
}

/** Validate the actor tables' files and build their data; the errors name the file and the entry. */
export function parseActorData(files: ActorFiles): ActorData {
  const c = check(codesFile, readYaml(files.codes), files.codes.path);
  const entries: ActorEntry[] = [];
  const fileOf = new Map<string, string>();
  for (const source of files.registry) {
    for (const e of parseEntriesFile(source)) {
      const prev = fileOf.get(e.id);
      if (prev) throw new ActorDataError(`${source.path}: entry "${e.id}" duplicates an id of ${prev}`);
      fileOf.set(e.id, source.path);
      entries.push(e);
    }
  }
  const countries = entries.filter((e) => e.kind === "state").map((e) => ({ code: e.code, name: e.name }));
  const tables: CodeTables = { ...c, countries };
  const codes = new ActorCodes(tables);
  finish(entries, codes, fileOf);
  const sharedPath = files.shared.path;
  const shared = check(sharedFile, readYaml(files.shared), sharedPath).shared;
  for (const s of shared) {
    for (const id of s.entries) {
      if (!fileOf.has(id)) throw new ActorDataError(`${sharedPath}: "${s.text}" names unknown entry "${id}"`);
    }
  }
  return { tables, entries, shared, generated: generatedTables(files.generated, codes) };
}

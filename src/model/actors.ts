/**
 * Yalu's actors: CAMEO actor codes (country ISO3 or IGO code plus roles), the code tables, and the
 * actor registry (data/actors) with aliases, demonyms, capitals and dated roles. The tables' files
 * are read at the edge (formats' `loadActorData`) and passed in.
 *
 * @example
 * const data = loadActorData();               // formats/actor-data.ts
 * const reg = ActorRegistry.fromData(data);
 * reg.lookup("Pyongyang");                    // { code: "PRKGOV", … via: "capital" }
 * reg.lookup("Kim Jong Un", "2011-12-16");    // { code: "PRKELI", … }
 * new ActorCodes(data.tables).parse("CHNGOV"); // { country: "CHN", igo: null, roles: ["GOV"], rest: [] }
 */
export type { CodeTables, NamedCode, ParsedActorCode } from "./actor-codes.ts";
export { ActorCodes } from "./actor-codes.ts";
export type { ActorData, ActorFiles, SharedForm, TextFile } from "./actor-data.ts";
export { ActorDataError, parseActorData, parseEntriesFile } from "./actor-data.ts";
export { latestRole, roleAt } from "./actor-roles.ts";
export { isAcronym, surfaceKey } from "./actor-text.ts";
export type {
  ActorEntry,
  ActorKind,
  DatedRole,
  ResolvedActor,
  ResolvedVia,
  SurfaceForm,
} from "./actor-types.ts";
export { ActorRegistry } from "./registry.ts";

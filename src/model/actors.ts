/**
 * Yalu's actors: CAMEO actor codes (country ISO3 or IGO code plus roles), the code tables, and the
 * actor registry (data/actors) with aliases, demonyms, capitals and dated roles.
 *
 * @example
 * const reg = ActorRegistry.default();
 * reg.lookup("Pyongyang");                    // { code: "PRKGOV", … via: "capital" }
 * reg.lookup("Kim Jong Un", "2011-12-16");    // { code: "PRKELI", … }
 * parseActorCode("CHNGOV");                   // { country: "CHN", igo: null, roles: ["GOV"], rest: [] }
 */
import { ActorCodes, type ParsedActorCode } from "./actor-codes.ts";
import { defaultActorData } from "./actor-data.ts";

export type { CodeTables, NamedCode, ParsedActorCode } from "./actor-codes.ts";
export { ActorCodes } from "./actor-codes.ts";
export type { ActorData, SharedForm } from "./actor-data.ts";
export { ActorDataError, loadActorData, readEntriesFile } from "./actor-data.ts";
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

let codes: ActorCodes | undefined;

/** The project's code tables (countries, roles, regions, religions, organisations). */
export function actorCodes(): ActorCodes {
  codes ??= new ActorCodes(defaultActorData().tables);
  return codes;
}

/**
 * Split a CAMEO actor code: "CHNGOV" → country "CHN", roles ["GOV"]; "IGOUNO" → igo "UNO";
 * "IGOWSTNAT" → igo "WSTNAT". Parts that are not a country, IGO or role are kept in `rest`.
 */
export function parseActorCode(code: string): ParsedActorCode {
  return actorCodes().parse(code);
}

/** True if every part of a code is in the project's tables. */
export function isKnownActorCode(code: string): boolean {
  return actorCodes().isKnown(code);
}

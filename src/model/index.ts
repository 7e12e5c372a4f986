/** Yalu's model: the event, actor and taxonomy types and tables, and the record's query types. */
export {
  type ActorData,
  ActorDataError,
  type ActorFiles,
  parseActorData,
  parseEntriesFile,
  type TextFile,
} from "./actor-data.ts";
export { surfaceKey } from "./actor-text.ts";
export type { ActorEntry, ResolvedActor, ResolvedVia } from "./actor-types.ts";
export {
  type Actor,
  type Citation,
  type DatePrecision,
  dateEnd,
  datePrecisionOf,
  dateStart,
  type Event,
  eventId,
  type QuadClass,
  utcDate,
} from "./event.ts";
export { EventValidationError, normalizeEvent } from "./normalize.ts";
export type {
  ActorFilter,
  AggregateRow,
  Bucket,
  DyadRow,
  EventQuery,
  EventReader,
  IndicatorPoint,
} from "./query.ts";
export { ActorRegistry } from "./registry.ts";
export {
  CAMEO,
  cameoName,
  goldsteinOf,
  isCameoCode,
  ploverOf,
  quadClassOf,
  ROOTS,
  rootOf,
} from "./taxonomy.ts";

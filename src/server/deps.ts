import type { Event } from "../model/index.ts";
import type { Store } from "../store/index.ts";
import type { AnswerCache } from "./cache.ts";
import type { JobPool } from "./pool.ts";

/**
 * Text → events, as the coder provides it (`codeDocument` of src/coder); `signal` aborts when the
 * request's client leaves.
 */
export type CodeDocument = (
  text: string,
  options: { docId?: string; docDate?: string },
  signal?: AbortSignal,
) => Promise<{ events: Event[] }> | { events: Event[] };

/** What the routes share: the store, the cache of answers, and the write settings. */
export interface Deps {
  store: Store;
  cache: AnswerCache;
  /** Bearer token for write endpoints; undefined disables writes. */
  token: string | undefined;
  /** Names and aliases of a state as written in text ("DPRK"), for the UN-vote indicator. */
  names: (state: string) => Promise<string[]>;
  /** The brief's claims file. */
  briefClaims: string;
  coder: () => Promise<CodeDocument>;
  /** The worker threads that run CPU-heavy work off the event loop. */
  pool: JobPool;
  /** Refuse an actor that has no events in the record (404 naming the parameter). */
  requireActor: (code: string, parameter: string) => Promise<void>;
}

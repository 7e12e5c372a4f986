/**
 * A role an actor held for a period: the CAMEO actor code it carries while in that role.
 * `from` and `to` are YYYY-MM-DD and both inclusive (`to` is the last day in the role, as sources
 * give it); null means open-ended.
 */
export interface DatedRole {
  code: string;
  title: string;
  from: string | null;
  to: string | null;
  source: string;
}

/** What an entry of the registry stands for. "agent" is a generic role noun ("foreign ministry"). */
export type ActorKind = "state" | "igo" | "person" | "org" | "group" | "agent";

/**
 * One entry of the actor registry. `code` is the entry's CAMEO actor code outside any dated role
 * (for a person: country + ELI); `country` its ISO3 country (null for IGOs and agents).
 */
export interface ActorEntry {
  id: string;
  kind: ActorKind;
  code: string;
  country: string | null;
  name: string;
  aliases: string[];
  demonyms?: string[];
  /** Capitals (seats of government): a capital mention stands for country + GOV. */
  capitals?: string[];
  roles?: DatedRole[];
  /** Period the entry existed (historical states), YYYY-MM-DD inclusive; used to settle shared forms. */
  from?: string | null;
  to?: string | null;
  /**
   * True for entries generated from outside dictionaries (data/actors/generated): the hand-written
   * registry wins every surface form both have, and their forms match only capitalised text.
   */
  generated?: boolean;
}

/** How a surface form matched an entry, or that a dated role or a generic title set the code. */
export type ResolvedVia = "name" | "alias" | "demonym" | "capital" | "title" | "role";

/** An actor as resolved from a surface form at a date. */
export interface ResolvedActor {
  code: string;
  country: string | null;
  name: string;
  entryId: string;
  via: ResolvedVia;
}

/** One surface form of the registry, for building a matcher (trie). */
export interface SurfaceForm {
  text: string;
  entryId: string;
  via: ResolvedVia;
  /** True for short all-capital acronyms ("US", "UN") that a matcher should match case-sensitively. */
  caseSensitive: boolean;
  /** True if the form matches only text with a capital ("Pole", not "a pole"; see actor-text.ts). */
  needsCapital: boolean;
  /** True for a form of a generated entry (the hand-written registry and role nouns win over it). */
  generated?: boolean;
}

import type { ActorEntry } from "./actors.ts";
import type { AgentEntry } from "./agents.ts";
import type { PhraseIndex } from "./phrases.ts";
import type { ParsedSentence, TreeNode } from "./tree.ts";

/** One coded actor of a phrase: an actor code (null = agent only) and its agent codes. */
export interface ActorCoding {
  actor: string | null;
  prefixes: string[];
  suffixes: string[];
}

/** A coded noun phrase: its actors (several for a compound) and the words it covers. */
export interface NounCoding {
  codings: ActorCoding[];
  start: number;
  end: number;
  /** The coded conjuncts of a compound, whose words patterns may still match around. */
  parts?: NounCoding[];
  /** True for a new actor (new_actor_length): its words stay visible to patterns. */
  isNew?: boolean;
}

export interface NounContext {
  sentence: ParsedSentence;
  actors: PhraseIndex<ActorEntry>;
  agents: PhraseIndex<AgentEntry>;
  date: number | null;
  /** PETRARCH's new_actor_length (0 = off). */
  newActorLength?: number;
  /** Codings already computed for this sentence's noun phrases. */
  memo?: Map<TreeNode, NounCoding | null>;
}

import { DEFAULT_EU_OPTIONS, type EuOptions } from "./eu-utility.ts";

/** A named combination of expected-utility options, with the text or code it follows. */
export interface EuVariant {
  options: Omit<EuOptions, "rounds">;
  source: string;
}

/**
 * The expected-utility variants Yalu names. `scholz-code` is checked against a reference run of
 * the code (test/forecast/eu-scholz-code.test.ts); the other two follow the published equations,
 * which no public code reproduces to the published numbers (SPEC §2.3).
 */
export const EU_VARIANTS = {
  "scholz-code": {
    options: {
      probabilityDenominator: "global",
      votes: "risk",
      risk: "security",
      perspective: "evaluator",
      q: 1,
      t: 1,
      range: "initial",
      median: "weighted",
      acceptance: "scholz",
      capitulation: "dead",
    },
    source:
      "the code Scholz, Calbert & Smith (2011) published, as jmckib/bdm-scholz-expected-utility-model " +
      "replicates it for 10 rounds: P over all votes of all voters on all pairs; votes from each voter's " +
      "distances raised to its risk exponent; both EUs of a dyad valued with the exponent of the actor " +
      "reading it, which moves on its own reading; risk from the summed EUs of challenges against each " +
      "actor (r = 1), scaled over all actors; Q = 1; Δ from the initial positions; precedence " +
      "confrontation > compromise > capitulation, compromises ranked by the EU-weighted average of the " +
      "two positions; capitulation never offered",
  },
  "scholz-paper": {
    options: { ...DEFAULT_EU_OPTIONS },
    source:
      "the equations of Scholz, Calbert & Smith (2011), 'Unravelling Bueno de Mesquita's group decision " +
      "model' (eqs 15–33): P_i(i,j) over the votes on that pair (eq. 30), linear votes, each actor's EU " +
      "with its own risk exponent, risk from security over the other actors (eqs 32–33), Q = T = 1, " +
      "Δ from the initial positions, each actor accepts the offer that moves it least",
  },
  "bdm-1994": {
    options: { ...DEFAULT_EU_OPTIONS, risk: "hypothetical" },
    source:
      "Bueno de Mesquita (1994), 'Political forecasting: an expected utility method' (and 1985, 'The " +
      "war trap revisited') as SPEC §2.2 reads them: as scholz-paper, but each actor's risk compares " +
      "its security with the security it would have at the positions it could have held",
  },
} as const satisfies Record<string, EuVariant>;

export type EuVariantName = keyof typeof EU_VARIANTS;

export const EU_VARIANT_NAMES = Object.keys(EU_VARIANTS) as EuVariantName[];

/** The options of a variant (default `scholz-paper`), with `overrides` on top. */
export function euOptionsOf(variant: string | undefined, overrides: Partial<EuOptions> = {}): EuOptions {
  const name = variant ?? "scholz-paper";
  if (!(name in EU_VARIANTS)) {
    throw new Error(`unknown expected-utility variant "${name}" (one of: ${EU_VARIANT_NAMES.join(", ")})`);
  }
  return {
    ...DEFAULT_EU_OPTIONS,
    ...EU_VARIANTS[name as EuVariantName].options,
    ...overrides,
  };
}

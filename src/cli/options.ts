import type { Command } from "commander";
import type { z } from "zod";
import { FORMATS, type FormatName } from "../formats/index.ts";
import type { EventQuery } from "../model/index.ts";
import { filterShape, pageShape, toEventQuery, validateFilters } from "../store/index.ts";
import { usage } from "./error.ts";

/** The event filter flags shared by `yalu events` and `yalu export`, as commander parses them. */
export interface FilterFlags {
  dyad?: string;
  directed?: boolean;
  actor?: string;
  source?: string;
  target?: string;
  root?: string;
  cameo?: string;
  quad?: string;
  from?: string;
  to?: string;
  text?: string;
  machine?: boolean | string;
  minConfidence?: string;
  limit?: string;
  offset?: string;
  order?: string;
}

/**
 * Declare the filter flags on a command; `page: false` leaves out --limit, --offset and --order
 * (commands that summarise all matching events, such as `yalu phases`).
 */
export function withFilters(cmd: Command, page = true): Command {
  cmd
    .option("--dyad <a-b>", "two actor codes (prefixes), e.g. CHN-PRK; both directions unless --directed")
    .option("--directed", "with --dyad: only events from the first actor to the second")
    .option("--actor <code>", "events with this actor (code prefix) on either side")
    .option("--source <code>", "events with this source actor (code prefix)")
    .option("--target <code>", "events with this target actor (code prefix)")
    .option("--root <roots>", "CAMEO roots 01-20, comma-separated, e.g. 04,05")
    .option("--cameo <codes>", "CAMEO code prefixes, comma-separated, e.g. 043,1041")
    .option("--quad <classes>", "quad classes 1-4, comma-separated")
    .option("--from <date>", "events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    .option("--to <date>", "events on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    .option("--text <words>", "case-insensitive text search over sentence, description and citation title")
    .option(
      "--machine [true|false]",
      "only machine-coded events (with a confidence), or with false only the others",
    )
    .option("--min-confidence <p>", "only machine-coded events whose confidence is at least p (0-1)");
  if (!page) return cmd;
  return cmd
    .option("--limit <n>", "at most n events")
    .option("--offset <n>", "skip the first n events")
    .option("--order <order>", "date order: asc or desc", "asc");
}

/** The flag of a schema field: minConfidence → --min-confidence. */
export const flagName = (name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * Validate flags against a shape of the store's filter schema (the API's parameters have the same
 * names); a bad value is a usage error naming the flag. Flags outside the shape are not read.
 */
export function parseFlags<S extends z.ZodRawShape>(shape: S, flags: object): z.output<z.ZodObject<S>> {
  const given = flags as Record<string, unknown>;
  const input = Object.fromEntries(
    Object.keys(shape)
      .filter((k) => given[k] !== undefined)
      .map((k) => [k, given[k]]),
  );
  const r = validateFilters(shape, input);
  if (!r.ok) throw usage(r.issue.message(flagName));
  return r.value;
}

/**
 * Validate the filter flags into an `EventQuery` with the store's filter schema (the API's too);
 * a bad value is a usage error naming the flag.
 */
export function parseFilters(f: FilterFlags): EventQuery {
  return toEventQuery(parseFlags({ ...filterShape, ...pageShape }, f));
}

/** Validate a --format value. */
export function parseFormat(value: string | undefined): FormatName | undefined {
  if (value === undefined) return undefined;
  if (!(FORMATS as readonly string[]).includes(value)) {
    throw usage(`invalid --format "${value}": expected one of ${FORMATS.join(", ")}`);
  }
  return value as FormatName;
}

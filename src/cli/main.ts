import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { CliError, EXIT_FAILURE, EXIT_USAGE } from "./error.ts";

/** The package's version, from package.json (two folders up from src/cli and from dist/cli alike). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/**
 * Build the `yalu` program. Each subcommand's module is imported only when that command runs,
 * so `yalu --help` stays fast.
 */
export function program(): Command {
  const p = new Command("yalu")
    .description("Relations between states from text: code events, keep the record, measure, forecast.")
    .version(packageVersion())
    .exitOverride()
    .showHelpAfterError();
  const dbOption = "--db <path>";
  const dbHelp = "database: a DuckDB file path (default: $YALU_DB, else the user data directory)";

  // Subcommands are registered below, one block each; the action imports the command's module.
  p.command("check")
    .description("check claims (YAML or JSON) against the record: supported, contradicted or not enough data")
    .argument("<claims>", "claims file, e.g. data/claims/brief.yaml")
    .option(dbOption, dbHelp)
    .option("--json", "print the full results as JSON")
    .action(async (file: string, opts) => (await import("./check.ts")).runCheck(file, opts));

  p.command("serve")
    .description("serve the HTTP API and the dashboard (writes need $YALU_TOKEN)")
    .option(dbOption, dbHelp)
    .option("--port <n>", "port (default: $PORT, else 8080)")
    .option("--host <host>", "interface to listen on (default: $HOST, else 127.0.0.1)")
    .option("--no-web", "serve the API only")
    .action(async (opts) => (await import("./serve.ts")).runServe(opts));

  p.command("forecast")
    .description("bargaining forecast (KTAB SMP or BDM expected utility) for a scenario, with baselines")
    .argument("<scenario>", "a shipped scenario (china-dprk, …) or a .yaml/.json/.csv/.xml/.txt file")
    .option("--vs <base>", "compare with another scenario (default: the scenario's base)")
    .option("--model <model>", "smp or eu", "smp")
    .option("--json", "print JSON")
    .option("--mc <runs>", "Monte Carlo sensitivity over this many perturbed runs")
    .option("--seed <seed>", "seed for stochastic transitions and Monte Carlo")
    .option("--sd <p,s,c>", "perturbation: position sd, salience sd (points), capability log-sd", "5,5,0.1")
    .option("--param <name=value...>", "SMP model parameters, e.g. votingRule=PropCbc")
    .option("--eu <name=value...>", "expected-utility options, e.g. risk=neutral q=0.5")
    .option("--log", "print every turn: positions, probabilities, challenges, bargains, choices")
    .option("--no-log", "omit who moved and why (shown by default for ≤ 12 actors)")
    .option("--drivers", "what drives the forecast: the inputs whose change moves it most")
    .option("--derive", "show the inputs the event record suggests (needs the store)")
    .option(
      "--backtest",
      "run a backtest (data/backtests/NAME or a file): each model's error against what the record says happened",
    )
    .option(dbOption, dbHelp)
    .option("--from <date>", "with --derive: events from this date")
    .option("--to <date>", "with --derive: events up to this date")
    .action(async (scenario: string, opts) => {
      const { forecastCommand } = await import("./forecast.ts");
      await forecastCommand(scenario, opts);
    });
  p.command("code")
    .description("code English text (plain, Markdown or PETRARCH XML) into dated CAMEO/PLOVER events")
    .argument("<file>", "input file, or - for standard input")
    .option(
      "--doc-date <date>",
      "document date (YYYY-MM-DD) for relative and undated sentences (default: --published)",
    )
    .option("--format <format>", "output: jsonl, tsv or gdelt2", "jsonl")
    .option("--input <kind>", "input kind: auto, text, markdown or xml", "auto")
    .option("--store", "write the events to the store instead of standard output")
    .option(dbOption, dbHelp)
    .option(
      "--dictionaries <dir>",
      "code with PETRARCH/TABARI dictionaries (a directory, or directory/prefix)",
    )
    .option("--url <url>", "the document's URL, for the events' citation")
    .option("--title <title>", "the document's title, for the citation")
    .option("--publication <name>", "where the document was published, for the citation")
    .option("--published <date>", "the document's publication date (YYYY-MM-DD), for the citation")
    .option("--sense", "also code clauses the lexicon is silent on by the learned event sense (slower)")
    .option("--min-confidence <p>", "keep only events whose confidence is at least p (0–1)")
    .option(
      "--skip-bad",
      "PETRARCH XML: skip malformed records, reporting each on stderr, instead of failing",
    )
    .action(async (file: string, opts: import("./code.ts").CodeCommandOptions) => {
      const { runCode } = await import("./code.ts");
      await runCode(file, opts);
    });
  p.command("eval")
    .description(
      "score coder output against a gold standard (PETRARCH XML, PLOVER JSON, CSV, ConfliBERT or PLV TSV)",
    )
    .argument("<gold>", "gold file")
    .option("--pred <file>", "predicted events (JSON Lines or CSV); default: code the gold's sentences")
    .option(
      "--dictionaries <dir>",
      "code with PETRARCH/TABARI dictionaries (a directory, or directory/prefix)",
    )
    .option("--json", "print the report as JSON")
    .option("--sense", "code with the learned event sense as well (see yalu code --sense)")
    .option("--min-confidence <p>", "score only the coded events whose confidence is at least p (0–1)")
    .option("--skip-bad", "skip malformed gold records, reporting each on stderr, instead of failing")
    .action(async (gold: string, opts: import("./eval.ts").EvalOptions) => {
      const { runEval } = await import("./eval.ts");
      await runEval(gold, opts);
    });
  p.command("parse")
    .description("Universal Dependencies parse of English text (plain, Markdown, PETRARCH XML or CoNLL-U)")
    .argument("<file>", "input file, or - for standard input")
    .option("--input <kind>", "input kind: auto, text, markdown, xml or conllu", "auto")
    .option("--json", "print JSON Lines, one sentence a line, instead of CoNLL-U")
    .option("--model <file>", "a parser model file (default: the shipped UD English EWT model)")
    .action(async (file: string, opts) => (await import("./parse.ts")).runParse(file, opts));
  p.command("eval-parse")
    .description("score the parser (or a given parse) against a gold CoNLL-U treebank: UAS, LAS, UPOS")
    .argument("<gold>", "gold CoNLL-U file")
    .option("--pred <file>", "a parse to score (CoNLL-U); default: parse the gold's words here")
    .option("--model <file>", "a parser model file (default: the shipped one)")
    .option("--json", "print the scores as JSON")
    .action(async (gold: string, opts) => (await import("./parse.ts")).runEvalParse(gold, opts));
  p.command("import")
    .description("import event files into the record (one batch: all or nothing)")
    .argument("[files...]", "GDELT, ICEWS, PLOVER, CSV, JSON Lines or Parquet files (.gz/.zip too)")
    .option("--flagship", "load the shipped China–DPRK record (events and trade) into the database")
    .option("--format <format>", "gdelt1, gdelt2, icews, plover, csv, jsonl or parquet (default: detected)")
    .option("--skip-bad", "skip malformed rows, reporting each on stderr, instead of rejecting the batch")
    .option(dbOption, dbHelp)
    .action(async (files: string[], opts) => (await import("./import.ts")).runImport(files, opts));

  p.command("export")
    .description("export events, filtered, to a file or stdout")
    .option(
      "--format <format>",
      "gdelt1, gdelt2, icews, plover, csv, jsonl or parquet (default: by --out, else jsonl)",
    )
    .option("--out <file>", "output file (.gz/.zip compress text formats; default: stdout)")
    .option("--excel", "CSV for Excel: UTF-8 byte order mark and CRLF line ends (non-ASCII names read right)")
    .option(dbOption, dbHelp)
    .action(async (opts) => (await import("./export.ts")).runExport(opts));

  p.command("events")
    .description("list events: a table, or JSON Lines with --json")
    .option("--json", "print JSON Lines of the event JSON form")
    .option(dbOption, dbHelp)
    .action(async (opts) => (await import("./events.ts")).runEvents(opts));

  p.command("phases")
    .description("phases and turning points of a dyad's relationship (as /api/phases): a table, or --json")
    .option("--bucket <bucket>", "period of the series: day, month, quarter or year", "year")
    .option("--penalty <p>", "PELT penalty per phase (default: from the series)")
    .option("--threshold <points>", "smallest change in mean Goldstein called warming or cooling", "1")
    .option("--min-size <n>", "fewest periods in a phase", "1")
    .option("--min-period-events <n>", "fewest events in the median period for phases to be called", "2")
    .option("--json", "print the full answer as JSON")
    .option(dbOption, dbHelp)
    .action(async (opts) => (await import("./phases.ts")).runPhases(opts));

  // The filter flags of export, events and phases are added once one of them is chosen (`yalu
  // events …`, `yalu help export`), so other commands, --version and --help never load the filters
  // (and zod). Phases summarise every matching event: no --limit, --offset or --order.
  p.hook("preSubcommand", async (_, sub) => {
    const name = sub.name();
    if (name === "export" || name === "events" || name === "phases")
      (await import("./options.ts")).withFilters(sub, name !== "phases");
  });

  p.command("indicators")
    .description("a dyad's leverage indicators (as /api/indicators): trade, UN votes, contacts, conflict")
    .requiredOption("--dyad <a-b>", "two actor codes, e.g. CHN-PRK (trade is the a-b series)")
    .option("--json", "print the full answer as JSON")
    .option(dbOption, dbHelp)
    .action(async (opts) => (await import("./indicators.ts")).runIndicators(opts));

  p.command("plot")
    .description("save a dashboard chart as SVG, PNG or its data as CSV (drawn by the dashboard in chromium)")
    .argument("<plot>", "dyad (or phases), indicators or network")
    .requiredOption("--out <file>", "the file: .svg, .png or .csv")
    .option("--dyad <a-b>", "two actor codes (dyad, phases, indicators; default CHN-PRK)")
    .option("--from <date>", "window start (dyad, phases, network)")
    .option("--to <date>", "window end (dyad, phases, network)")
    .option("--bucket <bucket>", "phases by year, quarter or month (dyad, phases)")
    .option("--level <level>", "network nodes: country or code")
    .option("--chart <name>", "which chart of the view: phases, coverage; trade, contacts, conflict")
    .option("--width <px>", "width of the page the chart is drawn on, in pixels", "1000")
    .option(dbOption, dbHelp)
    .action(async (kind: string, opts) => (await import("./plot.ts")).runPlot(kind, opts));

  p.command("stats")
    .description("what the record holds: events, dates, actors, roots, origins, indicators")
    .option("--coverage", "events per dyad per year, thin and silent years marked")
    .option(
      "--dyads <list>",
      "with --coverage: comma-separated dyads, e.g. CHN-PRK,PRK-RUS (default the largest)",
    )
    .option("--from <year>", "with --coverage: first year (default 1990)")
    .option("--to <year>", "with --coverage: last year (default the last year with events)")
    .option("--thin <n>", "with --coverage: a year with fewer events than this is thin (default 3)")
    .option("--top <n>", "with --coverage: dyads shown when none are named (default 8)")
    .option("--json", "print JSON")
    .option(dbOption, dbHelp)
    .action(async (opts) => (await import("./stats.ts")).runStats(opts));
  void dbOption;
  void dbHelp;

  return p;
}

/** Run the CLI; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  // A closed pipe (`yalu events | head`) ends output quietly rather than with a stack trace.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
  });
  try {
    await program().parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version") return 0;
      if (err.exitCode === 0) return 0;
      return EXIT_USAGE;
    }
    if (err instanceof CliError) {
      process.stderr.write(`yalu: ${err.message}\n`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`yalu: ${message}\n`);
    if (process.env.YALU_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return EXIT_FAILURE;
  }
}

import { Command, CommanderError } from "commander";
import { CliError, EXIT_FAILURE, EXIT_USAGE } from "./error.ts";

/**
 * Build the `yalu` program. Each subcommand's module is imported only when that command runs,
 * so `yalu --help` stays fast.
 */
export function program(): Command {
  const p = new Command("yalu")
    .description("Relations between states from text: code events, keep the record, measure, forecast.")
    .version("0.1.0")
    .exitOverride()
    .showHelpAfterError();
  const dbOption = "--db <path>";
  const dbHelp = "database: a DuckDB file path (default: $YALU_DB, else the user data directory)";

  // Subcommands are registered below, one block each; the action imports the command's module.
  p.command("eval")
    .description("score coder output against a gold standard (PETRARCH XML, PLOVER JSON, CSV, ConfliBERT TSV)")
    .argument("<gold>", "gold file")
    .option("--pred <file>", "predicted events (JSON Lines or CSV); default: code the gold's sentences")
    .option("--dictionaries <dir>", "code with PETRARCH/TABARI dictionaries (a directory, or directory/prefix)")
    .option("--json", "print the report as JSON")
    .action(async (gold: string, opts: { pred?: string; dictionaries?: string; json?: boolean }) => {
      const { runEval } = await import("./eval.ts");
      await runEval(gold, opts);
    });
  void dbOption;
  void dbHelp;

  return p;
}

/** Run the CLI; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
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

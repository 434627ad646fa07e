// The CLI's entry function: parses argv, runs the command, and maps errors to exit codes — 2 for bad
// arguments or unusable inputs (message names the argument), 1 for anything else; never a stack trace.

import { parseArgs, USAGE, UsageError } from "./args";
import { evaluateCommand } from "./evaluateCommand";
import { predictCommand } from "./predictCommand";
import { trainCommand } from "./trainCommand";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t + "\n"),
  stderr: (t) => process.stderr.write(t + "\n"),
};

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h") {
    io.stderr(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  try {
    const { command, flags } = parseArgs(argv);
    if (command === "train") trainCommand(flags, io.stderr);
    else if (command === "predict") predictCommand(flags, io.stderr);
    else evaluateCommand(flags, io.stdout);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`error: ${e.message}\n\n${USAGE}`);
      return e.exitCode;
    }
    io.stderr(`error: ${(e as Error).message ?? String(e)}`);
    return 1;
  }
}

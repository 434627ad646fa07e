// Command-line argument parsing for `npm run ml -- <command> --flag value …`: checks the command, required
// and unknown flags, and raises UsageError (exit code 2) with a message naming the offending argument.

export const COMMANDS = ["train", "predict", "evaluate"] as const;
export type Command = (typeof COMMANDS)[number];

export class UsageError extends Error {
  readonly exitCode = 2;
}

const FLAGS: Record<Command, { required: string[]; optional: string[] }> = {
  train: { required: ["data", "target", "task", "out"], optional: ["params", "event", "calibrate"] },
  predict: { required: ["model", "data", "out"], optional: [] },
  evaluate: { required: ["model", "data", "target"], optional: ["event"] },
};

export const USAGE = `usage:
  npm run ml -- train --data FILE.csv --target COLUMN --task classification|regression|quantile|survival
                      [--params JSON] [--event COLUMN] [--calibrate isotonic|platt] --out MODEL.json
  npm run ml -- predict --model MODEL.json --data FILE.csv --out PREDICTIONS.csv
  npm run ml -- evaluate --model MODEL.json --data FILE.csv --target COLUMN [--event COLUMN]`;

export interface ParsedArgs {
  command: Command;
  flags: Record<string, string>;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (!command) throw new UsageError(`missing command (one of ${COMMANDS.join(", ")})`);
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command "${command}" (one of ${COMMANDS.join(", ")})`);
  const spec = FLAGS[command as Command];
  const flags: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i];
    if (!token.startsWith("--")) throw new UsageError(`unexpected argument "${token}"`);
    const eq = token.indexOf("=");
    const name = eq > 0 ? token.slice(2, eq) : token.slice(2);
    if (![...spec.required, ...spec.optional].includes(name)) throw new UsageError(`unknown argument --${name} for ${command}`);
    const value = eq > 0 ? token.slice(eq + 1) : rest[++i];
    if (value === undefined || (eq < 0 && value.startsWith("--"))) throw new UsageError(`argument --${name} needs a value`);
    if (name in flags) throw new UsageError(`argument --${name} given twice`);
    flags[name] = value;
  }
  const missing = spec.required.find((r) => !(r in flags));
  if (missing) throw new UsageError(`missing required argument --${missing}`);
  return { command: command as Command, flags };
}

/**
 * One way for every program in tools/ to read its command line: node:util's parseArgs,
 * `--help` printing the usage, and a wrong option ending the program with the usage and
 * exit code 2 (a mistake to correct, not a crash).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandLine {
  /** One line: how to call it. */
  usage: string;
  /** What it does and what each option means, printed under the usage by --help. */
  description: string;
  options: Options;
  /** Whether words without a leading -- are allowed (file names, sub-commands). */
  positionals?: boolean;
}

export interface ParsedCommandLine {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function readCommandLine(spec: CommandLine, argv = process.argv.slice(2)): ParsedCommandLine {
  const help = `usage: ${spec.usage}\n\n${spec.description.trim()}\n`;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...spec.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: spec.positionals ?? false,
      strict: true,
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${help}`);
    process.exit(2);
  }
  if (parsed.values.help) {
    process.stdout.write(help);
    process.exit(0);
  }
  return { values: parsed.values as ParsedCommandLine['values'], positionals: parsed.positionals };
}

/** A numeric option: the number, or the program ends with what was wrong (exit 2). */
export function numberOption(
  values: ParsedCommandLine['values'],
  name: string,
  fallback: number,
  check: (n: number) => boolean = Number.isFinite,
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !check(n)) invalidOption(name, raw);
  return n;
}

/** Ends the program with what was wrong in an option (exit 2): a usage error, not a stack trace. */
export function invalidOption(name: string, raw: unknown, expected = 'a valid value'): never {
  process.stderr.write(`--${name}: "${String(raw)}" is not ${expected}\n`);
  process.exit(2);
}
